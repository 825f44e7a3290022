"""Step 4, handout code completed: prints "Client dit: ...", answers with input("Répondre > "),
`fin` from either side ends the session; then waits for the next client.
canaduck-expect: step=4 modes=server-cmd
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr, flush=True)
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
