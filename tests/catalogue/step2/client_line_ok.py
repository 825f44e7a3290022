"""Step 2, line framing (next lab's socketserver): sends text + "\n", reads replies with readline().
canaduck-expect: step=2 role=client framing=line
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Le serveur ne répond pas.")
    sys.exit(1)

# Un fichier pour lire les réponses ligne par ligne
fichier = client.makefile("r", encoding="utf-8", newline="\n")

while True:
    texte = input("> ")
    try:
        client.sendall((texte + "\n").encode("utf-8"))
        if texte == "fin":
            break
        ligne = fichier.readline()
    except ConnectionError:
        print("Connexion perdue.")
        break
    if not ligne:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", ligne.rstrip("\r\n"))

fichier.close()
client.close()
