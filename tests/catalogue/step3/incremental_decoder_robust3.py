"""Step 3 that reassembles characters cut by recv(1024) with an incremental UTF-8 decoder (so long
messages are fine) but lets the UnicodeDecodeError of really invalid bytes kill the server.
canaduck-expect: step=3 fails=ROBUST-3
"""
import codecs
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    decodeur = codecs.getincrementaldecoder("utf-8")()  # garde les octets d'un caractère coupé
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = decodeur.decode(data)
            if msg == "fin":
                break
            if msg:
                conn.send(msg.encode())
    except ConnectionError:
        print("client perdu")
    conn.close()
