"""Step 5, sends each expression typed, prints the result or the server's error.
canaduck-expect: step=5 role=client
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Erreur : aucun serveur de calcul sur le port 63000.")
    sys.exit(1)

print("Calculatrice en réseau (fin pour quitter)")
while True:
    expression = input("Calcul > ")
    try:
        client.send(expression.encode())
        if expression == "fin":
            break
        resultat = client.recv(1024).decode()
    except ConnectionError:
        print("Erreur : connexion perdue.")
        break
    if not resultat:
        print("Le serveur a fermé la connexion.")
        break
    print("=", resultat)

client.close()
