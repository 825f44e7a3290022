"""Step 6 with socketserver in line framing: "À bientôt <pseudo>!" (no space, allowed),
lower-case "erreur:", a /help spread over one line of several words, plain messages refused.
canaduck-expect: step=6 framing=line
"""
from socketserver import StreamRequestHandler, TCPServer


class MiniProtocole(StreamRequestHandler):
    def envoyer(self, texte):
        self.wfile.write((texte + "\n").encode("utf-8"))

    def lire(self):
        ligne = self.rfile.readline()
        if not ligne:
            return None
        return ligne.decode("utf-8", errors="replace").rstrip("\n").rstrip("\r")

    def handle(self):
        pseudo = self.lire()
        if pseudo is None:
            return
        pseudo = pseudo.strip()
        self.envoyer(f"Salut {pseudo}, tape /help pour l'aide.")
        while True:
            ligne = self.lire()
            if ligne is None:
                return
            commande, _, texte = ligne.partition(" ")
            if commande in ("/me", "/all") and not texte:
                self.envoyer(f"erreur: il manque le texte après {commande}")
            elif commande == "/me":
                self.envoyer(f"* {pseudo} {texte}")
            elif commande == "/all":
                self.envoyer(f"[{pseudo}] {texte}")
            elif commande == "/bye":
                self.envoyer(f"À bientôt {pseudo}!")
                return
            elif commande == "/help":
                self.envoyer("Aide : /all pour parler à tous, /me pour une action, "
                             "/bye pour partir, /help pour cette aide")
            else:
                self.envoyer(f"erreur: commande inconnue '{commande}'")


class Serveur(TCPServer):
    allow_reuse_address = True


with Serveur(("", 63000), MiniProtocole) as s:
    s.serve_forever()
