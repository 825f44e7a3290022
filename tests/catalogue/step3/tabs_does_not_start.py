"""Step 3 indented with a tab in one line and spaces elsewhere: TabError, nothing runs.
canaduck-expect: step=3 starts=no
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(5)
while True:
    conn, addr = serveur.accept()
    while True:
        data = conn.recv(1024)
	if not data:
            break
        conn.send(data)
    conn.close()
