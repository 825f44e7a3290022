"""Step 3 testing `if "fin" in msg`: "fin de journée", "enfin" or "fine" end the session.
Otherwise robust (EOF, resets, invalid UTF-8).
canaduck-expect: step=3 fails=SESS-3
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

while True:
    conn, addr = serveur.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if "fin" in msg:
                print("Le client a terminé")
                break
            conn.send(msg.encode())
    except ConnectionError:
        pass
    conn.close()
