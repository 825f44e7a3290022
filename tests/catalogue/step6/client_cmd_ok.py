"""Step 6, asks for a pseudo, then sends commands and prints each reply until /bye.
canaduck-expect: step=6 role=client
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Impossible de se connecter au serveur.")
    sys.exit(1)


def echanger(texte):
    """Envoie un message et renvoie la réponse du serveur ("" s'il a fermé)."""
    client.send(texte.encode())
    return client.recv(1024).decode()


try:
    pseudo = input("Votre pseudo : ")
    print("Serveur :", echanger(pseudo))
    print("Commandes : /all <texte>, /me <action>, /help, /bye")
    while True:
        commande = input(pseudo + " > ")
        reponse = echanger(commande)
        if not reponse:
            print("Le serveur a fermé la connexion.")
            break
        print("Serveur :", reponse)
        if commande == "/bye":
            break
except ConnectionError:
    print("Connexion perdue avec le serveur.")
client.close()
