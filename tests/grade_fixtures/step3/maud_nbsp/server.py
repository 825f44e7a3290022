import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5) # en attente

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            try:
                msg = data.decode()
            except UnicodeDecodeError:
                conn.send("Erreur : message illisible".encode())
                continue
            if msg == "fin":
                break
            conn.send(msg.encode())
    except (ConnectionResetError, BrokenPipeError) as e:
        print("Client perdu :", e)
    finally:
        conn.close()
