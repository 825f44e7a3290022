"""Step 2 without the loop: one echo, then the server closes the connection.
canaduck-expect: step=2 fails=SESS-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

msg = conn.recv(1024).decode()
if msg != "fin":
    conn.send(msg.encode())
conn.close()
serveur.close()
