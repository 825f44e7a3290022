"""Step 1, keeps accepting clients (allowed), replies "Bonjour client !\n" then closes each one.
canaduck-expect: step=1
"""
import socket

HOTE = "0.0.0.0"
PORT = 63000

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOTE, PORT))
    s.listen(5)
    while True:
        conn, addr = s.accept()
        with conn:
            msg = conn.recv(1024).decode("utf-8").strip()
            print(f"{addr} -> {msg}")
            conn.sendall("Bonjour client !\n".encode("utf-8"))
