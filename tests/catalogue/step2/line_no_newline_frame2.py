"""Step 2, reads lines with makefile().readline() but answers with send(msg.encode()), without "\n".
canaduck-expect: step=2 framing=line fails=FRAME-2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
f = conn.makefile("rb")

while True:
    ligne = f.readline()
    if not ligne:
        break
    msg = ligne.decode().rstrip("\r\n")
    if msg == "fin":
        break
    conn.send(msg.encode())

conn.close()
