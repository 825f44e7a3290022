import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    try:
        while True:
            msg = conn.recv(1024).decode(errors="replace")
            if msg == "fin":
                break
            conn.send(msg.encode())
    except ConnectionError:
        pass
    conn.close()
