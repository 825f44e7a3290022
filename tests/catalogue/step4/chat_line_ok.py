"""Step 4 in line framing (makefile), no prompt, print without flush (PYTHONUNBUFFERED or not,
CHAT-5 is only a SHOULD), operator's `fin` sent with "\n" then close.
canaduck-expect: step=4 framing=line modes=server-cmd
"""
import socket
import sys

s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 63000))
s.listen()

while True:
    conn, addr = s.accept()
    f = conn.makefile("rwb")
    for ligne in f:
        texte = ligne.decode("utf-8").rstrip("\n").rstrip("\r")
        if texte == "fin":
            break
        print(f"[{addr[0]}] {texte}")
        sys.stdout.flush()
        reponse = sys.stdin.readline().rstrip("\n")
        f.write((reponse + "\n").encode("utf-8"))
        f.flush()
        if reponse == "fin":
            break
    f.close()
    conn.close()
