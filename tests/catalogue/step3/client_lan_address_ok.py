"""Step 3, the step-2 client aimed at the classmate's machine (a LAN address), `except OSError`.
canaduck-expect: step=3 role=client
"""
import socket
import sys

# Adresse IP de la machine du binôme (trouvée avec `ip a`)
SERVEUR = ("192.168.1.42", 63000)

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(SERVEUR)
except OSError as e:
    print("Connexion au serveur impossible :", e)
    sys.exit(1)

while True:
    try:
        msg = input("Message : ")
    except EOFError:
        msg = "fin"
    try:
        client.send(msg.encode())
        if msg == "fin":
            break
        reponse = client.recv(1024).decode()
    except OSError as e:
        print("Erreur de connexion :", e)
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse)

client.close()
