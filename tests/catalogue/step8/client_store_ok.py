"""Step 8, the step-2 client with a prompt: stores messages, asks /find and /get, ends on fin.
canaduck-expect: step=8 role=client
"""
import socket
import sys

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
        client.sendall(ligne.encode("utf-8"))
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
