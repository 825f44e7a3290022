"""Step 3, the handout's loop made robust: stops on b"" (EOF), survives resets and invalid UTF-8
(answers an error and goes on), raw framing, replies without newline.
canaduck-expect: step=3
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    try:
        while True:
            data = conn.recv(1024)
            if not data:  # le client est parti sans dire fin
                break
            try:
                msg = data.decode()
            except UnicodeDecodeError:
                conn.send("Erreur : message illisible (UTF-8 attendu)".encode())
                continue
            if msg == "fin":
                break
            conn.send(msg.encode())
    except (ConnectionResetError, BrokenPipeError) as e:
        print("Client perdu :", e)
    finally:
        conn.close()
