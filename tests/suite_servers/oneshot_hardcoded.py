"""Step 1 server as in the handout: hard-coded port 63000, one client, then exit."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("", 63000))
server.listen(1)
conn, addr = server.accept()
message = conn.recv(1024).decode()
print("Client dit:", message, flush=True)
conn.send("Bonjour client !".encode())
conn.close()
