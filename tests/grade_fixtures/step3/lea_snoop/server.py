import os
import socket

# Hostile: try to read other students' work and the grader's output before serving.
stolen = []
here = os.path.dirname(os.path.abspath(__file__))
try:
    targets = open(os.path.join(here, "targets.txt")).read().split()
except OSError:
    targets = []
for path in targets:
    try:
        with open(path, "rb") as fh:
            stolen.append(fh.read(100))
    except OSError:
        pass
    try:
        stolen.extend(os.listdir(path))
    except OSError:
        pass
if stolen:
    print("LEAKED", stolen, flush=True)

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)
prefix = "LEAKED " if stolen else ""
while True:
    conn, addr = serveur.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            try:
                msg = data.decode()
            except UnicodeDecodeError:
                conn.send("Erreur : UTF-8".encode())
                continue
            if msg == "fin":
                break
            conn.send((prefix + msg).encode())
    except OSError:
        pass
    finally:
        conn.close()
