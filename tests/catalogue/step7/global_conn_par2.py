"""Step 7 whose thread function uses the global `conn` instead of a parameter: once a second
client connects, every thread reads and answers on the newest connection, so replies go to the
wrong client (PAR-2). One client at a time works perfectly.
canaduck-expect: step=7 fails=PAR-2
"""
import socket
import threading


def gerer_client():
    while True:
        try:
            data = conn.recv(1024)
        except ConnectionError:
            break
        if not data:
            break
        msg = data.decode(errors="replace")
        if msg == "fin":
            break
        try:
            conn.send(msg.encode())
        except ConnectionError:
            break
    conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, daemon=True).start()
