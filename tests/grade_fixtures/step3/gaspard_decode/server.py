import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    while True:
        data = conn.recv(1024)
        if not data:
            break
        msg = data.decode()
        if msg == "fin":
            break
        conn.send(msg.encode())
    conn.close()
