"""Step 3, cleans what the user typed with .strip() before sending: spaces around are lost.
canaduck-expect: step=3 role=client fails=CLIENT-1
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
    # On enlève les espaces en trop
    msg = input("Message : ").strip()
    try:
        client.send(msg.encode())
        if msg == "fin":
            break
        reponse = client.recv(1024).decode()
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse)

client.close()
