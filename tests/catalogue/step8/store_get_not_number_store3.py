"""Step 8, store_lock_ok without the test that /get's argument is a number: int("abc") raises
ValueError in the client's thread, which ends without a reply and closes the connection (mutation
blind spot of issue 21: the suite sent no /get with a non-number).
canaduck-expect: step=8 fails=STORE-3
"""
import socket
import threading

messages = []
lock = threading.Lock()


def traiter(msg):
    if msg.startswith("/find "):
        cherche = msg[len("/find "):]
        with lock:
            positions = [str(i + 1) for i, m in enumerate(messages) if m == cherche]
        return " ".join(positions) if positions else "0"
    if msg.startswith("/get "):
        numero = int(msg[len("/get "):])
        with lock:
            if 1 <= numero <= len(messages):
                return messages[numero - 1]
        return f"Erreur : pas de message {numero}"
    if msg == "/count":
        with lock:
            return str(len(messages))
    if msg.startswith("/"):
        return "Erreur : commande inconnue"
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
