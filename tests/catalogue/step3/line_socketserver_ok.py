"""Step 3 with socketserver.TCPServer + StreamRequestHandler (line framing), one client at a time.
`fin` compared after .strip() (SESS-4).
canaduck-expect: step=3 framing=line
"""
from socketserver import StreamRequestHandler, TCPServer


class EchoHandler(StreamRequestHandler):
    def handle(self):
        for ligne in self.rfile:
            msg = ligne.decode("utf-8", errors="replace").rstrip("\n")
            if msg.endswith("\r"):
                msg = msg[:-1]
            if msg.strip() == "fin":
                break
            self.wfile.write((msg + "\n").encode("utf-8"))


class Serveur(TCPServer):
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        print("Erreur avec", client_address)  # pas de traceback, on continue


if __name__ == "__main__":
    with Serveur(("", 63000), EchoHandler) as serveur:
        serveur.serve_forever()
