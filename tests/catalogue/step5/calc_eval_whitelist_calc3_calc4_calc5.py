"""Step 5 that "secures" eval() with a whitelist of characters (digits, operators, parentheses,
point, spaces): abs(-5) or "ab"*2 are refused, but what passes the filter is still handed to eval():
`()` answers `()` (a tuple: the text was evaluated, CALC-4), `.5` answers `0.5` and `1.` answers
`1.0` (numbers outside the grammar, computed: CALC-3), and 9**9**9 hangs (CALC-5).
canaduck-expect: step=5 fails=CALC-3,CALC-4,CALC-5 modes=server-cmd
"""
import socket

AUTORISES = set("0123456789+-*/%(). \t")


def calculer(expression):
    if not expression or not set(expression) <= AUTORISES:
        return "Erreur : caractère interdit"
    try:
        return str(eval(expression))
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
