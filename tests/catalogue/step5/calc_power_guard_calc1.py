"""Step 5, calc_parser_ok's parser with its size guard written as a division: the exponent is
compared with CHIFFRES_MAX / log10(|base|), "or 1" to dodge log10(0). For a base of 0, 1 or -1 the
logarithm is 0: 1**5, 0**3, (-1)**3 raise ZeroDivisionError, answered "Erreur : division par
zéro" instead of their value (mutation blind spot of issue 21: the suite sent no such power).
canaduck-expect: step=5 fails=CALC-1
"""
import math
import re
import socket

JETON = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(\*\*|//|[-+*/%()]))")
CHIFFRES_MAX = 1000


class ErreurCalcul(Exception):
    pass


def decouper(texte):
    jetons, pos = [], 0
    texte = texte.rstrip(" \t")
    while pos < len(texte):
        m = JETON.match(texte, pos)
        if not m:
            raise ErreurCalcul(f"caractère interdit en position {pos + 1}")
        nombre, op = m.groups()
        if nombre is not None:
            jetons.append(float(nombre) if "." in nombre else int(nombre))
        else:
            jetons.append(op)
        pos = m.end()
    return jetons


def puissance(a, b):
    if isinstance(a, int) and isinstance(b, int) and b > 0:
        # le résultat a b * log10(|a|) chiffres : b ne doit pas dépasser CHIFFRES_MAX / log10(|a|)
        if b > CHIFFRES_MAX / math.log10(abs(a) or 1):   # "or 1" : log10(0) n'existe pas
            raise ErreurCalcul("résultat trop grand")
    try:
        r = a ** b
    except OverflowError:
        raise ErreurCalcul("résultat trop grand")
    if isinstance(r, complex):
        raise ErreurCalcul("résultat complexe")
    return r


class Parseur:
    def __init__(self, jetons):
        self.jetons = jetons
        self.i = 0

    def voir(self):
        return self.jetons[self.i] if self.i < len(self.jetons) else None

    def prendre(self):
        j = self.voir()
        self.i += 1
        return j

    def somme(self):
        v = self.produit()
        while self.voir() in ("+", "-"):
            op = self.prendre()
            d = self.produit()
            v = v + d if op == "+" else v - d
        return v

    def produit(self):
        v = self.facteur()
        while self.voir() in ("*", "/", "//", "%"):
            op = self.prendre()
            d = self.facteur()
            if op == "*":
                v = v * d
            elif op == "/":
                v = v / d
            elif op == "//":
                v = v // d
            else:
                v = v % d
        return v

    def facteur(self):
        if self.voir() in ("+", "-"):
            op = self.prendre()
            v = self.facteur()
            return -v if op == "-" else +v
        return self.puissance()

    def puissance(self):
        base = self.primaire()
        if self.voir() == "**":
            self.prendre()
            return puissance(base, self.facteur())
        return base

    def primaire(self):
        j = self.prendre()
        if j == "(":
            v = self.somme()
            if self.prendre() != ")":
                raise ErreurCalcul("parenthèse non fermée")
            return v
        if isinstance(j, (int, float)):
            return j
        raise ErreurCalcul("syntaxe invalide")


def calculer(texte):
    p = Parseur(decouper(texte))
    v = p.somme()
    if p.voir() is not None:
        raise ErreurCalcul("syntaxe invalide")
    try:
        resultat = str(v)
    except ValueError:
        raise ErreurCalcul("résultat trop grand")
    if len(resultat) > 1024:
        raise ErreurCalcul("résultat trop grand")
    return resultat


def repondre(texte):
    try:
        return calculer(texte)
    except ZeroDivisionError:
        return "Erreur : division par zéro"
    except OverflowError:
        return "Erreur : résultat trop grand"
    except ErreurCalcul as e:
        return f"Erreur : {e}"


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

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
            conn.send(repondre(expression).encode())
    except OSError as e:
        print("Client perdu :", e)
    conn.close()
