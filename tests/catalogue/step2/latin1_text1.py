"""Step 2, reads UTF-8 but answers in Latin-1 with errors="replace" (copied from a Windows tutorial):
accents come back as Latin-1 bytes and the emoji as "?". The 1024-byte message of "€" comes back
as "?" too, so SIZE-1 fails with TEXT-1 (its content is the proof that it was one message).
canaduck-expect: step=2 fails=TEXT-1,SIZE-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

while True:
    msg = conn.recv(1024).decode("utf-8", errors="replace")
    if msg == "fin":
        break
    conn.send(msg.encode("latin-1", errors="replace"))

conn.close()
