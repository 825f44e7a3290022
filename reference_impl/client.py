"""The student's client for each step: ``python -m reference_impl.client --step N``.

It reads what to send with ``input()``, sends it, and prints the server's reply, as in the
handout. It takes care of what a person may type by mistake: an empty line (nothing to send in
raw framing), a text over 1024 bytes, Ctrl-D (leaves properly) and Ctrl-C.
"""
from __future__ import annotations

import argparse
import socket
import sys
from typing import Callable, Dict, List, Optional

from .framing import FRAMINGS, MAX_MESSAGE_BYTES, encode, strip_newline

END = "fin"


class ServerClosed(Exception):
    """The server closed the connection while the client waited for a reply."""


class Connection:
    """One connection to the server, speaking one framing."""

    def __init__(self, sock: socket.socket, framing: str) -> None:
        self._sock = sock
        self._framing = framing
        self._incoming = sock.makefile("rb")

    def send(self, text: str) -> None:
        self._sock.sendall(encode(self._framing, text))

    def receive(self) -> str:
        """The text of the next reply (raw framing: one ``recv``; line framing: one line)."""
        if self._framing == "line":
            data = self._incoming.readline()
            if not data.endswith(b"\n"):
                raise ServerClosed
        else:
            data = self._sock.recv(4 * MAX_MESSAGE_BYTES)
            if not data:
                raise ServerClosed
        return strip_newline(data.decode("utf-8", errors="replace"))


def ask(prompt: str) -> Optional[str]:
    """A line typed by the user that can be sent; None when the user ends input (Ctrl-D)."""
    while True:
        try:
            text = input(prompt)
        except EOFError:
            return None
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            print("Texte illisible (ce n'est pas de l'UTF-8), recommencez.")
            continue
        if size == 0:
            print("Message vide : rien n'est envoyé.")
        elif size > MAX_MESSAGE_BYTES:
            print(f"Message trop long ({size} octets) : {MAX_MESSAGE_BYTES} octets au plus.")
        else:
            return text


def is_error(reply: str) -> bool:
    return reply.lstrip().lower().startswith("erreur")


def greet(connection: Connection) -> None:
    """Step 1: one exchange."""
    connection.send("Bonjour serveur !")
    print("Serveur :", connection.receive())


def exchange_until_fin(prompt: str) -> Callable[[Connection], None]:
    """Steps 2, 3, 5, 7, 8: send each line and print the reply, until ``fin``."""

    def run(connection: Connection) -> None:
        while True:
            text = ask(prompt)
            text = END if text is None else text
            connection.send(text)
            if text == END:
                return
            print("Serveur :", connection.receive())

    return run


def chat(connection: Connection) -> None:
    """Step 4: talk in turns with the person at the server; either side ends with ``fin``."""
    while True:
        text = ask("Vous > ")
        text = END if text is None else text
        connection.send(text)
        if text == END:
            return
        reply = connection.receive()
        print("Serveur dit:", reply)
        if reply == END:
            print("Le serveur a terminé la discussion.")
            return


def mini_protocol(connection: Connection) -> None:
    """Step 6: choose a pseudo (again if refused), then send commands until ``/bye``."""
    while True:
        pseudo = ask("Votre pseudo > ")
        if pseudo is None:
            return
        connection.send(pseudo)
        reply = connection.receive()
        print("Serveur :", reply)
        if not is_error(reply):
            break
    print("Commandes : /all <texte>, /me <action>, /bye, /help")
    while True:
        text = ask(f"{pseudo.strip()} > ")
        text = "/bye" if text is None else text
        connection.send(text)
        reply = connection.receive()
        print("Serveur :", reply)
        if text == "/bye" and not is_error(reply):
            return


CLIENTS: Dict[int, Callable[[Connection], None]] = {
    1: greet,
    2: exchange_until_fin("Message > "),
    3: exchange_until_fin("Message > "),
    4: chat,
    5: exchange_until_fin("Calcul > "),
    6: mini_protocol,
    7: exchange_until_fin("Message > "),
    8: exchange_until_fin("Message > "),
}


def parse_arguments(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="canaduck-client", description="Client CanaDuck de référence.")
    parser.add_argument("--step", type=int, choices=sorted(CLIENTS), required=True, help="étape du TP (1 à 8)")
    parser.add_argument("--host", default="localhost", help="adresse du serveur (défaut : localhost)")
    parser.add_argument("--port", type=int, default=63000, help="port du serveur (défaut : 63000)")
    parser.add_argument("--framing", choices=FRAMINGS, default="raw", help="comme le serveur : raw ou line")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    """Exit code 0 when the session ends (``fin``, ``/bye``, the server closing it: CLIENT-4, CLIENT-5,
    CLIENT-8), 1 when the server cannot be reached (CLIENT-6); never a traceback."""
    arguments = parse_arguments(argv)
    try:
        sock = socket.create_connection((arguments.host, arguments.port))
    except OSError as problem:
        print(f"Problème de connexion avec {arguments.host}:{arguments.port} : impossible de joindre le serveur"
              f" ({problem})", file=sys.stderr)
        return 1
    try:
        with sock:
            CLIENTS[arguments.step](Connection(sock, arguments.framing))
    except (ServerClosed, ConnectionError):
        print("Le serveur a fermé la connexion.")
    except KeyboardInterrupt:
        print("\nInterrompu, au revoir.", file=sys.stderr)
        return 130
    except OSError as problem:
        print(f"Problème de connexion avec {arguments.host}:{arguments.port} : {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
