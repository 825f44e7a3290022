"""Step 2, echoes with an "Echo: " prefix (ECHO-1 wants the same text, nothing added).
canaduck-expect: step=2 fails=ECHO-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

while True:
    msg = conn.recv(1024).decode()
    if msg == "fin":
        break
    conn.send(("Echo: " + msg).encode())

conn.close()
