"""Step 6: the mini-protocol, a pseudo first, then ``/commands``.

    pseudo   = 1*32( %x21-2E / %x30-10FFFF )     ; no space, no "/", at most 32 characters
    all      = "/all" SP text
    me       = "/me" SP text
    bye      = "/bye"
    help     = "/help"

A message is cut once, at its first space (``message.partition(" ")``, like the handout's
``split(" ", 1)``): the word before it names the command, everything after it is the text,
kept exactly as sent.
"""
from __future__ import annotations

from typing import Callable, Dict, Optional

from .reply import Reply, error

MAX_PSEUDO_CHARS = 32
HELP = "Commandes : /all <texte>, /me <action>, /bye, /help"


def pseudo_problem(pseudo: str) -> Optional[str]:
    """Why a pseudo is refused (in French), or None when it follows the grammar."""
    if not 1 <= len(pseudo) <= MAX_PSEUDO_CHARS:
        return f"pseudo invalide, il faut 1 à {MAX_PSEUDO_CHARS} caractères"
    if any(char <= " " or char == "/" for char in pseudo):
        return "pseudo invalide, ni espace ni « / » ni caractère de contrôle"
    return None


def welcome(pseudo: str) -> str:
    """The reply to a valid pseudo (CMD-1)."""
    return f"Bienvenue {pseudo} !"


def _all(pseudo: str, text: Optional[str]) -> Reply:
    if not text:
        return error("/all demande un texte : /all <texte>")
    return Reply(f"[{pseudo}] {text}")


def _me(pseudo: str, action: Optional[str]) -> Reply:
    if not action:
        return error("/me demande une action : /me <action>")
    return Reply(f"* {pseudo} {action}")


def _bye(pseudo: str, argument: Optional[str]) -> Reply:
    if argument is not None:
        return error("/bye s'utilise seul")
    return Reply(f"À bientôt {pseudo} !", close=True)


def _help(pseudo: str, argument: Optional[str]) -> Reply:
    if argument is not None:
        return error("/help s'utilise seul")
    return Reply(HELP)


_COMMANDS: Dict[str, Callable[[str, Optional[str]], Reply]] = {
    "/all": _all,
    "/me": _me,
    "/bye": _bye,
    "/help": _help,
}


def answer_command(pseudo: str, message: str) -> Reply:
    """The reply to one message of a client named ``pseudo``.

    A message that does not start with ``/`` is said to everybody, as ``/all`` (CMD-9).
    """
    if message == "":
        return error("message vide, tapez /help pour l'aide")
    if not message.startswith("/"):
        return _all(pseudo, message)
    name, space, argument = message.partition(" ")
    command = _COMMANDS.get(name)
    if command is None:
        return error(f"commande inconnue {name}, tapez /help pour l'aide")
    return command(pseudo, argument if space else None)
