"""Framing: how the bytes of a TCP stream become messages, and replies become bytes.

TCP carries a stream of bytes, not messages. Two ways of cutting it conform (spec, section 3):

- **raw framing** (this lab): every ``recv(1024)`` is taken as one whole message. It only works
  because client and server take turns;
- **line framing** (the next lab): every message ends with ``\\n``.

The decoders below are fed the bytes as they arrive and hand back ``Message`` or ``BadMessage``
events. They never touch a socket, so they can be tested with any chunking.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import List, Union

MAX_MESSAGE_BYTES = 1024
FRAMINGS = ("raw", "line")

NOT_UTF8 = "message illisible, ce n'est pas de l'UTF-8 valide"
TOO_LONG = f"message trop long ({MAX_MESSAGE_BYTES} octets au plus)"


@dataclass(frozen=True)
class Message:
    """A message's text, without its framing bytes."""

    text: str


@dataclass(frozen=True)
class BadMessage:
    """A message the server cannot read; ``reason`` says why, in French, for the error reply."""

    reason: str


Event = Union[Message, BadMessage]


def strip_newline(text: str) -> str:
    """Remove one trailing ``\\n`` or ``\\r\\n`` (FRAME-3, FRAME-4): ``nc`` and telnet add them."""
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith("\n"):
        return text[:-1]
    return text


class RawDecoder:
    """Raw framing: each read (at most ``read_size`` bytes) is one message.

    A read that filled the whole buffer may have cut a multi-byte character in two (``€`` is
    3 bytes, 1024 is not a multiple of 3). The incremental UTF-8 decoder keeps those first bytes
    and puts them in front of the next read instead of failing. A shorter read is a whole
    message, so a character cut at its end is an error, not something to wait for.
    """

    def __init__(self, read_size: int = MAX_MESSAGE_BYTES) -> None:
        self._read_size = read_size
        self._utf8 = codecs.getincrementaldecoder("utf-8")()

    def feed(self, data: bytes) -> List[Event]:
        """Decode one read; returns at most one event."""
        if not data:
            return []
        cut_by_the_buffer = len(data) >= self._read_size
        try:
            text = self._utf8.decode(data, final=not cut_by_the_buffer)
        except UnicodeDecodeError:
            self._utf8.reset()
            return [BadMessage(NOT_UTF8)]
        return [Message(strip_newline(text))]


class LineDecoder:
    """Line framing: a message is everything up to ``\\n``.

    Bytes are kept until the ``\\n`` arrives, however they were cut by TCP. A line longer than
    ``max_bytes`` (plus its ``\\r\\n``) gets one ``BadMessage`` and is skipped up to its ``\\n``:
    the buffer never grows beyond the limit, and the client still gets one reply per line.
    """

    def __init__(self, max_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self._max_bytes = max_bytes
        self._pending = bytearray()
        self._skipping = False

    def feed(self, data: bytes) -> List[Event]:
        """Add bytes; returns the events of every line they complete."""
        events: List[Event] = []
        self._pending += data
        while True:
            end = self._pending.find(b"\n")
            if end < 0:
                break
            line = bytes(self._pending[:end])
            del self._pending[: end + 1]
            if self._skipping:
                self._skipping = False
            else:
                events.append(self._decode(line))
        if self._skipping:
            self._pending.clear()
        elif len(self._pending) > self._max_bytes + 1:  # + 1: room for a "\r"
            events.append(BadMessage(TOO_LONG))
            self._pending.clear()
            self._skipping = True
        return events

    def _decode(self, line: bytes) -> Event:
        if line.endswith(b"\r"):
            line = line[:-1]
        if len(line) > self._max_bytes:
            return BadMessage(TOO_LONG)
        try:
            return Message(line.decode("utf-8"))
        except UnicodeDecodeError:
            return BadMessage(NOT_UTF8)


def new_decoder(framing: str) -> Union[RawDecoder, LineDecoder]:
    """A fresh decoder for one session (decoders keep state between reads)."""
    if framing == "raw":
        return RawDecoder()
    if framing == "line":
        return LineDecoder()
    raise ValueError(f"unknown framing {framing!r}")


def encode(framing: str, text: str) -> bytes:
    """The bytes to send for one message.

    In raw framing an empty text would be an empty ``send()``, which sends nothing at all and
    leaves the client waiting: it is sent as a lone ``\\n``, which is not part of the text
    (FRAME-1 allows one trailing newline on a raw reply).
    """
    if framing == "line":
        return (text + "\n").encode("utf-8")
    if framing == "raw":
        return text.encode("utf-8") or b"\n"
    raise ValueError(f"unknown framing {framing!r}")
