"""Step 3 grown from step 2: the step-2 `accept()` was kept above the new loop, which has its own.
The first client is accepted, then dropped unserved when the loop's `accept()` takes the second one
(its socket object is replaced); every later client is served, one at a time. The loop is the
handout's, with no `if not msg` test and no `try`: a client that leaves without `fin` makes it spin
on empty reads (never accepting again), a reset or bytes that are not UTF-8 (or 3000 bytes, whose
byte 1024 splits a character) kill it. With --target (one server for every check) the first of
those leaves it spinning, and the other ROBUST checks after it are not reached: --server-cmd only.
canaduck-expect: step=3 fails=SEQ-2,ROBUST-1,ROBUST-2,ROBUST-3,ROBUST-4 modes=server-cmd
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)
conn, addr = serveur.accept()       # étape 2
print("Connexion de", addr)

while True:                         # étape 3 : plusieurs clients
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    while True:
        msg = conn.recv(1024).decode()
        if msg == "fin":
            break
        conn.send(msg.encode())
    conn.close()
