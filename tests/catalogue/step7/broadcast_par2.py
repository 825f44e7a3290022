"""Step 7 that sends every message to every connected client (a chat room, not an echo): alone,
a client gets its echo; with others connected, it also gets theirs (PAR-2).
canaduck-expect: step=7 fails=PAR-2
"""
import socket
import threading

clients = []
verrou = threading.Lock()


def diffuser(message):
    with verrou:
        for client in list(clients):
            try:
                client.send(message)
            except OSError:
                pass


def gerer_client(conn, addr):
    with verrou:
        clients.append(conn)
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            if data.decode(errors="replace") == "fin":
                break
            diffuser(data)
    except (ConnectionResetError, BrokenPipeError):
        print(addr, "a disparu")
    finally:
        with verrou:
            clients.remove(conn)
        conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
