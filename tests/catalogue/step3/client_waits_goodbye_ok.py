"""Step 3, after sending fin waits for the server's goodbye (SESS-2 allows one) or its close, then ends.
canaduck-expect: step=3 role=client
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
        reponse = client.recv(1024).decode()
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse)
    # On s'arrête une fois que le serveur a répondu au "fin"
    if msg == "fin":
        break

client.close()
