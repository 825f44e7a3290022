"""Step 7 server that serves one client at a time (faults: PAR-1, PAR-2)."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(50)
while True:
    conn, addr = server.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data or data == b"fin":
                break
            conn.send(data)
    except OSError:
        pass
    conn.close()
