"""Step 4 that sends the operator's line with .encode("ascii", errors="ignore") "pour éviter les
problèmes d'accents": "Très bien" arrives as "Trs bien".
canaduck-expect: step=4 modes=server-cmd fails=CHAT-2
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
        conn.send(reponse.encode("ascii", errors="ignore"))
        if reponse == "fin":
            break
    conn.close()
