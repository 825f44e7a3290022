"""Step 1, asks the user to press Enter before saying hello: nothing is sent until someone types.
canaduck-expect: step=1 role=client fails=CLIENT-7
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

# On attend que l'utilisateur soit prêt avant de dire bonjour
try:
    input("Appuyez sur Entrée pour dire bonjour au serveur...")
except EOFError:
    pass

try:
    client.send("Bonjour serveur !".encode())
    message = client.recv(1024).decode()
    print("Serveur :", message)
except ConnectionError:
    print("La connexion avec le serveur a été perdue.")
client.close()
