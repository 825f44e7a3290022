"""Step 3 with a non-breaking space (U+00A0) pasted from the handout PDF: the file does not compile.
canaduck-expect: step=3 starts=no
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(5)
while True:
    conn, addr = serveur.accept()
    conn.close()
