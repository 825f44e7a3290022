"""Step 3, handout code with errors handled but no `if not data` test: when a client leaves
without `fin`, recv() returns b"" forever and the server spins at 100 % CPU, never accepting again.
canaduck-expect: step=3 fails=ROBUST-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    try:
        while True:
            msg = conn.recv(1024).decode(errors="replace")
            if msg == "fin":
                break
            conn.send(msg.encode())
    except ConnectionError:
        pass
    conn.close()
