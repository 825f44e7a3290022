"""Step 3 with accept() copied twice in the loop: the first connection of each turn is accepted,
then dropped unserved when the second one arrives (its socket object is replaced); only every
second client is served.
canaduck-expect: step=3 fails=SEQ-2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    conn, addr = serveur.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            conn.send(msg.encode())
    except (ConnectionResetError, BrokenPipeError) as e:
        print("Client perdu :", e)
    conn.close()
