"""Step 8 server whose shared list has no lock: read, pause, write back (fault: STORE-5)."""
import socket
import threading
import time

messages = []


def store(text):
    global messages
    snapshot = list(messages)      # no lock: concurrent writers overwrite each other
    time.sleep(0.001)
    messages = snapshot + [text]
    return len(messages)


def handle(conn):
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            text = data.decode("utf-8", "replace")
            if text == "fin":
                break
            if text.startswith("/find "):
                wanted = text[len("/find "):]
                found = [str(i + 1) for i, m in enumerate(messages) if m == wanted]
                conn.send((" ".join(found) or "0").encode())
            elif text.startswith("/get "):
                arg = text[len("/get "):]
                if arg.isdigit() and 1 <= int(arg) <= len(messages):
                    conn.send(messages[int(arg) - 1].encode())
                else:
                    conn.send(f"Erreur : pas de message {arg}".encode())
            elif text == "/count":
                conn.send(str(len(messages)).encode())
            elif text.startswith("/"):
                conn.send("Erreur : commande inconnue".encode())
            else:
                store(text)
                conn.send("Message reçu et stocké.".encode())
    except OSError:
        pass
    conn.close()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(50)
while True:
    conn, addr = server.accept()
    threading.Thread(target=handle, args=(conn,), daemon=True).start()
