"""Step 1, handout code: one recv(1024), one reply without newline, then close. One-shot.
canaduck-expect: step=1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
print("Serveur en attente sur le port 63000...")
conn, addr = serveur.accept()
print("Connexion de", addr)

message = conn.recv(1024).decode()
print("Reçu :", message)
conn.send("Bonjour client !".encode())

conn.close()
serveur.close()
