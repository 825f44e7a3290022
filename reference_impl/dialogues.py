"""What the server of each step answers: one dialogue object per session, no sockets.

A dialogue gets the text of each message and returns a ``Reply``. The handler (``handlers``)
does the reading and writing, so every step shares the same, tested, network code.
"""
from __future__ import annotations

from typing import Callable, Optional, Protocol

from .calculator import CalculationError, calculate
from .commands import answer_command, pseudo_problem, welcome
from .reply import Reply, error
from .store import MessageStore

END = "fin"
CLOSE_SILENTLY = Reply(close=True)


class Dialogue(Protocol):
    """Anything with an ``answer`` method: one object per session, so it may keep state."""

    def answer(self, text: str) -> Reply:
        """The reply to one message's text."""


class GreetingDialogue:
    """Step 1: one greeting exchange, then the server closes the connection (HELLO-1, HELLO-2)."""

    def answer(self, text: str) -> Reply:
        return Reply("Bonjour client !", close=True)


class EchoDialogue:
    """Steps 2, 3 and 7: send every text back unchanged until ``fin`` (ECHO-1, SESS-2)."""

    def answer(self, text: str) -> Reply:
        if text == END:
            return CLOSE_SILENTLY
        return Reply(text)


class ChatDialogue:
    """Step 4: a person at the server's terminal types each reply (CHAT-1 to CHAT-4).

    ``show`` and ``ask`` are ``print`` and ``input`` in the server; tests pass fakes.
    """

    def __init__(self, show: Callable[[str], None], ask: Callable[[str], str]) -> None:
        self._show = show
        self._ask = ask

    def answer(self, text: str) -> Reply:
        if text == END:
            return CLOSE_SILENTLY  # CHAT-3: the operator is not asked anything
        self._show(f"Client dit: {text}")
        try:
            line = self._ask("Répondre > ")
        except EOFError:
            return Reply(close=True, stop_server="l'opérateur a fermé l'entrée standard")
        if line == END:
            return Reply(END, close=True)  # CHAT-4
        return Reply(line)


class CalculatorDialogue:
    """Step 5: every message is an expression; the reply is its value or an error."""

    def answer(self, text: str) -> Reply:
        if text == END:
            return CLOSE_SILENTLY
        try:
            return Reply(calculate(text))
        except CalculationError as problem:
            return error(str(problem))


class CommandDialogue:
    """Step 6: the first message is the pseudo; the others are commands (see ``commands``)."""

    def __init__(self) -> None:
        self._pseudo: Optional[str] = None

    def answer(self, text: str) -> Reply:
        if self._pseudo is not None:
            return answer_command(self._pseudo, text)
        pseudo = text.strip()  # CMD-5: surrounding spaces are not part of the pseudo
        problem = pseudo_problem(pseudo)
        if problem is not None:
            return error(f"{problem}. Choisissez un autre pseudo")
        self._pseudo = pseudo
        return Reply(welcome(pseudo))


class StoreDialogue:
    """Step 8: texts are appended to the shared list; ``/count``, ``/get``, ``/find`` read it."""

    def __init__(self, store: MessageStore) -> None:
        self._store = store

    def answer(self, text: str) -> Reply:
        if text == END:
            return CLOSE_SILENTLY
        if text == "":
            return error("message vide, rien à stocker")
        if not text.startswith("/"):
            position = self._store.store(text)
            return Reply(f"Message reçu et stocké (n° {position}).")
        name, space, argument = text.partition(" ")
        if text == "/count":
            return Reply(str(self._store.count()))
        if name == "/get" and space:
            return self._get(argument)
        if name == "/find" and argument:
            return self._find(argument)
        return error(f"commande inconnue ou incomplète {name} (/count, /get <n>, /find <texte>)")

    def _get(self, position: str) -> Reply:
        if not (position.isascii() and position.isdigit()):
            return error("/get attend une position : /get 3")
        stored = self._store.get(int(position))
        if stored is None:
            return error(f"pas de message {position}")
        return Reply(stored)

    def _find(self, text: str) -> Reply:
        positions = self._store.find(text)
        return Reply(" ".join(str(position) for position in positions) or "0")
