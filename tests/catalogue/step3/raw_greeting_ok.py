"""Step 3 with a greeting on connect (GREET-1), replies ending with "\n", errors="replace" on bad
UTF-8, port from the command line or 63000.
canaduck-expect: step=3
"""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 63000


def servir(conn):
    conn.sendall("Bienvenue sur le serveur CanaDuck !\n".encode("utf-8"))
    while True:
        data = conn.recv(1024)
        if not data:
            return
        msg = data.decode("utf-8", errors="replace")
        if msg == "fin":
            conn.sendall("Au revoir !\n".encode("utf-8"))
            return
        conn.sendall((msg + "\n").encode("utf-8"))


def main():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", PORT))
    s.listen()
    print(f"Écoute sur le port {PORT}")
    while True:
        conn, addr = s.accept()
        with conn:
            try:
                servir(conn)
            except OSError as e:
                print(f"{addr} : connexion perdue ({e})")


if __name__ == "__main__":
    main()
