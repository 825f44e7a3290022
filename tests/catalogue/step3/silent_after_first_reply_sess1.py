"""Step 3 whose loop reads every message but replies to the first one only: the `send()` was left
above the loop, with the first `recv()`. Each session's later messages get no reply (SESS-1);
`fin` still closes, and the next client is served.
canaduck-expect: step=3 fails=SESS-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    try:
        msg = conn.recv(1024).decode(errors="replace")
        if msg and msg != "fin":
            conn.send(msg.encode())
            while True:
                msg = conn.recv(1024).decode(errors="replace")
                if not msg or msg == "fin":
                    break
                print("Reçu :", msg)
    except OSError as e:
        print("Client perdu :", e)
    conn.close()
