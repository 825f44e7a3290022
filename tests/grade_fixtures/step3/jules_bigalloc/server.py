import socket

tampon = bytearray(10 * 1024 ** 3)  # 10 GB "pour être tranquille"

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(1)
while True:
    conn, addr = serveur.accept()
    conn.close()
