"""The servers of the eight steps, built on ``socketserver`` (the follow-up lab's tool).

- steps 1 and 2 serve one client, then exit (GEN-3), as the handout's code does;
- steps 3 to 6 serve one client after another (``TCPServer``);
- steps 7 and 8 serve every client in its own thread (``ThreadingMixIn``), and step 8's
  clients all share one ``MessageStore``.

The ``listen()`` backlog (``request_queue_size``) is 1024, not socketserver's 5: connections that
arrive faster than the server accepts them wait in that queue, and when it is full the kernel drops
them and the client retries 1 s later, then 2 s, 4 s... With a backlog of 128, 1,000 clients
connecting at once (``python -m tools.bench``) took 3 to 6 s and thousands of listen-queue overflows;
with 1024 they are all served within a second, with none.
"""
from __future__ import annotations

import logging
import socket
import socketserver
from typing import Callable, Tuple

from .dialogues import (
    CalculatorDialogue,
    ChatDialogue,
    CommandDialogue,
    Dialogue,
    EchoDialogue,
    GreetingDialogue,
    StoreDialogue,
)
from .handlers import ConversationHandler
from .store import MessageStore

log = logging.getLogger("canaduck")

STEPS = range(1, 9)
ONE_SHOT_STEPS = (1, 2)
THREADED_STEPS = (7, 8)


class SequentialServer(socketserver.TCPServer):
    """Serves one client at a time; the others wait in the ``listen()`` backlog."""

    allow_reuse_address = True  # restart at once on the same port, no "Address already in use"
    request_queue_size = 1024  # the listen() backlog: 1,000 clients may connect at once (see above)

    def __init__(self, address: Tuple[str, int], framing: str, new_dialogue: Callable[[], Dialogue]) -> None:
        self.framing = framing
        self.new_dialogue = new_dialogue
        self.keep_serving = True
        if ":" in address[0]:  # an IPv6 address such as "::1" or "::"
            self.address_family = socket.AF_INET6
        super().__init__(address, ConversationHandler)

    def stop(self, reason: str) -> None:
        """Ask the serving loop to stop after the current session."""
        log.warning("arrêt du serveur : %s", reason)
        self.keep_serving = False

    def serve(self, one_shot: bool) -> None:
        """Serve one client (steps 1 and 2) or clients until ``stop()``."""
        if one_shot:
            self.handle_request()
            return
        while self.keep_serving:
            self.handle_request()


class ThreadedServer(socketserver.ThreadingMixIn, SequentialServer):
    """Serves each client in its own thread; daemon threads do not keep the program alive."""

    daemon_threads = True


def _print_flushed(line: str) -> None:
    print(line, flush=True)  # CHAT-5: an operator behind a pipe sees it before being asked


def dialogue_factory(step: int) -> Callable[[], Dialogue]:
    """What makes a new dialogue for each session of ``step``."""
    if step == 1:
        return GreetingDialogue
    if step in (2, 3, 7):
        return EchoDialogue
    if step == 4:
        return lambda: ChatDialogue(show=_print_flushed, ask=input)
    if step == 5:
        return CalculatorDialogue
    if step == 6:
        return CommandDialogue
    if step == 8:
        shared = MessageStore()  # one list for the whole server, not one per client
        return lambda: StoreDialogue(shared)
    raise ValueError(f"no step {step}")


def make_server(step: int, host: str, port: int, framing: str) -> SequentialServer:
    """Bind and listen on ``host:port`` (port 0: any free port) for ``step``."""
    server_class = ThreadedServer if step in THREADED_STEPS else SequentialServer
    return server_class((host, port), framing, dialogue_factory(step))
