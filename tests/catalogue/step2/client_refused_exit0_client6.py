"""Step 2, catches the refused connection and says so, but exit() ends with code 0 (success).
canaduck-expect: step=2 role=client fails=CLIENT-6
"""
import socket

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Le serveur n'est pas lancé, au revoir.")
    exit()

while True:
    msg = input("Vous : ")
    try:
        client.send(msg.encode())
        if msg == "fin":
            break
        reponse = client.recv(1024).decode()
    except ConnectionError:
        print("Connexion perdue avec le serveur.")
        break
    if not reponse:
        print("Le serveur a fermé la connexion.")
        break
    print("Serveur :", reponse)

client.close()
