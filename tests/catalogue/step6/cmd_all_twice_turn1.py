"""Step 6 that "broadcasts" /all to every connected client (itself included, the only one at
step 6) AND replies to it: two messages for one /all (TURN-1); each is in CMD-3's format.
canaduck-expect: step=6 fails=TURN-1
"""
import socket


AIDE = "Commandes : /all <texte>, /me <action>, /bye, /help"


clients = []


def traiter(message, pseudo):
    """Renvoie (réponse, continuer)."""
    parts = message.split(" ", 1)
    commande = parts[0]
    contenu = parts[1] if len(parts) > 1 else ""

    if commande == "/me":
        if not contenu:
            return "Erreur : /me <action>", True
        return f"* {pseudo} {contenu}", True
    elif commande == "/all":
        if not contenu:
            return "Erreur : /all <texte>", True
        for client in clients:  # diffusion à tout le monde
            client.send(f"[{pseudo}] {contenu}".encode())
        return f"[{pseudo}] {contenu}", True
    elif commande == "/bye":
        return f"À bientôt {pseudo} !", False
    elif commande == "/help":
        return AIDE, True
    elif commande.startswith("/"):
        return f"Erreur : commande inconnue {commande}", True
    else:
        return f"[{pseudo}] {message}", True


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

while True:
    conn, addr = serveur.accept()
    clients.append(conn)
    try:
        data = conn.recv(1024)
        if data:
            pseudo = data.decode(errors="replace")
            conn.send(f"Bienvenue {pseudo} !".encode())
            while True:
                data = conn.recv(1024)
                if not data:
                    break
                reponse, continuer = traiter(data.decode(errors="replace"), pseudo)
                conn.send(reponse.encode())
                if not continuer:
                    break
    except OSError as e:
        print("Client perdu :", e)
    clients.remove(conn)
    conn.close()
