"""The server the suite plays for a client under test (``--client-cmd``): its listening socket,
the one connection the client opens, and what the client sends, cut into messages.

``Inbox`` is the sans-I/O part (bytes in, messages out, tested by tests/test_client_suite.py);
``PlayedServer`` holds the sockets. The suite listens on a loopback port the system chose (no race
with another worker), and the bind shim sends the client's ``connect()`` there, whatever address it
was written for. ``closed_port`` gives a port where nothing listens (CLIENT-6).

The transcript keeps the spec's notation: ``C>`` is what the client under test sent, ``S>`` what
the suite, as its server, sent back.
"""
from __future__ import annotations

import contextlib
import select
import socket
import time
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from conformance.core.transcript import Transcript
from conformance.core.wire import LINE, encode_message

READ_SIZE = 65536
FLOOD_BYTES = 64 * 1024     # a client that sends more than this for one line is flooding: stop reading

# How a message from the client ended (``Message.ending``)
COMPLETE = "complete"    # line framing: its \n came; raw framing: the expected bytes, then a quiet gap
QUIET = "quiet"          # raw framing: bytes, then nothing more for a quiet gap
TIMEOUT = "timeout"      # nothing (or not enough) within the reply timeout
EOF = "eof"              # the client closed the connection
RESET = "reset"          # the connection was reset


@dataclass(frozen=True)
class Message:
    """What the client sent for one turn: its bytes and how they ended."""

    data: bytes
    ending: str

    @property
    def text(self) -> str:
        """The text, without the framing's ``\\n`` (or ``\\r\\n``), undecodable bytes escaped."""
        data = self.data[:-1] if self.data.endswith(b"\n") else self.data
        data = data[:-1] if data.endswith(b"\r") else data
        return data.decode("utf-8", errors="backslashreplace")


class Inbox:
    """Bytes from the client, cut into messages (sans I/O).

    Line framing: a message is everything up to its ``\\n``. Raw framing has no delimiter: the client
    takes turns, so a message is what came since the last one; it is complete once the bytes the suite
    expects are there (or differ from them), the reader then waiting a quiet gap for stray bytes such
    as a ``\\n`` that does not belong."""

    def __init__(self, framing: str) -> None:
        self.framing = framing
        self.buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def ready(self, expected: Optional[bytes] = None) -> bool:
        """A message can be taken (raw framing: possibly after a quiet gap, see ``needs_quiet``)."""
        if self.framing == LINE:
            return b"\n" in self.buffer
        if not self.buffer:
            return False
        if expected is None:
            return True
        return len(self.buffer) >= len(expected) or not expected.startswith(bytes(self.buffer))

    @property
    def needs_quiet(self) -> bool:
        """Raw framing: a ready message is taken only after a quiet gap (more bytes may belong to it)."""
        return self.framing != LINE

    def take(self) -> bytes:
        """The first message (line framing: up to and with its ``\\n``; raw: everything)."""
        if self.framing == LINE and b"\n" in self.buffer:
            end = self.buffer.index(b"\n") + 1
        else:
            end = len(self.buffer)
        data = bytes(self.buffer[:end])
        del self.buffer[:end]
        return data


@contextlib.contextmanager
def closed_port() -> Iterator[int]:
    """A loopback port where nothing listens, held for the ``with`` block: a socket bound to it and
    never listening, so no other program can take it and a ``connect()`` there is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]
    finally:
        sock.close()


class PlayedServer:
    """A listening socket on 127.0.0.1 and the one connection a client under test opens to it."""

    def __init__(self, framing: str, transcript: Transcript, quiet_gap: float) -> None:
        self.framing = framing
        self.transcript = transcript
        self.quiet_gap = quiet_gap
        self.inbox = Inbox(framing)
        self.conn: Optional[socket.socket] = None
        self.closed_by_client = False
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(4)
        self.port: int = self._listener.getsockname()[1]

    def accept(self, timeout: float, alive: Callable[[], bool]) -> bool:
        """Wait (bounded) for the client's connection; False if it did not come, or the client
        exited first (``alive`` says whether it still runs)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            ready, _, _ = select.select([self._listener], [], [], min(0.02, remaining))
            if ready:
                self.conn, _ = self._listener.accept()
                self.transcript.event("the client connected")
                return True
            if not alive():
                return False

    def _read_once(self, timeout: float) -> Optional[str]:
        """Read what has arrived (waiting up to ``timeout``); EOF or RESET when the connection ended,
        None otherwise."""
        if self.conn is None or self.closed_by_client:
            return EOF
        ready, _, _ = select.select([self.conn], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            data = self.conn.recv(READ_SIZE)
        except (ConnectionResetError, ConnectionAbortedError):
            self.closed_by_client = True
            self.transcript.event("the connection was reset by the client")
            return RESET
        except OSError:
            self.closed_by_client = True
            return RESET
        if not data:
            self.closed_by_client = True
            self.transcript.event("the client closed the connection")
            return EOF
        self.inbox.feed(data)
        return None

    def receive(self, timeout: float, expected: Optional[str] = None) -> Message:
        """The client's next message, waited for until ready (line: its ``\\n``; raw: ``expected``'s
        bytes or any bytes, then a quiet gap), at most ``timeout``."""
        wanted = None if expected is None else expected.encode("utf-8")
        deadline = time.monotonic() + timeout
        ending = TIMEOUT
        while not self.inbox.ready(wanted) and len(self.inbox.buffer) < FLOOD_BYTES:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            end = self._read_once(remaining)
            if end is not None:
                ending = end
                break
        if self.inbox.ready(wanted):
            ending = COMPLETE if wanted is not None or not self.inbox.needs_quiet else QUIET
            while self.inbox.needs_quiet and len(self.inbox.buffer) < FLOOD_BYTES:
                before = len(self.inbox.buffer)
                if self._read_once(self.quiet_gap) is not None or len(self.inbox.buffer) == before:
                    break
        data = self.inbox.take() if self.inbox.buffer else b""
        if data:
            self.transcript.sent(data)
        return Message(data, ending)

    def reply(self, text: str, note: str = "") -> None:
        """Send one reply in the framing (raw: the text alone; line: the text then ``\\n``)."""
        self.send_bytes(encode_message(text, self.framing), note)

    def send_bytes(self, data: bytes, note: str = "") -> None:
        if self.conn is None:
            return
        try:
            self.conn.sendall(data)
        except OSError as exc:
            self.transcript.event(f"could not send: {exc}")
            return
        self.transcript.received(data, note)

    def close_connection(self) -> None:
        """Close the client's connection, as a server does after ``fin`` (the client sees EOF)."""
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.shutdown(socket.SHUT_RDWR)
            self.conn.close()
            self.conn = None
            self.transcript.event("the suite (the server) closed the connection")

    def close(self) -> None:
        self.close_connection()
        self._listener.close()
