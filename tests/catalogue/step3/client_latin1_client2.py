"""Step 3, decodes the replies as latin-1 ("pour ne jamais planter"): accents come out as Ã©.
canaduck-expect: step=3 role=client fails=CLIENT-2
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
    msg = input("Message : ")
    try:
        client.send(msg.encode())
        if msg == "fin":
            break
        # latin-1 accepte n'importe quel octet : pas d'UnicodeDecodeError
        reponse = client.recv(1024).decode("latin-1")
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse)

client.close()
