"""Step 3, leaves on fin without sending it ("le serveur verra bien que je suis parti"): the server
gets an end of file instead of fin.
canaduck-expect: step=3 role=client fails=CLIENT-1
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
    if msg == "fin":
        # Pas besoin de prévenir le serveur, on ferme la connexion
        break
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

client.close()
print("Au revoir !")
