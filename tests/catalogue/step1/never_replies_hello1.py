"""Step 1 that prints the client's message and closes without answering (the student forgot the
send()).
canaduck-expect: step=1 fails=HELLO-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
message = conn.recv(1024).decode()
print("Client dit:", message)
conn.close()
serveur.close()
