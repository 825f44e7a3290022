"""Step 2, raw framing, strips a trailing newline (nc users) and answers with "\n"; `fin` compared
after .strip().lower() (SESS-4 allows it); says "Au revoir !" before closing.
canaduck-expect: step=2
"""
import socket

PORT = 63000

serveur = socket.socket()
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("0.0.0.0", PORT))
serveur.listen(1)
conn, addr = serveur.accept()
print(f"Client connecté : {addr[0]}:{addr[1]}")

while True:
    data = conn.recv(1024)
    if not data:
        break
    msg = data.decode("utf-8")
    if msg.endswith("\r\n"):
        msg = msg[:-2]
    elif msg.endswith("\n"):
        msg = msg[:-1]
    if msg.strip().lower() == "fin":
        conn.sendall("Au revoir !\n".encode("utf-8"))
        break
    print("Echo :", msg)
    conn.sendall((msg + "\n").encode("utf-8"))

conn.close()
serveur.close()
