"""A step-3 server handed in as step 7: one client at a time, so a silent client blocks everybody
(PAR-1) and 20 simultaneous clients are not all served (PAR-2).
canaduck-expect: step=7 fails=PAR-1,PAR-2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            conn.send(msg.encode())
    except ConnectionError:
        pass
    conn.close()
