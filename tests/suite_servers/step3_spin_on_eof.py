"""Step 3 server that survives resets and bad bytes but loops on EOF (fault: ROBUST-1 only)."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(5)
while True:
    conn, addr = server.accept()
    try:
        while True:
            data = conn.recv(1024)
            if data.decode("utf-8", "replace") == "fin":
                break
            conn.send(data)          # b"" on EOF: loops forever, never closes
    except OSError:
        pass
    conn.close()
