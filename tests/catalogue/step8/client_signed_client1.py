"""Step 8, signs every message with the user's name ("pour savoir qui a écrit quoi"), fin included.
canaduck-expect: step=8 role=client fails=CLIENT-1
"""
import socket
import sys

NOM = "Roger"

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Erreur : serveur introuvable.")
    sys.exit(1)

print("Messages partagés : tapez un message, /find <texte>, /get <n> ou fin.")
try:
    while True:
        ligne = input("Message > ")
        # On signe chaque message avec son nom
        client.sendall(f"{NOM} : {ligne}".encode("utf-8"))
        if ligne == "fin":
            break
        reponse = client.recv(1024)
        if not reponse:
            print("Le serveur a fermé la connexion.")
            break
        print("Serveur :", reponse.decode("utf-8"))
except ConnectionError as erreur:
    print("Connexion interrompue :", erreur)
finally:
    client.close()
