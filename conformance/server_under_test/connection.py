"""The suite's client side: one TCP connection to the server under test, with its transcript.

Every wait is bounded by the reply timeout; replies are assembled by ``wire.ReplyAssembler``.
"""
from __future__ import annotations

import select
import socket
import struct
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Optional, Sequence, Tuple, Union

from conformance.core import wire
from conformance.core.transcript import Transcript
from conformance.server_under_test.dialogue import OPTIONAL_REPLY_WAIT
from conformance.server_under_test.pacing import Pacing

GREET_WINDOW = 0.25      # how long a first connection waits for an unsolicited greeting
PROBE_WINDOW = 1.0       # spec section 3: raw framing answers within this window


class ConnectFailed(Exception):
    """The server could not be reached (refused, unreachable, timed out)."""


@dataclass(frozen=True)
class Profile:
    """What the suite learned about a server: its framing and whether it greets."""

    framing: Optional[str]       # wire.RAW, wire.LINE, or None (no framing found: FRAME-1)
    greets: Optional[bool]       # None: not known yet
    problem: str = ""            # why no framing was found (or, with ``dropped``, what was seen)
    silent_first: bool = False   # raw server that leaves a session's first message unanswered (TURN-1)
    dropped: bool = False        # a later connection was served while the first waited (SEQ-2)
    later_served: bool = False   # with ``dropped``: only a server's first connection is dropped, every
                                 # later one is served (the other checks run on later clients)
    lessons: Dict[str, Any] = field(default_factory=dict)   # what detection learnt of its timing (Pacing)


class Connection:
    """One session with the server: send messages, read replies, end, reset."""

    def __init__(self, address: Tuple[str, int], framing: Optional[str], reply_timeout: float,
                 quiet_gap: float, transcript: Transcript, lessons: Optional[dict] = None) -> None:
        """``quiet_gap`` is the floor of the learnt gap; ``lessons``: what earlier connections to
        the same server learnt of its timing (``Pacing.lessons()``)."""
        self.address = address
        self.framing = framing
        self.reply_timeout = reply_timeout
        self.pacing = Pacing(floor=quiet_gap, cap=reply_timeout).learn(lessons or {})
        self.transcript = transcript
        self.sent_at: Optional[float] = None     # when the last message left, until the first reply
        self.pending = b""          # bytes received but not yet part of a reply
        self.closed_by_server = False
        self.reset_by_server = False
        self.unresponsive = False   # the last reply never came: no point in a polite goodbye
        self.greeting: Optional[wire.Reply] = None
        self.sock: Optional[socket.socket] = None
        self.silent_first = False   # detect_framing: the first message got no reply, later ones did
        self.opening_unanswered = False     # detect_framing: framing found from the fallback's reply

    # -- opening and closing -------------------------------------------------------------
    def open(self) -> "Connection":
        host, port = self.address
        try:
            infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise ConnectFailed(f"cannot resolve {host!r}: {exc}") from None
        error: Optional[OSError] = None
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            sock.settimeout(self.reply_timeout)
            try:
                sock.connect(sockaddr)
            except OSError as exc:
                sock.close()
                error = exc
                continue
            self.sock = sock
            self.transcript.event(f"connected to {host}:{port}")
            return self
        reason = "connection refused" if isinstance(error, ConnectionRefusedError) else str(error)
        self.transcript.event(f"connect to {host}:{port} failed: {reason}")
        raise ConnectFailed(f"cannot connect to {host}:{port}: {reason}")

    def close(self) -> None:
        """Close like a client that is done, not like one that died: bytes the server sent that
        nobody read (another client's message broadcast to this one) are read first, since closing
        with unread data sends a TCP reset (ROBUST-2's business, never another check's)."""
        if self.sock is not None:
            try:
                self._drain()
                self.sock.close()
            finally:
                self.sock = None
                self.transcript.event("client closed the connection")

    def _drain(self, limit: int = 16) -> None:
        """Read (and drop) what has already arrived, without waiting: at most ``limit`` reads."""
        assert self.sock is not None
        for _ in range(limit):
            try:
                ready, _, _ = select.select([self.sock], [], [], 0)
                if not ready or not self.sock.recv(65536):
                    return
            except (OSError, ValueError):
                return

    def half_close(self) -> None:
        """Send EOF (``shutdown(SHUT_WR)``) but keep reading."""
        assert self.sock is not None
        self.sock.shutdown(socket.SHUT_WR)
        self.transcript.event("client sent EOF (shutdown SHUT_WR)")

    def reset(self) -> None:
        """Close with a TCP RST (SO_LINGER 0), like a client that crashed."""
        if self.sock is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.sock.close()
            self.sock = None
            self.transcript.event("client reset the connection (RST)")

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- sending -------------------------------------------------------------------------
    def send_bytes(self, data: bytes, note: str = "") -> bool:
        """Send bytes as they are; False (and a transcript event) if the connection is gone."""
        assert self.sock is not None
        try:
            self.sock.sendall(data)
        except OSError as exc:
            self.transcript.event(f"send failed: {exc.__class__.__name__}: {exc}")
            return False
        self.transcript.sent(data, note)
        if not self.pacing.latency:
            self.sent_at = time.monotonic()
        return True

    def send(self, text: str) -> bool:
        """Send one message in this connection's framing."""
        assert self.framing is not None, "framing not known yet"
        return self.send_bytes(wire.encode_message(text, self.framing))

    # -- receiving -----------------------------------------------------------------------
    def _recv(self, timeout: float) -> Union[bytes, str, None]:
        """Up to 64 KiB; b"" never returned: "eof" / "reset" strings, or None on timeout."""
        if self.sock is None:
            return "eof"
        if self.closed_by_server:
            return "eof"
        try:
            ready, _, _ = select.select([self.sock], [], [], max(0.0, timeout))
        except (OSError, ValueError):
            return "eof"
        if not ready:
            return None
        try:
            data = self.sock.recv(65536)
        except ConnectionResetError:
            self.reset_by_server = True
            self.transcript.event("connection reset by the server")
            return "reset"
        except socket.timeout:
            return None
        except OSError as exc:
            self.transcript.event(f"receive failed: {exc}")
            return "reset"
        if not data:
            self.closed_by_server = True
            self.transcript.event("server closed the connection (EOF)")
            return "eof"
        if self.sent_at is not None:       # the first reply's latency: how fast this server answers here
            self.pacing.latency = time.monotonic() - self.sent_at
            self.sent_at = None
        return data

    @property
    def quiet_gap(self) -> float:
        """The learnt quiet gap (``conformance.server_under_test.pacing``)."""
        return self.pacing.gap

    def _waits_on(self, assembler: wire.ReplyAssembler) -> bool:
        """Past the quiet gap, is the rest of this reply still surely coming? Its text is a strict
        beginning of the expected one, or (line framing) it is the expected text without its \\n,
        on a server not yet seen to leave the \\n out."""
        if assembler.partial():
            return True
        return assembler.framing == wire.LINE and not self.pacing.bare_lines and assembler.complete_text()

    def read_reply(self, expect: wire.Expect = wire.ANY_REPLY, timeout: Optional[float] = None,
                   framing: Optional[str] = None, note: str = "") -> wire.Reply:
        """Read one reply; bounded by the reply timeout (or ``timeout``). A reply the check can
        recognise is waited for until complete; any other ends after the learnt quiet gap."""
        assembler = wire.ReplyAssembler(framing or self.framing or wire.RAW, expect)
        deadline = time.monotonic() + (self.reply_timeout if timeout is None else timeout)
        reply: Optional[wire.Reply] = None
        last_byte: Optional[float] = None
        first_byte: Optional[float] = None
        if self.pending:
            data, self.pending = self.pending, b""
            reply = assembler.feed(data)
            last_byte = first_byte = time.monotonic()
        while reply is None:
            now = time.monotonic()
            if now >= deadline:
                if assembler.framing == wire.LINE and assembler.complete_text():
                    self.pacing.bare_lines = True    # its lines may lack "\n": no more waiting for one
                reply = assembler.finish(wire.TIMEOUT)
                break
            wait = deadline - now
            if last_byte is not None and not self._waits_on(assembler):
                gap_left = last_byte + self.pacing.gap - now
                if gap_left <= 0:
                    reply = assembler.finish(wire.QUIET)
                    break
                wait = min(wait, gap_left)
            data = self._recv(wait)
            if data is None:
                continue
            if isinstance(data, str):
                reply = assembler.finish(wire.EOF if data == "eof" else wire.RESET)
                break
            arrived = time.monotonic()
            if last_byte is not None:
                self.pacing.saw_pause(arrived - last_byte)
            last_byte = arrived
            first_byte = first_byte or last_byte
            reply = assembler.feed(data)
        if reply.ending == wire.COMPLETE and assembler.framing == wire.RAW:
            extra = self._recv(0.0)      # a "\n" sent separately belongs to this reply
            if isinstance(extra, bytes):
                assembler.leftover += extra
        leftover = assembler.leftover
        if assembler.framing == wire.RAW:
            seen = assembler.buffer
            if leftover in (b"\n", b"\r\n"):
                seen, reply.terminated, leftover = seen + leftover, True, b""
        else:
            seen = assembler.buffer[:len(assembler.buffer) - len(leftover)]
        self.pending = leftover + self.pending
        self.unresponsive = reply.ending == wire.TIMEOUT and not reply.received
        if seen:
            ending = "" if reply.ending in (wire.QUIET, wire.COMPLETE) else reply.ending
            self.transcript.received(seen, ", ".join(n for n in (note, ending) if n), at=first_byte)
        elif reply.ending == wire.TIMEOUT:
            self.transcript.event(f"no reply within {self.reply_timeout if timeout is None else timeout:g} s")
        return reply

    def exchange(self, text: str, expect: wire.Expect = wire.ANY_REPLY,
                 after_send: Optional[Callable[[], None]] = None) -> wire.Reply:
        """Send one message and read its reply."""
        if not self.send(text):
            return wire.Reply(b"", wire.RESET if self.reset_by_server else wire.EOF, False)
        if after_send is not None:
            after_send()
        return self.read_reply(expect)

    def quiet(self, window: float) -> bytes:
        """Whatever arrives (unprompted) within ``window`` seconds (0: what has arrived already);
        b"" if nothing."""
        data = self.pending
        self.pending = b""
        if data:
            self.transcript.received(data, "unprompted")
        deadline = time.monotonic() + window
        while len(data) <= wire.MAX_REPLY_BYTES:
            chunk = self._recv(max(0.0, deadline - time.monotonic()))
            if chunk is None or isinstance(chunk, str):
                break
            data += chunk
            self.transcript.received(chunk, "unprompted")     # as it arrives, before any EOF line
        return data

    def wait_closed(self, timeout: Optional[float] = None) -> Tuple[str, bytes]:
        """Wait for the server to close: ("eof"|"reset"|"timeout"|"overflow", bytes received meanwhile)."""
        data = self.pending
        self.pending = b""
        if data:
            self.transcript.received(data)
        deadline = time.monotonic() + (self.reply_timeout if timeout is None else timeout)
        while True:
            if len(data) > wire.MAX_REPLY_BYTES:
                outcome = "overflow"
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                outcome = "timeout"
                break
            chunk = self._recv(remaining)
            if chunk is None:
                continue
            if isinstance(chunk, str):
                outcome = chunk
                break
            data += chunk
            self.transcript.received(chunk)      # as it arrives: the transcript stays in time order
        if outcome == "timeout":
            self.transcript.event(f"connection still open after {self.reply_timeout if timeout is None else timeout:g} s")
        return outcome, data

    def wait_goodbye(self, patient: bool = False) -> Tuple[str, bytes]:
        """After ``fin`` or ``/bye``: ``wait_closed``, or, on a server already seen keeping the
        connection open for the reply timeout (``pacing.keeps_open``) unless ``patient``, only
        its last message, a reply that may rightly not come ("timeout" if no close follows it).
        A close that does not come teaches ``keeps_open``."""
        if patient or not self.pacing.keeps_open:
            outcome, data = self.wait_closed()
            self.pacing.keeps_open = outcome == "timeout"
            return outcome, data
        last = self.read_reply(wire.ANY_REPLY, timeout=max(self.quiet_gap, min(OPTIONAL_REPLY_WAIT, self.reply_timeout)),
                               note="last message")
        return (last.ending if last.ending in (wire.EOF, wire.RESET) else "timeout"), last.data

    def closed_within(self, timeout: float) -> bool:
        """Has the server closed the connection (checked for up to ``timeout``)? Bytes that
        arrive meanwhile are kept for the next reply."""
        chunk = self._recv(timeout)
        if isinstance(chunk, bytes):
            self.pending += chunk
            return False
        return isinstance(chunk, str)

    # -- greeting and framing ------------------------------------------------------------
    def read_greeting(self, greets: Optional[bool]) -> Optional[wire.Reply]:
        """GREET-1: read an unsolicited greeting, waiting a short window if not known yet."""
        if greets is False:
            return None
        window = GREET_WINDOW if greets is None else self.reply_timeout
        first = self._recv(window)
        if first is None or isinstance(first, str):
            return None
        self.pending = first + self.pending
        self.greeting = self.read_reply(wire.ANY_REPLY, framing=self.framing or wire.LINE
                                        if b"\n" in first else self.framing or wire.RAW, note="greeting")
        return self.greeting

    def detect_framing(self, text: str, expect: wire.Expect,
                       after_send: Optional[Callable[[], None]] = None,
                       fallback: Optional[Tuple[str, wire.Expect]] = None,
                       confirm: Optional[Tuple[str, wire.Expect]] = None,
                       last_resort: Sequence[Tuple[str, wire.Expect]] = ()) -> Tuple[Optional[str], wire.Reply]:
        """Spec section 3: send ``text`` bare; a reply within the probe window means raw framing,
        otherwise send ``\\n``; a reply now means line framing. Returns (framing or None, reply).

        ``fallback`` (step 6: ``/all <token>`` after the pseudo) is for servers that may rightly be
        silent about ``text`` (a server that does not answer the pseudo breaks CMD-1, not FRAME-1):
        when the bare ``text`` gets nothing, ``fallback`` is sent bare before the ``\\n`` (a raw server
        answers it; a line server still waits for its first line), and if the line ``text`` gets
        nothing either, ``fallback`` is sent as a line.

        ``confirm`` (servers with more than one session): a reply that came only after the ``\\n``
        may also be a raw server's reply to the ``\\n`` alone, the first message having gone
        unanswered (read as a pseudo, or waited on). So ``confirm`` is sent bare: a line server
        waits for its ``\\n`` (sent after the probe window), a raw server answers it at once; then
        the framing is raw and ``silent_first`` is set.

        ``last_resort`` (step 6: /help, /bye): when nothing got a reply in either framing, these
        messages are sent on the same session, each bare, then each as a line (``any_answered``):
        framing is found from any message the server answers, commands included.
        """
        if not self.send_bytes(text.encode("utf-8"), "no terminator: framing probe"):
            return None, wire.Reply(b"", wire.EOF, False)
        if after_send is not None:
            after_send()
        found = self._raw_reply_within_probe_window(expect)
        if found is not None:
            return found
        if fallback is not None:
            self.transcript.event("no reply to the first message: it may rightly get none; sending the next one bare")
            if not self.send_bytes(fallback[0].encode("utf-8"), "no terminator: framing probe"):
                return None, wire.Reply(b"", wire.EOF, False)
            found = self._raw_reply_within_probe_window(fallback[1])
            if found is not None:
                self.opening_unanswered = True
                return found
        self.transcript.event(f"no reply within the {self._probe_window():g} s probe window: sending a line terminator")
        if not self.send_bytes(b"\n", "line terminator"):
            return None, wire.Reply(b"", wire.EOF, False)
        self.framing = wire.LINE
        reply = self.read_reply(expect)
        if not reply.received and fallback is not None and reply.ending == wire.TIMEOUT:
            self.opening_unanswered = True
            reply = self.exchange(fallback[0], fallback[1])
        if not reply.received:
            if reply.ending == wire.TIMEOUT and last_resort:
                found = self.any_answered(last_resort)
                if found is not None:
                    return found
            self.framing = None
            return None, reply
        if confirm is None or reply.ending in (wire.EOF, wire.RESET, wire.OVERFLOW):
            return wire.LINE, reply
        self.transcript.event("a reply came only after the '\\n': checking the line framing with one more"
                              " message sent bare (a raw-framing server answers it at once)")
        if not self.send_bytes(confirm[0].encode("utf-8"), "no terminator: framing check"):
            return wire.LINE, reply
        self.framing = wire.RAW
        found = self._raw_reply_within_probe_window(confirm[1])
        if found is not None and found[1].received:
            self.silent_first = True
            self.transcript.event("answered without '\\n': raw framing; the first message had no reply")
            return found
        self.framing = wire.LINE
        if found is not None:           # closed on the bare message: as line framing, it is gone
            return wire.LINE, reply
        self.transcript.event("no reply without '\\n': line framing confirmed")
        if self.send_bytes(b"\n", "line terminator"):
            self.read_reply(confirm[1])
        return wire.LINE, reply

    def any_answered(self, messages: Sequence[Tuple[str, wire.Expect]],
                     framings: Sequence[str] = (wire.RAW, wire.LINE)) -> Optional[Tuple[str, wire.Reply]]:
        """Send ``messages`` bare (raw framing: a reply within the probe window), then as lines;
        (framing, reply) for the first one answered, None if none is (or the connection is gone)."""
        self.transcript.event("no reply yet in either framing: trying the step's other messages")
        if wire.RAW in framings:
            for text, expect in messages:
                if not self.send_bytes(text.encode("utf-8"), "no terminator: framing probe"):
                    return None
                found = self._raw_reply_within_probe_window(expect)
                if found is not None:
                    return found
        if wire.LINE in framings:
            self.framing = wire.LINE
            for text, expect in messages:
                reply = self.exchange(text, expect)
                if reply.received:
                    return wire.LINE, reply
                if reply.ending != wire.TIMEOUT:
                    break
        return None

    def _probe_window(self) -> float:
        return min(PROBE_WINDOW, self.reply_timeout)

    def _raw_reply_within_probe_window(self, expect: wire.Expect) -> Optional[Tuple[str, wire.Reply]]:
        """After a bare message: (RAW, its reply) if the server acted on it within the probe
        window (a reply, or closing the connection), else None."""
        first = self._recv(self._probe_window())
        if isinstance(first, bytes):
            self.pending = first + self.pending
            self.framing = wire.RAW
            return wire.RAW, self.read_reply(expect)
        if isinstance(first, str):     # it acted on the bare message (by closing): raw framing
            self.framing = wire.RAW
            return wire.RAW, wire.Reply(b"", wire.EOF if first == "eof" else wire.RESET, False)
        return None
