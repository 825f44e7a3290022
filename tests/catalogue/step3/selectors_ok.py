"""Step 3 with selectors (non-blocking, serves everybody at once, which is allowed). Raw framing,
strips a trailing newline, replies with "\n", `fin` case-insensitive.
canaduck-expect: step=3
"""
import selectors
import socket

sel = selectors.DefaultSelector()


def accepter(serveur):
    conn, addr = serveur.accept()
    print("Nouveau client", addr)
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, lire)


def fermer(conn):
    sel.unregister(conn)
    conn.close()


def lire(conn):
    try:
        data = conn.recv(1024)
    except ConnectionError:
        fermer(conn)
        return
    if not data:
        fermer(conn)
        return
    texte = data.decode("utf-8", errors="replace")
    if texte.endswith("\n"):
        texte = texte[:-1].rstrip("\r")
    if texte.lower() == "fin":
        fermer(conn)
        return
    try:
        conn.sendall((texte + "\n").encode("utf-8"))
    except (BlockingIOError, ConnectionError):
        fermer(conn)


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(100)
serveur.setblocking(False)
sel.register(serveur, selectors.EVENT_READ, accepter)

while True:
    for cle, _ in sel.select():
        cle.data(cle.fileobj)
