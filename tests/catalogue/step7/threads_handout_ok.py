"""Step 7, the handout's thread per client, made robust (EOF, resets, bad UTF-8), raw framing.
canaduck-expect: step=7
"""
import socket
import threading


def gerer_client(conn, addr):
    try:
        while True:
            # On lit le message envoyé par le client
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break  # Si le message est "fin", on ferme la connexion
            # On renvoie le même message (echo)
            conn.send(msg.encode())
    except (ConnectionResetError, BrokenPipeError):
        print(addr, "a disparu")
    finally:
        # Une fois terminé, on ferme la connexion avec ce client
        conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

# Boucle principale du serveur : accepte les connexions
while True:
    conn, addr = serveur.accept()
    # Pour chaque nouveau client, on crée un thread dédié
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
