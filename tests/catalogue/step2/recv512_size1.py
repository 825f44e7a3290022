"""Step 2 with a 512-byte buffer ("ça suffit largement"): a 1024-byte message is read in two
pieces and answered twice, and a multi-byte character cut at byte 512 becomes U+FFFD.
canaduck-expect: step=2 fails=SIZE-1
"""
import socket

TAILLE_BUFFER = 512

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

while True:
    msg = conn.recv(TAILLE_BUFFER).decode(errors="replace")
    if msg == "fin" or not msg:
        break
    conn.send(msg.encode())

conn.close()
