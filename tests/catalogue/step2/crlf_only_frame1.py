"""Step 2, waits for "\r\n" (the student tested with Windows telnet only): a message ending with
"\n" alone, or with nothing, is never answered.
canaduck-expect: step=2 fails=FRAME-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()

tampon = b""
while True:
    data = conn.recv(1024)
    if not data:
        break
    tampon += data
    while b"\r\n" in tampon:
        ligne, tampon = tampon.split(b"\r\n", 1)
        msg = ligne.decode()
        if msg == "fin":
            conn.close()
            raise SystemExit
        conn.sendall((msg + "\r\n").encode())
conn.close()
