"""Step 7 with a ThreadPoolExecutor(max_workers=2) "pour ne pas surcharger la machine": two idle
clients are fine, but with 20 clients at once the others wait in the queue (PAR-2).
canaduck-expect: step=7 fails=PAR-2
"""
import socket
from concurrent.futures import ThreadPoolExecutor


def gerer_client(conn, addr):
    with conn:
        try:
            while True:
                data = conn.recv(1024)
                if not data:
                    return
                msg = data.decode(errors="replace")
                if msg == "fin":
                    return
                conn.sendall(msg.encode())
        except ConnectionError:
            return


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

with ThreadPoolExecutor(max_workers=2) as pool:
    while True:
        conn, addr = serveur.accept()
        pool.submit(gerer_client, conn, addr)
