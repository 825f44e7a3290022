"""Step 2, line framing that only strips "\n": from `nc -C` or telnet, "fin\r" is not `fin`, and
every echo carries a stray "\r" inside its text.
canaduck-expect: step=2 framing=line fails=FRAME-3
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
f = conn.makefile("rb")

while True:
    ligne = f.readline()
    if not ligne:
        break
    msg = ligne.decode().rstrip("\n")
    if msg == "fin":
        break
    conn.sendall((msg + "\n").encode())

conn.close()
