"""Step 6 that welcomes the pseudo, then names the client by its address "to tell two Ginette
apart": "* 127.0.0.1:51234 applaudit".
canaduck-expect: step=6 fails=CMD-5
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
            pseudo = data.decode(errors="replace").strip()
            conn.send(f"Bienvenue {pseudo} !".encode())
            pseudo = f"{addr[0]}:{addr[1]}"  # identifiant unique du client (deux Ginette possibles)
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
