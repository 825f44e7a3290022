"""Step 7, receiving thread without `if not donnees`: when the server closes, recv() returns b""
at once, forever, and the thread prints empty replies in a loop.
canaduck-expect: step=7 role=client fails=CLIENT-5
"""
import socket
import sys
import threading

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Impossible de se connecter au serveur.")
    sys.exit(1)

en_cours = True


def recevoir():
    """Thread de réception : affiche chaque message du serveur."""
    while en_cours:
        try:
            message = client.recv(1024).decode()
        except OSError:
            break
        print("\nServeur :", message)


recepteur = threading.Thread(target=recevoir, daemon=True)
recepteur.start()

while True:
    message = input("Vous : ")
    try:
        client.send(message.encode())
    except OSError:
        print("Connexion perdue.")
        break
    if message == "fin":
        break

# On arrête le thread de réception proprement
en_cours = False
try:
    client.shutdown(socket.SHUT_RDWR)
except OSError:
    pass
recepteur.join(timeout=2)
client.close()
