"""Step 3 that needs its port on the command line (`python server.py 63000`) and stops with an
IndexError when started without it.
canaduck-expect: step=3 starts=no
"""
import socket
import sys

PORT = int(sys.argv[1])  # le port est donné en argument
serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", PORT))
serveur.listen(5)
while True:
    conn, addr = serveur.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        conn.send(data)
    conn.close()
