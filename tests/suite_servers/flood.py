"""A server that sends bytes without end to every client, from the moment it connects."""
import socket
import threading


def flood(conn):
    try:
        while True:
            conn.sendall(b"coin " * 4096)
    except OSError:
        conn.close()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(50)
while True:
    conn, addr = server.accept()
    threading.Thread(target=flood, args=(conn,), daemon=True).start()
