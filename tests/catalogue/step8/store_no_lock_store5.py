"""Step 8 without a lock, building the new list and then assigning it (messages = messages + [msg])
with a yield in between: concurrent writers overwrite each other, entries are lost.
canaduck-expect: step=8 fails=STORE-5
"""
import socket
import threading
import time

messages = []


def traiter(msg):
    global messages
    if msg.startswith("/find "):
        cherche = msg[len("/find "):]
        positions = [str(i + 1) for i, m in enumerate(messages) if m == cherche]
        return " ".join(positions) if positions else "0"
    if msg.startswith("/get "):
        numero = msg[len("/get "):]
        if not numero.isdigit():
            return "Erreur : /get <numéro>"
        if 1 <= int(numero) <= len(messages):
            return messages[int(numero) - 1]
        return f"Erreur : pas de message {numero}"
    if msg == "/count":
        return str(len(messages))
    if msg.startswith("/"):
        return "Erreur : commande inconnue"
    nouvelle = messages + [msg]  # on prépare la nouvelle liste
    time.sleep(0)                # (affichage de contrôle retiré) : un autre thread peut passer ici
    messages = nouvelle
    print("Ajout :", msg)
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
