"""Step 2, no `if not reponse` test and no try: after the server closes, empty replies, then a
ConnectionResetError / BrokenPipeError traceback (or another empty reply) at the next line.
canaduck-expect: step=2 role=client fails=CLIENT-5
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
    msg = input("Vous : ")
    client.send(msg.encode())
    if msg == "fin":
        break
    reponse = client.recv(1024).decode()
    print("Serveur :", reponse)

client.close()
