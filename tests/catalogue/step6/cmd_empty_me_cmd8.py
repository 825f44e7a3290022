"""Step 6 straight from the handout's split(" ", 1): "/me" alone gives "* Ginette " and "/all"
alone "[Ginette] ", no error.
canaduck-expect: step=6 fails=CMD-8
"""
import socket

AIDE = "Commandes : /all <texte>, /me <action>, /bye, /help"


def traiter(message, pseudo):
    """Renvoie (réponse, continuer)."""
    parts = message.split(" ", 1)
    commande = parts[0]
    contenu = parts[1] if len(parts) > 1 else ""

    if commande == "/me":
        return f"* {pseudo} {contenu}", True
    elif commande == "/all":
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
    try:
        data = conn.recv(1024)
        if data:
            pseudo = data.decode(errors="replace").strip()
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
    conn.close()
