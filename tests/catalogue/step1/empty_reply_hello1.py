"""Step 1: the reply text was left as a TODO, so the server sends only "\n" and closes.
canaduck-expect: step=1 fails=HELLO-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

message = conn.recv(1024).decode()
print("Reçu :", message)
reponse = ""  # TODO : écrire la réponse
conn.send((reponse + "\n").encode())
conn.close()
serveur.close()
