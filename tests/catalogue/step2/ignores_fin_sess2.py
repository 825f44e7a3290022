"""Step 2 that forgot the `fin` test (the handout's question): `fin` is echoed like any message and
the connection stays open; ends only at end of file.
canaduck-expect: step=2 fails=SESS-2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

while True:
    data = conn.recv(1024)
    if not data:
        break
    conn.send(data.decode().encode())

conn.close()
