import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
while True:
    data = conn.recv(1024)
    if not data:
        break
    try:
        msg = data.decode()
    except UnicodeDecodeError:
        conn.send("Erreur".encode())
        continue
    if msg == "fin":
        break
    conn.send(msg.encode())
conn.close()
