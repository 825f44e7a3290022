"""Step 4, chat in turns with the server's operator; either side ends with fin.
canaduck-expect: step=4 role=client
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Le serveur n'est pas joignable.")
    sys.exit(1)

print("Discussion ouverte. Écrivez fin pour partir.")
while True:
    message = input("Vous > ")
    try:
        client.send(message.encode())
        if message == "fin":
            break
        reponse = client.recv(1024).decode()
    except ConnectionError:
        print("La connexion a été coupée.")
        break
    if not reponse:
        print("Le serveur a quitté la discussion.")
        break
    print("Serveur dit:", reponse)
    # Le serveur peut aussi terminer la discussion
    if reponse == "fin":
        print("Le serveur a terminé la discussion.")
        break

client.close()
