"""Step 6 keeping the pseudo exactly as received, without strip(): fine, since a pseudo never has
spaces around it (spec 7.6 grammar). The CMD-5 check used to send "  Roger " and blame this.
canaduck-expect: step=6
"""
import socket

AIDE = "Commandes : /all <texte>, /me <action>, /bye, /help"


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
    conn.close()
