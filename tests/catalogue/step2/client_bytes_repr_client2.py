"""Step 2, prints the bytes object it received, undecoded: accents shown as \\xc3\\xa9 escapes inside b'...'.
canaduck-expect: step=2 role=client fails=CLIENT-2
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Connexion impossible : le serveur n'est pas lancé.")
    sys.exit(1)

while True:
    msg = input("Vous : ")
    try:
        client.send(msg.encode())
        if msg == "fin":
            break
        reponse = client.recv(1024)
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse)

client.close()
