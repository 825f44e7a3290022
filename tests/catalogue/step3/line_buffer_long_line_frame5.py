"""Step 3 in line framing with its own buffer over recv(1024): bytes are gathered until "\n". To
keep the buffer bounded, once more than 1024 bytes have arrived without a "\n" it answers
"Erreur : message trop long" and empties the buffer, but forgets to skip the rest of that line,
which is then echoed as a message of its own. A long line that arrives at once gets one reply,
the same line cut by TCP two (mutation blind spot of issue 21).
canaduck-expect: step=3 framing=line fails=FRAME-5
"""
import socket

TAILLE_MAX = 1024

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

while True:
    conn, addr = serveur.accept()
    tampon = b""
    try:
        fini = False
        while not fini:
            data = conn.recv(1024)
            if not data:
                break
            tampon += data
            if b"\n" not in tampon and len(tampon) > TAILLE_MAX + 1:   # + 1 : la place d'un "\r"
                conn.sendall("Erreur : message trop long\n".encode("utf-8"))
                tampon = b""
                continue
            while b"\n" in tampon:
                ligne, tampon = tampon.split(b"\n", 1)
                message = ligne.decode("utf-8", errors="replace")
                if message.endswith("\r"):
                    message = message[:-1]
                if message == "fin":
                    fini = True
                    break
                conn.sendall((message + "\n").encode("utf-8"))
    except OSError as e:
        print("Client perdu :", e)
    conn.close()
