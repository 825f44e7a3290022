"""Step 4, handout code with accept() copied twice in the loop: the first connection of each turn
is accepted, then dropped unserved when the second one arrives; only every second client chats.
canaduck-expect: step=4 modes=server-cmd fails=SEQ-2
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr, flush=True)
    conn, addr = serveur.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        message = data.decode()
        if message == "fin":
            print("Le client est parti.", flush=True)
            break
        print("Client dit:", message, flush=True)
        reponse = input("Répondre > ")
        conn.send(reponse.encode())
        if reponse == "fin":
            break
    conn.close()
