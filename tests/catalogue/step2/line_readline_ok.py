"""Step 2, line framing with conn.makefile(): readline, strip "\r\n", reply with "\n".
canaduck-expect: step=2 framing=line
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
fichier = conn.makefile("rwb")

for ligne in fichier:
    msg = ligne.decode("utf-8").rstrip("\n")
    if msg.endswith("\r"):  # telnet / nc -C envoient "\r\n"
        msg = msg[:-1]
    if msg == "fin":
        break
    fichier.write((msg + "\n").encode("utf-8"))
    fichier.flush()

fichier.close()
conn.close()
serveur.close()
