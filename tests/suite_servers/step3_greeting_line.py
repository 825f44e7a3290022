"""A conforming step 3 server in line framing that greets every client (socketserver, as in the
next lab): the suite must detect the greeting and the framing, and find no fault."""
from socketserver import StreamRequestHandler, TCPServer


class Echo(StreamRequestHandler):
    def handle(self):
        self.wfile.write("Bienvenue sur le serveur CanaDuck !\n".encode())
        for raw in self.rfile:
            text = raw.decode("utf-8", "replace").rstrip("\n")
            if text.endswith("\r"):
                text = text[:-1]
            if text == "fin":
                break
            self.wfile.write((text + "\n").encode())


TCPServer.allow_reuse_address = True
TCPServer(("", 63000), Echo).serve_forever()
