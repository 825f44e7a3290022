"""Step 8 grown from a chat: a session starts with the pseudo (read, never answered), every message
is kept as a chat line `[pseudo] message` and sent to every connected client, the sender included
(its only acknowledgement). /find and /get answer as the spec says, on those chat lines: what a
client stored is not in the list unchanged (STORE-1); the first message of a session gets no reply
and the other clients get lines they never asked for (TURN-1). The whole loop turn runs under the
lock, taken with acquire()/release() and no `try`: a client that leaves without `fin` makes its
thread store empty lines forever (ROBUST-1); a thread that dies (bytes that are not UTF-8, 3000
bytes cut inside a character, a send to a client that reset) dies holding the lock, and the
server never answers anyone again (ROBUST-2, ROBUST-3, ROBUST-4). Any client that leaves while a
line is on its way to it makes the next broadcast fail the same way: with --target (one server for
every check) the checks after that freeze are not reached, so this server runs with --server-cmd.
canaduck-expect: step=8 fails=STORE-1,TURN-1,ROBUST-1,ROBUST-2,ROBUST-3,ROBUST-4 modes=server-cmd
"""
import socket
import threading

messages = []
clients = []
verrou = threading.Lock()


def traiter(msg, pseudo, conn):
    if msg.startswith("/find "):
        cherche = msg[len("/find "):]
        positions = [str(i + 1) for i, m in enumerate(messages) if m == cherche]
        conn.send((" ".join(positions) if positions else "0").encode())
    elif msg.startswith("/get "):
        numero = msg[len("/get "):]
        if numero.isdigit() and 1 <= int(numero) <= len(messages):
            conn.send(messages[int(numero) - 1].encode())
        else:
            conn.send("Erreur : pas de message à cette position".encode())
    elif msg.startswith("/"):
        conn.send("Erreur : commande inconnue".encode())
    else:
        ligne = f"[{pseudo}] {msg}"
        messages.append(ligne)
        for client in clients:          # tout le monde voit le message, moi compris
            client.send(ligne.encode())


def gerer_client(conn, addr):
    pseudo = conn.recv(1024).decode()
    clients.append(conn)
    while True:
        data = conn.recv(1024)
        verrou.acquire()
        msg = data.decode()
        if msg == "fin":
            verrou.release()
            break
        traiter(msg, pseudo, conn)
        verrou.release()
    clients.remove(conn)
    conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
