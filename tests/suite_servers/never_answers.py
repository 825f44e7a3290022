"""A server that accepts every client and never says anything (faults: everything, fast)."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(50)
clients = []
while True:
    conn, addr = server.accept()
    clients.append(conn)       # keep it open, read nothing, answer nothing
