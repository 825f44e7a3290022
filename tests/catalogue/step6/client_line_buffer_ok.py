"""Step 6, line framing: sends text + "\n", gathers recv() pieces until a whole line has come.
canaduck-expect: step=6 role=client framing=line
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("127.0.0.1", 63000))
except ConnectionRefusedError:
    print("Le serveur ne répond pas.")
    sys.exit(1)

tampon = b""


def lire_ligne():
    """Lit jusqu'au prochain "\\n" (une réponse peut arriver en plusieurs morceaux)."""
    global tampon
    while b"\n" not in tampon:
        morceau = client.recv(1024)
        if not morceau:
            return None
        tampon += morceau
    ligne, tampon = tampon.split(b"\n", 1)
    return ligne.decode("utf-8").rstrip("\r")


pseudo = input("Pseudo : ")
try:
    client.sendall((pseudo + "\n").encode("utf-8"))
    bienvenue = lire_ligne()
    if bienvenue is None:
        print("Le serveur a fermé la connexion.")
        sys.exit(0)
    print("Serveur :", bienvenue)
    while True:
        commande = input("Commande : ")
        client.sendall((commande + "\n").encode("utf-8"))
        reponse = lire_ligne()
        if reponse is None:
            print("Le serveur a fermé la connexion.")
            break
        print("Serveur :", reponse)
        if commande == "/bye":
            break
except (BrokenPipeError, ConnectionResetError):
    print("Connexion perdue.")
finally:
    client.close()
