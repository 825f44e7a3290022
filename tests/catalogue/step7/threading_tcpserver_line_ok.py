"""Step 7 with socketserver.ThreadingTCPServer (line framing), `fin` after .strip().lower().
canaduck-expect: step=7 framing=line
"""
import socketserver


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        for ligne in self.rfile:
            texte = ligne.decode("utf-8", errors="replace").rstrip("\n")
            if texte.endswith("\r"):
                texte = texte[:-1]
            if texte.strip().lower() == "fin":
                return
            self.wfile.write(texte.encode("utf-8") + b"\n")


class Serveur(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 50


with Serveur(("0.0.0.0", 63000), Echo) as s:
    s.serve_forever()
