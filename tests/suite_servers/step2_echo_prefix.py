"""Step 2 server that decorates its echo with 'Echo: ' (fault: ECHO-1 only)."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(1)
conn, addr = server.accept()
while True:
    msg = conn.recv(1024).decode()
    if msg == "fin" or not msg:
        break
    conn.send(("Echo: " + msg).encode())
conn.close()
