"""Step 1, the handout's client: says hello, prints the reply, closes; connect() guarded.
canaduck-expect: step=1 role=client
"""
import socket
import sys

# Création d'une socket côté client
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Impossible de joindre le serveur : est-il bien lancé ?")
    sys.exit(1)

try:
    client.send("Bonjour serveur !".encode())
    message = client.recv(1024).decode()
    print("Serveur :", message)
except ConnectionError:
    print("La connexion avec le serveur a été perdue.")
client.close()
