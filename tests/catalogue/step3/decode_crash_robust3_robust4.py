"""Step 3 with a bare .decode() in the main loop: invalid UTF-8 raises UnicodeDecodeError and kills
the server (ROBUST-3); so does a message longer than 1024 bytes whose character is cut at byte
1024 by recv(1024) (ROBUST-4): one bug, both clauses.
canaduck-expect: step=3 fails=ROBUST-3,ROBUST-4
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode()
            if msg == "fin":
                break
            conn.send(msg.encode())
    except ConnectionError:
        print("client perdu")
    conn.close()
