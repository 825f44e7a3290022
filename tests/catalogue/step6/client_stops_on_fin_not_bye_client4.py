"""Step 6, the step-2 client kept as is: it stops on "fin", so after /bye it prints the goodbye
and asks for the next command.
canaduck-expect: step=6 role=client fails=CLIENT-4
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Impossible de se connecter au serveur.")
    sys.exit(1)

while True:
    msg = input("Vous : ")
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
