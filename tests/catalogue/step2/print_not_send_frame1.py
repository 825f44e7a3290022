"""Step 2, the handout's loop with `print` where `send` belongs: the server shows each message on
its own terminal and sends nothing back, so no reply tells its framing (FRAME-1).
canaduck-expect: step=2 fails=FRAME-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
print("Connexion de", addr)

# Lecture et renvoi en boucle
while True:
    msg = conn.recv(1024).decode()
    if msg == "fin":
        break
    print(msg)

conn.close()
serveur.close()
