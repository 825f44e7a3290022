"""Step 8 with ThreadingTCPServer in line framing; the shared list lives on the server object,
guarded by an RLock; acknowledgement "OK <position>", error replies in upper case.
canaduck-expect: step=8 framing=line
"""
import socketserver
import threading


class Handler(socketserver.StreamRequestHandler):
    def repondre(self, texte):
        self.wfile.write((texte + "\n").encode("utf-8"))

    def handle(self):
        srv = self.server
        for brut in self.rfile:
            ligne = brut.decode("utf-8", errors="replace").rstrip("\n")
            if ligne.endswith("\r"):
                ligne = ligne[:-1]
            if ligne == "fin":
                return
            cmd, espace, arg = ligne.partition(" ")
            if not ligne.startswith("/"):
                with srv.verrou:
                    srv.messages.append(ligne)
                    n = len(srv.messages)
                self.repondre(f"OK {n}")
            elif cmd == "/count" and not espace:
                with srv.verrou:
                    self.repondre(str(len(srv.messages)))
            elif cmd == "/find" and espace:
                with srv.verrou:
                    pos = [i for i, m in enumerate(srv.messages, start=1) if m == arg]
                self.repondre(" ".join(map(str, pos)) or "0")
            elif cmd == "/get" and arg.isdecimal():
                i = int(arg)
                with srv.verrou:
                    texte = srv.messages[i - 1] if 0 < i <= len(srv.messages) else None
                self.repondre(texte if texte is not None else f"ERREUR : position {i} absente")
            else:
                self.repondre("ERREUR : commande inconnue")


class Serveur(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 50

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.messages = []
        self.verrou = threading.RLock()


with Serveur(("", 63000), Handler) as s:
    s.serve_forever()
