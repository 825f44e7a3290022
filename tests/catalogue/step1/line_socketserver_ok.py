"""Step 1 with socketserver (line framing): reads one line, answers one line, handler returns.
canaduck-expect: step=1 framing=line
"""
from socketserver import TCPServer, StreamRequestHandler


class MonHandler(StreamRequestHandler):
    def handle(self):
        ligne = self.rfile.readline().decode("utf-8").rstrip("\r\n")
        print("Le client dit :", ligne)
        self.wfile.write("Bonjour client !\n".encode("utf-8"))
        # fin de handle() : socketserver ferme la connexion tout seul


TCPServer.allow_reuse_address = True
with TCPServer(("", 63000), MonHandler) as server:
    server.handle_request()  # un seul client pour l'étape 1
