"""Step 3 that handles EOF and bad UTF-8 but not ConnectionResetError / BrokenPipeError: a client
that dies with unread data (TCP RST) takes the whole server down.
canaduck-expect: step=3 fails=ROBUST-2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    while True:
        data = conn.recv(1024)
        if not data:
            break
        msg = data.decode(errors="replace")
        if msg == "fin":
            break
        conn.send(msg.encode())
    conn.close()
