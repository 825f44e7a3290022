"""Step 6 written from the step-2 server (one client, no accept loop): the pseudo is read without a
reply, and only two commands are answered: `/bye` (the spec's goodbye, then the server closes and
exits) and `/danse`, a command of the student's own. `/me`, `/all`, `/help`, unknown and malformed
commands get no reply at all. Raw framing: it answers `/bye` sent bare. CMD-4 and CMD-5 hold (the
goodbye carries the pseudo as sent).
canaduck-expect: step=6 fails=CMD-1,CMD-2,CMD-3,CMD-6,CMD-7,CMD-8,SEQ-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

conn, addr = serveur.accept()
print("Connexion de", addr)
try:
    pseudo = conn.recv(1024).decode(errors="replace")
    while True:
        data = conn.recv(1024)
        if not data:
            break
        commande = data.decode(errors="replace")
        if commande == "/bye":
            conn.send(f"À bientôt {pseudo} !".encode())
            break
        elif commande == "/danse":
            conn.send(f"{pseudo} danse la macarena".encode())
        # TODO : /all, /me, /help
except OSError as e:
    print("Client perdu :", e)
conn.close()
serveur.close()
