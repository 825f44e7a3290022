"""One client's session: read its messages, ask the step's dialogue, send the replies.

This is the only place that reads from or writes to a client's socket. Whatever the client
does (vanishes, resets the connection, sends garbage), only its own session ends: the server
goes on with the next client (ROBUST-1 to ROBUST-4).
"""
from __future__ import annotations

import logging
import socketserver

from .dialogues import Dialogue
from .framing import MAX_MESSAGE_BYTES, BadMessage, Event, encode, new_decoder
from .reply import Reply, error

log = logging.getLogger("canaduck")


class ConversationHandler(socketserver.StreamRequestHandler):
    """Serves one connection; ``self.server`` says which framing and which dialogue to use."""

    def handle(self) -> None:
        peer = "%s:%s" % self.client_address[:2]
        log.info("connexion de %s", peer)
        try:
            ending = self._converse()
        except OSError as problem:  # ConnectionResetError, BrokenPipeError, ...
            ending = f"connexion perdue ({type(problem).__name__})"
        log.info("fin de session avec %s : %s", peer, ending)

    def _converse(self) -> str:
        """Exchange messages until the session ends; returns why it ended."""
        framing = self.server.framing
        decoder = new_decoder(framing)
        dialogue = self.server.new_dialogue()
        while True:
            data = self._read()
            if not data:  # end of file: the client is gone, stop reading (ROBUST-1)
                return "le client a fermé la connexion"
            for event in decoder.feed(data):
                reply = self._reply_to(dialogue, event)
                if reply.text is not None:
                    self.request.sendall(encode(framing, reply.text))
                if reply.stop_server:
                    self.server.stop(reply.stop_server)
                if reply.close:
                    return "session terminée"

    def _read(self) -> bytes:
        """Raw framing: one ``recv(1024)``. Line framing: one line, bounded (plus ``\\r\\n``)."""
        if self.server.framing == "raw":
            return self.request.recv(MAX_MESSAGE_BYTES)
        return self.rfile.readline(MAX_MESSAGE_BYTES + 2)

    @staticmethod
    def _reply_to(dialogue: Dialogue, event: Event) -> Reply:
        if isinstance(event, BadMessage):
            return error(event.reason)  # TEXT-2: answer, and go on
        return dialogue.answer(event.text)
