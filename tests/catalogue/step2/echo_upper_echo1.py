"""Step 2, the handout's loop, but the reply is upper-cased ("pour bien voir la réponse"): the
text is not the same (ECHO-1); the characters themselves survive, so no encoding fault.
canaduck-expect: step=2 fails=ECHO-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

while True:
    msg = conn.recv(1024).decode()
    if msg == "fin":
        break
    conn.send(msg.upper().encode())

conn.close()
serveur.close()
