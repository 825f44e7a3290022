"""Step 5, reads results with recv(128) ("un résultat tient toujours en 128 octets"): a long reply
is cut, possibly inside an accented character (UnicodeDecodeError).
canaduck-expect: step=5 role=client fails=CLIENT-3
"""
import socket
import sys

TAILLE_MAX = 128  # un résultat de calcul est court

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
        resultat = client.recv(TAILLE_MAX).decode()
    except ConnectionError:
        print("Erreur : connexion perdue.")
        break
    if not resultat:
        print("Le serveur a fermé la connexion.")
        break
    print("=", resultat)

client.close()
