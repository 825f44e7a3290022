"""Step 8 exactly as the handout asks: a global list, a global lock, an acknowledgement for every
message; no /find, /get or /count (spec 7.8 adds them), so they are stored like any message.
canaduck-expect: step=8 fails=STORE-2,STORE-3
"""
import socket
import threading

messages = []
lock = threading.Lock()


def traiter(msg):
    with lock:
        messages.append(msg)
        print("Ajout sécurisé")
    return "Message reçu et stocké."


def gerer_client(conn, addr):
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            conn.send(traiter(msg).encode())
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
