"""Step 2, the handout's loop as is: recv(1024), no delimiter, reply without newline, one client.
canaduck-expect: step=2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
print("Connexion de", addr)

# Lecture et renvoi en boucle
while True:
    msg = conn.recv(1024).decode()
    if msg == "fin":
        break
    conn.send(msg.encode())

conn.close()
serveur.close()
