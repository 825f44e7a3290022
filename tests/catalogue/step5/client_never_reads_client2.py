"""Step 5, sends each expression but never reads the result: nothing of the server is printed.
Never reading, it cannot see the server close either; the suite checks the ending clauses only on
a client that prints replies, so this one fault costs CLIENT-2 alone (CLIENT-5: not reached).
canaduck-expect: step=5 role=client fails=CLIENT-2
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
    except ConnectionError:
        print("Erreur : connexion perdue.")
        break
    if expression == "fin":
        break
    print("Calcul envoyé :", expression)

client.close()
