"""Step 1, the handout's client lines copied as they are: the reply is received, never printed.
canaduck-expect: step=1 role=client fails=CLIENT-2
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
except ConnectionError:
    print("La connexion avec le serveur a été perdue.")
client.close()
