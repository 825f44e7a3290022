"""Step 8 whose /get strips the stored text (`messages[n - 1].strip()`): the list keeps the
spaces, /find finds them, /get loses them.
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
        numero = msg[len("/get "):]
        if not numero.isdigit():
            return "Erreur : /get <numéro>"
        with lock:
            if 1 <= int(numero) <= len(messages):
                return messages[int(numero) - 1].strip()
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
