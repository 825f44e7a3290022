"""Step 8 that also tells every other connected client about each new message ("Nouveau
message : ..."), as a chat would: the others get a message they never asked for (TURN-1). The
sender gets its acknowledgement; /find, /get and /count answer as the spec says.
canaduck-expect: step=8 fails=TURN-1
"""
import socket
import threading

messages = []
clients = []
lock = threading.Lock()


def traiter(msg, conn):
    if msg.startswith("/find "):
        cherche = msg[len("/find "):]
        with lock:
            positions = [str(i + 1) for i, m in enumerate(messages) if m == cherche]
        return " ".join(positions) if positions else "0"
    if msg.startswith("/get "):
        numero = msg[len("/get "):]
        if not numero.isdigit():
            return "Erreur : /get <numéro>"
        with lock:
            if 1 <= int(numero) <= len(messages):
                return messages[int(numero) - 1]
        return f"Erreur : pas de message {numero}"
    if msg == "/count":
        with lock:
            return str(len(messages))
    if msg.startswith("/"):
        return "Erreur : commande inconnue"
    with lock:
        messages.append(msg)
        for autre in clients:
            if autre is not conn:
                try:
                    autre.send(f"Nouveau message : {msg}".encode())
                except OSError:
                    pass
    return "Message reçu et stocké."


def gerer_client(conn, addr):
    with lock:
        clients.append(conn)
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            conn.send(traiter(msg, conn).encode())
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        with lock:
            clients.remove(conn)
        conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
