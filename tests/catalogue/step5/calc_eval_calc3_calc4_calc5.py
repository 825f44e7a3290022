"""Step 5, the handout's eval() in try/except: answers abs(-5) and runs __import__("os")...
(CALC-4), computes Python that is not in the grammar (`.5` answers `0.5`, `()` answers `()`:
CALC-3), and 9**9**9 blocks the server far longer than any timeout (CALC-5).
canaduck-expect: step=5 fails=CALC-3,CALC-4,CALC-5 modes=server-cmd
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(1)

while True:
    conn, addr = serveur.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            expression = data.decode(errors="replace")
            if expression == "fin":
                break
            print("Expression reçue:", expression)
            # Évaluation sécurisée
            try:
                result = eval(expression)
                conn.send(str(result).encode())
            except Exception as e:
                conn.send(f"Erreur: {e}".encode())
    except OSError:
        pass
    conn.close()
