"""Step 1: answers, then waits for a second message that never comes instead of closing.
The student copied the step-2 loop but forgot the close; the reply itself is fine.
canaduck-expect: step=1 fails=HELLO-2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

message = conn.recv(1024).decode()
print("Reçu :", message)
conn.send("Bonjour client !".encode())

# on attend la suite (au cas où le client aurait encore quelque chose à dire)
while True:
    suite = conn.recv(1024)
    if not suite:
        break
conn.close()
