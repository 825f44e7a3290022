"""Step 7 with selectors (one thread serves everybody): the `try` guards the recv() only. A client
that sends a message and resets at once (it crashed) has its message read, and the reply sent
into the reset raises ConnectionResetError (or BrokenPipeError) outside the `try`: the whole
server dies. (A reset seen by recv() itself is handled: the crash needs the message read first.)
canaduck-expect: step=7 fails=ROBUST-2
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
        print("Client parti")
        fermer(conn)
        return
    if not data:
        fermer(conn)
        return
    texte = data.decode("utf-8", errors="replace")
    if texte == "fin":
        fermer(conn)
        return
    conn.sendall(texte.encode("utf-8"))


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(100)
serveur.setblocking(False)
sel.register(serveur, selectors.EVENT_READ, accepter)

while True:
    for cle, _ in sel.select():
        cle.data(cle.fileobj)
