"""Step 3 in line framing (socketserver), on a "slow network": each echo is written, then its
newline 0.3 s later (well within the reply timeout). A slow server is not a wrong one: the suite
must not end a reply before its newline.
canaduck-expect: step=3 framing=line
"""
import time
from socketserver import StreamRequestHandler, TCPServer

PAUSE = 0.3   # secondes : on simule un réseau lent


class EchoLentHandler(StreamRequestHandler):
    def handle(self):
        for ligne in self.rfile:
            msg = ligne.decode("utf-8", errors="replace").rstrip("\n")
            if msg.endswith("\r"):
                msg = msg[:-1]
            if msg == "fin":
                break
            self.wfile.write(msg.encode("utf-8"))
            time.sleep(PAUSE)
            self.wfile.write(b"\n")


class Serveur(TCPServer):
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        print("Erreur avec", client_address)  # pas de traceback, on continue


if __name__ == "__main__":
    with Serveur(("", 63000), EchoLentHandler) as serveur:
        serveur.serve_forever()
