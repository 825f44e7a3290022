"""Step 7 that reads each client's first message in the main thread before starting its thread
(to log it): a client that connects and says nothing blocks accept() for everybody (PAR-1).
Clients that all talk are all served concurrently.
canaduck-expect: step=7 fails=PAR-1
"""
import socket
import threading


def gerer_client(conn, premier):
    data = premier
    try:
        while data:
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            conn.send(msg.encode())
            data = conn.recv(1024)
    except ConnectionError:
        pass
    conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    try:
        premier = conn.recv(1024)
    except ConnectionError:
        conn.close()
        continue
    print(addr, "commence par :", premier.decode(errors="replace"))
    threading.Thread(target=gerer_client, args=(conn, premier), daemon=True).start()
