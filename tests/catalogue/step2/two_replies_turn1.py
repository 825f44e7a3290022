"""Step 2, line framing: after the first echo the server also sends a hint line "(tape fin pour
quitter)", once, unprompted. The stale hint is then read as the reply to the next message, so that
one echo looks wrong too (ECHO-1): one fault, two clauses.
canaduck-expect: step=2 framing=line fails=TURN-1,ECHO-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
entree = conn.makefile("rb")

premier = True
for ligne in entree:
    msg = ligne.decode().rstrip("\n")
    if msg.endswith("\r"):
        msg = msg[:-1]
    if msg == "fin":
        break
    conn.sendall((msg + "\n").encode())
    if premier:
        conn.sendall("(tape fin pour quitter)\n".encode())
        premier = False

conn.close()
