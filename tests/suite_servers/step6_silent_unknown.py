"""Step 6 server that says nothing to an unknown command (fault: CMD-7 only)."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(5)
while True:
    conn, addr = server.accept()
    try:
        pseudo = None
        while True:
            data = conn.recv(1024)
            if not data:
                break
            message = data.decode("utf-8", "replace")
            if pseudo is None:
                pseudo = message.strip()
                conn.send(f"Bienvenue {pseudo} !".encode())
                continue
            parts = message.split(" ", 1)
            commande, contenu = parts[0], parts[1] if len(parts) > 1 else ""
            if commande in ("/me", "/all") and not contenu:
                conn.send(f"Erreur : {commande} sans texte".encode())
            elif commande == "/me":
                conn.send(f"* {pseudo} {contenu}".encode())
            elif commande == "/all":
                conn.send(f"[{pseudo}] {contenu}".encode())
            elif commande == "/help":
                conn.send("Commandes : /all <texte>, /me <action>, /bye, /help".encode())
            elif commande == "/bye":
                conn.send(f"À bientôt {pseudo} !".encode())
                break
            # anything else: no reply at all
    except OSError:
        pass
    conn.close()
