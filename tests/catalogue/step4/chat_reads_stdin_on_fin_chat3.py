"""Step 4 that asks the operator for an answer before looking at the message, so a client's `fin`
still waits for a line on stdin before the connection closes.
canaduck-expect: step=4 modes=server-cmd fails=CHAT-3
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
        print("Client dit:", message, flush=True)
        reponse = input("Répondre > ")
        if message == "fin":
            break
        conn.send(reponse.encode())
        if reponse == "fin":
            break
    conn.close()
