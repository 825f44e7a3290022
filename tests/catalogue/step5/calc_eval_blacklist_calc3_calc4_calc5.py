"""Step 5 that "secures" eval() with a list of forbidden words (import, os, open, __): abs(-5),
len("abc") and "ab"*2 are still evaluated (CALC-4), `.5` answers `0.5` (Python, not the grammar:
CALC-3), and 9**9**9 still hangs (CALC-5).
canaduck-expect: step=5 fails=CALC-3,CALC-4,CALC-5 modes=server-cmd
"""
import socket

INTERDITS = ["import", "os", "open", "exec", "eval", "__", "system"]


def calculer(expression):
    for mot in INTERDITS:
        if mot in expression:
            return "Erreur : expression interdite"
    try:
        return str(eval(expression, {"__builtins__": __builtins__}, {}))
    except ZeroDivisionError:
        return "Erreur : division par zéro"
    except Exception:
        return "Erreur : expression invalide"


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
            conn.send(calculer(expression).encode())
    except OSError:
        pass
    conn.close()
