"""Step 3 where `fin` stops the whole server (like tests/catalogue/step3/exits_on_fin_seq1.py), and the
server then takes its time to exit (it "saves its log"), as any server does on a loaded machine:
its listening socket is closed, so later clients are refused, long before the process ends.
Only SEQ-1 may fail: a check that meets the refusal must not depend on how fast the process exits.
"""
import socket
import time

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

en_marche = True
while en_marche:
    conn, addr = serveur.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                en_marche = False
                break
            conn.send(msg.encode())
    except ConnectionError:
        pass
    conn.close()

serveur.close()
time.sleep(3)      # the slow exit: longer than the reply timeout, shorter than the start timeout
