"""Step 5 in line framing (socketserver) with an ast whitelist: only numbers and + - * / // % **,
exponents bounded, nothing outside the grammar (no 1e5, 0x10, 1_0, .5), lower-case "erreur:".
canaduck-expect: step=5 framing=line
"""
import ast
import math
import operator
import re
from socketserver import StreamRequestHandler, TCPServer

OPERATEURS = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
AUTORISE = re.compile(r"[0-9+\-*/%(). \t]*")
POINT_ISOLE = re.compile(r"(?<!\d)\.|\.(?!\d)")


def evaluer(noeud):
    if isinstance(noeud, ast.Expression):
        return evaluer(noeud.body)
    if isinstance(noeud, ast.Constant) and type(noeud.value) in (int, float):
        return noeud.value
    if isinstance(noeud, ast.UnaryOp) and isinstance(noeud.op, (ast.UAdd, ast.USub)):
        v = evaluer(noeud.operand)
        return -v if isinstance(noeud.op, ast.USub) else v
    if isinstance(noeud, ast.BinOp) and type(noeud.op) in OPERATEURS:
        a, b = evaluer(noeud.left), evaluer(noeud.right)
        if isinstance(noeud.op, ast.Pow):
            if abs(a) > 1 and b > 0 and b * math.log10(abs(a)) > 1000:
                raise ValueError("résultat trop grand")
        r = OPERATEURS[type(noeud.op)](a, b)
        if isinstance(r, complex):
            raise ValueError("résultat complexe")
        return r
    raise ValueError("expression interdite")


def calculer(texte):
    texte = texte.strip(" \t")
    if not AUTORISE.fullmatch(texte) or POINT_ISOLE.search(texte):
        return "erreur: expression interdite"
    try:
        resultat = str(evaluer(ast.parse(texte, mode="eval")))
    except ZeroDivisionError:
        return "erreur: division par zéro"
    except SyntaxError:
        return "erreur: syntaxe"
    except (ValueError, OverflowError) as e:
        return f"erreur: {e}"
    if len(resultat) > 1024:
        return "erreur: résultat trop grand"
    return resultat


class CalcHandler(StreamRequestHandler):
    def handle(self):
        while True:
            ligne = self.rfile.readline()
            if not ligne:
                return
            texte = ligne.decode("utf-8", errors="replace").rstrip("\r\n")
            if texte == "fin":
                return
            self.wfile.write((calculer(texte) + "\n").encode("utf-8"))


class Serveur(TCPServer):
    allow_reuse_address = True


with Serveur(("", 63000), CalcHandler) as s:
    s.serve_forever()
