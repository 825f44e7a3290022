"""Step 7 whose thread reads from its own socket but answers with `conn.send(...)`, the global
variable of the accept loop, instead of its parameter `client`: once a second client has
connected, every answer goes to the newest client (PAR-2). One client at a time works perfectly.
canaduck-expect: step=7 fails=PAR-2
"""
import socket
import threading


def gerer_client(client, addr):
    try:
        while True:
            data = client.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            conn.send(msg.encode())  # oups : `conn` est la variable globale (le dernier client)
    except OSError:
        pass
    client.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
