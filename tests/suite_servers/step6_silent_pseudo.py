"""Step 6 that never answers the pseudo (the student thought a welcome was optional); every command
is answered correctly. Only CMD-1 may fail: no other check may depend on the welcome.
"""
import socket

AIDE = "Commandes : /all <texte>, /me <action>, /bye, /help"


def traiter(message, pseudo):
    """Renvoie (réponse, continuer)."""
    commande, _, contenu = message.partition(" ")
    if commande == "/me" and contenu:
        return f"* {pseudo} {contenu}", True
    if commande == "/all" and contenu:
        return f"[{pseudo}] {contenu}", True
    if commande == "/bye":
        return f"À bientôt {pseudo} !", False
    if commande == "/help":
        return AIDE, True
    if commande.startswith("/"):
        return f"Erreur : commande inconnue ou incomplète {commande}", True
    return f"[{pseudo}] {message}", True


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

while True:
    conn, addr = serveur.accept()
    try:
        data = conn.recv(1024)
        if data:
            pseudo = data.decode(errors="replace").strip()   # pas de message de bienvenue
            while True:
                data = conn.recv(1024)
                if not data:
                    break
                reponse, continuer = traiter(data.decode(errors="replace"), pseudo)
                conn.send(reponse.encode())
                if not continuer:
                    break
    except OSError:
        pass
    conn.close()
