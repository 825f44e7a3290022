"""Step 2, the handout's client loop: input() with no prompt, print(reponse), stops on fin.
canaduck-expect: step=2 role=client
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
    msg = input()
    try:
        client.send(msg.encode())
        if msg == "fin":
            break
        reponse = client.recv(1024).decode()
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    # Le serveur a fermé la connexion : recv renvoie une chaîne vide
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print(reponse)

client.close()
