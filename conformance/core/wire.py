"""Reading the CanaDuck wire, sans I/O: framing, reply assembly, error replies, numbers.

Nothing here touches a socket. ``conformance.server_under_test.connection`` feeds bytes in and asks what they mean; the
unit tests (tests/test_wire.py) do the same with hand-made byte strings.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Tuple

RAW = "raw"
LINE = "line"
MAX_REPLY_BYTES = 64 * 1024   # a reply longer than this is a flood: stop reading

# How a reply ended (``Reply.ending``)
COMPLETE = "complete"      # expected text matched (raw) or its \n arrived (line)
QUIET = "quiet"            # nothing more arrived for a quiet gap after the last byte
MISMATCH = "mismatch"      # the text can no longer become the expected one
TIMEOUT = "timeout"        # the reply timeout expired
EOF = "eof"                # the server closed the connection
RESET = "reset"            # the connection was reset
OVERFLOW = "overflow"      # more than MAX_REPLY_BYTES arrived


def encode_message(text: str, framing: str) -> bytes:
    """The bytes of one client message: its UTF-8 text, plus ``\\n`` in line framing."""
    data = text.encode("utf-8")
    return data + b"\n" if framing == LINE else data


def decode_partial(data: bytes) -> Tuple[str, bool]:
    """Decode UTF-8, ignoring an incomplete character at the very end.

    Returns (text, valid): valid is False when the bytes hold something that is not UTF-8 (then
    the text shows the bad bytes as ``\\xNN`` escapes).
    """
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start < 4:
            head = data[:exc.start]
            try:
                return head.decode("utf-8"), True
            except UnicodeDecodeError:
                pass
        return data.decode("utf-8", errors="backslashreplace"), False


def show_bytes(data: bytes) -> str:
    """How bytes are shown to a person: ``repr`` of the text, or hex when they are not UTF-8."""
    try:
        return repr(data.decode("utf-8"))
    except UnicodeDecodeError:
        return f"invalid UTF-8 {data.decode('utf-8', errors='backslashreplace')!r} (hex {data.hex(' ')})"


def strip_terminator(data: bytes) -> Tuple[bytes, bool]:
    """Remove one trailing ``\\n`` or ``\\r\\n``; say whether there was one."""
    if data.endswith(b"\r\n"):
        return data[:-2], True
    if data.endswith(b"\n"):
        return data[:-1], True
    return data, False


@dataclass(frozen=True)
class Expect:
    """What a check expects of a reply, so reading can stop early.

    ``done(text)``: the reply is complete (raw framing cannot tell otherwise until a quiet gap).
    ``viable(text)``: the text read so far could still become the expected reply; when it cannot,
    reading stops at once with ``MISMATCH`` instead of waiting for the timeout.
    ``partial(text)``: the text is a strict beginning of a reply ``done`` accepts: the rest is
    waited for (up to the reply timeout) instead of ending the reply after a quiet gap, so a server
    that pauses inside its reply is not cut (``conformance.server_under_test.pacing``).
    ``describe``: what was expected, for failure messages.
    """

    describe: str
    done: Callable[[str], bool] = field(default=lambda text: False)
    viable: Callable[[str], bool] = field(default=lambda text: True)
    exact_text: Optional[str] = None     # the whole expected reply, when known (see ``ReplyAssembler``)
    partial: Callable[[str], bool] = field(default=lambda text: False)


def _beginning_of(*texts: str) -> Callable[[str], bool]:
    """``partial`` for replies known in advance: a strict beginning of one of ``texts``."""
    return lambda text: any(len(text) < len(whole) and whole.startswith(text) for whole in texts)


ANY_REPLY = Expect("any reply")


def exact(expected: str, early_fail: bool = True) -> Expect:
    """The reply is exactly ``expected``. With ``early_fail=False`` a mismatch only ends the reply
    after a quiet gap (checks of other clauses accept more than the exact text)."""
    def viable(text: str) -> bool:
        return not early_fail or expected.startswith(text) or (text.startswith(expected)
                                                               and text[len(expected):] in ("", "\r", "\n", "\r\n"))
    return Expect(f"exactly {expected!r}", done=lambda text: text == expected, viable=viable,
                  partial=_beginning_of(expected), exact_text=expected)


def containing(token: str, exact_text: Optional[str] = None) -> Expect:
    """The reply carries ``token``; completes fast when it is exactly ``exact_text``."""
    target = exact_text if exact_text is not None else token
    return Expect(f"a reply containing {token!r}", done=lambda text: text == target, partial=_beginning_of(target),
                  exact_text=exact_text)


def carries(text: str, reply_text: str) -> bool:
    """The reply carries ``text``'s characters, whatever their case: what TEXT-1, SIZE-1 and the
    lenient exchanges ask. A case change is a different text (ECHO-1, STORE-3), not an encoding
    fault, so it fails the clause about the exact text only."""
    return text.casefold() in reply_text.casefold()


ERROR_WORD = "erreur"


def is_error_reply(text: str) -> bool:
    """Section 4: an error reply begins with ``Erreur`` in any case, possibly after spaces."""
    return text.lstrip(" \t").lower().startswith(ERROR_WORD)


ERROR_REPLY = Expect("an error reply (text beginning with 'Erreur')",
                     viable=lambda text: (len(text.lstrip(" \t")) < len(ERROR_WORD)
                                          and ERROR_WORD.startswith(text.lstrip(" \t").lower()))
                     or is_error_reply(text),
                     partial=lambda text: _beginning_of(ERROR_WORD)(text.lstrip(" \t").lower()))

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text: str) -> Optional[float]:
    """A calculator reply as a number (``16``, ``16.0``, `` 16 ``, ``1e+16``), else None."""
    stripped = text.strip(" \t")
    if not _DECIMAL.match(stripped):
        return None
    value = float(stripped)
    return value if math.isfinite(value) else None


def same_number(seen: Optional[float], expected: float, rel_tol: float = 1e-9) -> bool:
    """CALC-1: numbers compared as numbers, floats with a relative tolerance of 1e-9."""
    return seen is not None and math.isclose(seen, expected, rel_tol=rel_tol, abs_tol=0.0)


def number(expected: float) -> Expect:
    """A calculator reply worth ``expected``, written the way Python's ``str()`` writes it (``16``
    for the int, ``16.0`` for the float, ``3.5``): complete as soon as it is exactly that, and the
    rest waited for while it is a beginning of it.

    A text merely worth the value is not complete at once: it may be the beginning of a longer
    number (``5.6000`` of ``5.600000000000001``, ``-1`` of ``-1.0``, whose rest a raw server may
    send a moment later), so it ends after a quiet gap."""
    canonical = str(expected)
    return Expect(f"the value {expected!r}", done=lambda text: text.strip(" \t") == canonical,
                  partial=lambda text: _beginning_of(canonical)(text.strip(" \t")))


@dataclass
class Reply:
    """One reply as read from the wire."""

    data: bytes            # the reply's bytes, framing removed
    ending: str            # COMPLETE, QUIET, MISMATCH, TIMEOUT, EOF, RESET, OVERFLOW
    terminated: bool       # it ended with \n (\r\n)
    valid_utf8: bool = True
    text: str = ""
    carriage_return: bool = False   # line framing: the line ended with \r\n

    @property
    def received(self) -> bool:
        """Something arrived."""
        return bool(self.data) or self.terminated

    def shown(self) -> str:
        return show_bytes(self.data)

    def describe(self) -> str:
        """A person-readable account: what arrived and how the reply ended."""
        how = {COMPLETE: "", QUIET: "", MISMATCH: "",
               TIMEOUT: " (then nothing more until the reply timeout)",
               EOF: " (then the server closed the connection)",
               RESET: " (then the connection was reset)",
               OVERFLOW: f" (more than {MAX_REPLY_BYTES} bytes: stopped reading)"}[self.ending]
        if not self.received:
            return {TIMEOUT: "no reply within the reply timeout", EOF: "the server closed the connection without replying",
                    RESET: "the connection was reset without a reply"}.get(self.ending, "no reply")
        return self.shown() + how


class ReplyAssembler:
    """Accumulates the bytes of one reply and says when it is complete.

    Always looks at the whole accumulated stream (a reply may come in several ``recv`` chunks).
    In line framing the reply ends at the first ``\\n``; bytes after it are ``leftover`` (the start
    of another message). In raw framing it ends when ``expect.done`` holds; otherwise the caller
    ends it after a quiet gap, a timeout or EOF (``finish``).
    """

    def __init__(self, framing: str, expect: Expect = ANY_REPLY, cap: int = MAX_REPLY_BYTES) -> None:
        self.framing = framing
        self.expect = expect
        self.cap = cap
        self.buffer = b""
        self.leftover = b""
        self.result: Optional[Reply] = None

    def feed(self, data: bytes) -> Optional[Reply]:
        """Add bytes; return the Reply once it is complete (else None)."""
        if self.result is not None:
            self.leftover += data
            return self.result
        self.buffer += data
        if self.framing == LINE and b"\n" in self.buffer:
            line, _, rest = self.buffer.partition(b"\n")
            self.leftover = rest
            if line.endswith(b"\r"):
                self._end(line[:-1], COMPLETE, True).carriage_return = True
                return self.result
            return self._end(line, COMPLETE, True)
        if len(self.buffer) > self.cap:
            return self._end(self.buffer, OVERFLOW, False)
        text, valid = decode_partial(self._body()[0])
        if self.framing == RAW and valid and self.expect.done(text):
            return self._end(self.buffer, COMPLETE, None)
        if self.framing == RAW and self._repeated() is not None:
            return self.result
        if valid and not self.expect.viable(text):
            return self._end(self.buffer, MISMATCH, None)
        return None

    def _repeated(self) -> Optional[Reply]:
        """Raw framing: the expected reply, then (after an optional terminator) the start of the
        same reply again. Two replies to one request merged on the wire: the first is this reply,
        the rest is left over for whoever reads next (TURN-1 sees it; the clause about the reply's
        text is not blamed for its double)."""
        if self.expect.exact_text is None:
            return None
        wanted = self.expect.exact_text.encode("utf-8")
        if not wanted or not self.buffer.startswith(wanted):
            return None
        rest, terminated = self.buffer[len(wanted):], False
        for terminator in (b"\r\n", b"\n"):
            if rest.startswith(terminator):
                rest, terminated = rest[len(terminator):], True
                break
        if not rest or not (wanted.startswith(rest) or rest.startswith(wanted)):
            return None
        self.buffer, self.leftover = self.buffer[:len(self.buffer) - len(rest)], rest
        return self._end(wanted, COMPLETE, terminated)

    def partial(self) -> bool:
        """The bytes so far are a strict beginning of the expected reply (``Expect.partial``):
        more is surely coming."""
        if self.result is not None or not self.buffer:
            return False
        text, valid = decode_partial(self._body()[0])
        return valid and self.expect.partial(text)

    def complete_text(self) -> bool:
        """The text so far is the expected reply (``Expect.done``), whatever the framing."""
        if self.result is not None or not self.buffer:
            return False
        text, valid = decode_partial(self._body()[0])
        return valid and self.expect.done(text)

    def finish(self, ending: str) -> Reply:
        """End the reply for a reason found by the caller (QUIET, TIMEOUT, EOF, RESET)."""
        if self.result is not None:
            return self.result
        return self._end(self.buffer, ending, None)

    def _body(self) -> Tuple[bytes, bool]:
        return strip_terminator(self.buffer)

    def _end(self, data: bytes, ending: str, terminated: Optional[bool]) -> Reply:
        if terminated is None:
            data, terminated = strip_terminator(data)
        try:
            text, valid = data.decode("utf-8"), True
        except UnicodeDecodeError:
            text, valid = data.decode("utf-8", errors="backslashreplace"), False
        self.result = Reply(data=data, ending=ending, terminated=terminated, valid_utf8=valid, text=text)
        return self.result
