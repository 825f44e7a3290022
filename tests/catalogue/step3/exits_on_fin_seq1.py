"""Step 3 where `fin` stops the whole server (the student read "fin" as "arrêter le serveur");
otherwise robust. The second client after a `fin` is refused.
canaduck-expect: step=3 fails=SEQ-1
"""
import socket

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
print("Serveur arrêté")
