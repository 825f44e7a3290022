"""Step 2, connect() without try: ConnectionRefusedError traceback when no server listens.
canaduck-expect: step=2 role=client fails=CLIENT-6
"""
import socket

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect(("localhost", 63000))

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
