import socket
import threading


def gerer_client(conn):
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            try:
                msg = data.decode()
            except UnicodeDecodeError:
                conn.send("Erreur : UTF-8 attendu".encode())
                continue
            if msg == "fin":
                break
            conn.send(msg.encode())
    except OSError:
        pass
    finally:
        conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("0.0.0.0", 63000))
serveur.listen(20)
while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn,), daemon=True).start()
