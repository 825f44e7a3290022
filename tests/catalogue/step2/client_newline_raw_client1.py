"""Step 2, adds "\n" to every message, like nc does, on the handout's raw server: sends `fin\n`.
canaduck-expect: step=2 role=client fails=CLIENT-1
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
        # On termine chaque message par un retour à la ligne
        client.send((msg + "\n").encode())
        if msg == "fin":
            break
        reponse = client.recv(1024).decode()
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse.rstrip("\n"))

client.close()
