"""Step 3 that refuses messages longer than 1024 bytes: when a full recv(1024) is followed by more
data, it answers an error and closes the connection, then `continue`s the inner loop on the closed
socket: recv() raises OSError (bad file descriptor), which is not caught, and the server dies.
A message of exactly 1024 bytes is served normally.
canaduck-expect: step=3 fails=ROBUST-4
"""
import socket

TAILLE_MAX = 1024

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    while True:
        try:
            data = conn.recv(TAILLE_MAX)
        except ConnectionError:
            break
        if not data:
            break
        if len(data) == TAILLE_MAX:
            # buffer plein : y a-t-il une suite ? (lecture non bloquante)
            conn.setblocking(False)
            try:
                suite = conn.recv(TAILLE_MAX, socket.MSG_PEEK)
            except BlockingIOError:
                suite = b""
            conn.setblocking(True)
            if suite:
                conn.send("Erreur : message trop long".encode())
                conn.close()
                continue  # oups : on reste dans la boucle avec une socket fermée
        try:
            msg = data.decode()
        except UnicodeDecodeError:
            conn.send("Erreur : UTF-8 invalide".encode())
            continue
        if msg == "fin":
            break
        try:
            conn.send(msg.encode())
        except ConnectionError:
            break
    conn.close()
