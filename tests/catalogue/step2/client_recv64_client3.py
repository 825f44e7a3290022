"""Step 2, the handout's client with a small receive buffer ("les réponses sont courtes"):
recv(64). A short reply is printed whole; a long one is cut (or fails to decode where byte 64
splits a character).
canaduck-expect: step=2 role=client fails=CLIENT-3
"""
import socket
import sys

TAILLE = 64  # les réponses du serveur sont courtes

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
        reponse = client.recv(TAILLE).decode()
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print(reponse)

client.close()
