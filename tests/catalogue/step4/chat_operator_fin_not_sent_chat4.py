"""Step 4 that closes the connection when the operator types `fin` without sending it first.
canaduck-expect: step=4 modes=server-cmd fails=CHAT-4
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        message = data.decode()
        if message == "fin":
            break
        print("Client dit:", message, flush=True)
        reponse = input("Répondre > ")
        if reponse == "fin":
            break
        conn.send(reponse.encode())
    conn.close()
