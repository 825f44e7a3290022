"""Step 7, handout threads with errors="replace" but no EOF test: each client that leaves without
`fin` leaves a thread spinning on recv() == b"" forever and its connection never closes.
canaduck-expect: step=7 fails=ROBUST-1
"""
import socket
import threading


def gerer_client(conn, addr):
    try:
        while True:
            msg = conn.recv(1024).decode(errors="replace")
            if msg == "fin":
                break
            conn.send(msg.encode())
    except ConnectionError:
        pass
    conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
