"""Step 3, line framing, but one recv(1024) per reply: a reply that arrives in two pieces is
printed as two (its first part, then the rest in place of the next reply).
canaduck-expect: step=3 role=client fails=CLIENT-3 framing=line
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Le serveur ne répond pas.")
    sys.exit(1)

while True:
    texte = input("> ")
    try:
        client.sendall((texte + "\n").encode("utf-8"))
        if texte == "fin":
            break
        reponse = client.recv(1024).decode("utf-8")
    except ConnectionError:
        print("Connexion perdue.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse.rstrip("\r\n"))

client.close()
