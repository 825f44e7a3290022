"""Step 2, sends fin and skips the recv, but forgot the break: back to input() for good.
canaduck-expect: step=2 role=client fails=CLIENT-4
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
        client.send(msg.encode())
        # Pas de réponse à attendre pour "fin"
        if msg != "fin":
            reponse = client.recv(1024).decode()
            if not reponse:
                print("Le serveur a fermé la connexion.")
                break
            print("Serveur :", reponse)
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break

client.close()
