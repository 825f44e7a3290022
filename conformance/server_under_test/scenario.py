"""Steps 1 and 2: one scripted session, run once, that every check of those steps reads.

Their servers may serve a single client and exit (GEN-3), so the whole step is checked on ONE
connection. The script puts the exchanges most likely to crash a server last, so a crash late on
does not hide the early clauses; what the script never reached is reported as "not reached".
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple

from conformance.core import wire
from conformance.core.settings import Settings
from conformance.core.transcript import Transcript
from conformance.server_under_test.connection import Connection, ConnectFailed

HELLO_TEXT = "Bonjour serveur !"
TURN_WINDOW = 0.5       # TURN-1: how long nothing more may arrive after a reply
CLOSE_WINDOW = 0.15     # how long a close right after a reply may take to show
SIZE_TEXT = "€" * 341 + "a"                 # exactly 1024 bytes, mostly 3-byte characters
ACCENTS_TEXT = "Ça marche, même avec des accents 🦆 é à ç €"
MESSAGES = {                  # exchange name -> text ("crlf" is sent as "x\r\n", line framing only)
    "bonjour": "Bonjour",
    "spaces": "Salut tout le monde",
    "fin de journée": "fin de journée",
    "enfin": "enfin",
    "accents": ACCENTS_TEXT,
    "crlf": "x",
    "size": SIZE_TEXT,
}
FIN = "fin"
DEFAULT_ORDER = ("bonjour", "spaces", "fin de journée", "enfin", "accents", "crlf", "size", FIN)
# With a server started by the suite, each clause gets a fresh server and its own exchanges first
# (a one-shot server that breaks early cannot hide the others); with --target, one run serves all.
FOCUS = {
    "ECHO-1": ("bonjour", "spaces", FIN),
    "TEXT-1": ("accents", FIN),
    "SIZE-1": ("size", FIN),
    "TURN-1": ("spaces", FIN),
    "SESS-2": ("bonjour", FIN),
    "SESS-3": ("bonjour", "fin de journée", "enfin", "spaces", FIN),
    "FRAME-3": ("bonjour", "crlf", FIN),
}
CONTAINS_FIN = ("fin de journée", "enfin")
# The runs whose close after "fin" a check reads (SESS-2; step 1's HELLO-2 runs the default order).
# Other runs on a server already seen keeping the connection open after "fin" do not wait for it.
CLOSE_READ_BY = (DEFAULT_ORDER, FOCUS["SESS-2"])


def _record(sent: str, reply: wire.Reply, extra: bytes = b"") -> Dict[str, Any]:
    return {"sent": sent, "text": reply.text, "shown": reply.describe(), "ending": reply.ending,
            "terminated": reply.terminated, "received": reply.received, "valid": reply.valid_utf8,
            "extra": wire.show_bytes(extra) if extra else "", "cr": reply.carriage_return}


def run_scenario(step: int, address: Tuple[str, int], settings: Settings,
                 order: Sequence[str] = DEFAULT_ORDER, known_framing: Optional[str] = None,
                 lessons: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Run step 1's or step 2's script; return a JSON-able record (also when it stops early).

    ``known_framing``, ``lessons``: found by an earlier run on the same command (skips the
    detection; what it learnt of the server's timing, ``Pacing.lessons()``, is in ``lessons``)."""
    transcript = Transcript(f"step {step} scenario (one connection)")
    result: Dict[str, Any] = {"framing": None, "greets": None, "problem": "", "exchanges": {},
                              "stopped": "", "closing": None, "connect_error": "", "first": None,
                              "closed_before": None}
    forced = known_framing or (None if settings.framing == "auto" else settings.framing)
    conn = Connection(address, forced, settings.reply_timeout, settings.quiet_gap, transcript, lessons)
    try:
        conn.open()
    except ConnectFailed as exc:
        result["connect_error"] = str(exc)
        result["stopped"] = str(exc)
        result["transcript"] = transcript.render()
        return result
    try:
        _script(step, conn, forced, result, order)
    finally:
        conn.close()
        result["transcript"] = transcript.render()
        result["lessons"] = conn.pacing.lessons()
    return result


def answers_every_clause(data: Dict[str, Any]) -> bool:
    """A step-2 run in ``DEFAULT_ORDER`` that went to its end with every reply exactly the text
    sent (recognised, so not cut by a quiet gap), nothing unprompted, no kept ``\r``, and the
    connection closed after ``fin``. A run focused on one clause (``FOCUS``) exists so that an
    early fault cannot hide a later clause; after such a run there is none, and a focused run would
    send the same messages to the same server to record the same replies: this run stands for it."""
    closing = data.get("closing") or {}
    exchanges = data.get("exchanges", {})
    expected = [name for name in DEFAULT_ORDER if name != FIN and (name != "crlf" or data.get("framing") == wire.LINE)]
    return (data.get("framing") is not None and not data.get("stopped") and not data.get("start_error")
            and closing.get("outcome") in (wire.EOF, wire.RESET) and not closing.get("extra")
            and all(name in exchanges for name in expected)
            and all(record["ending"] == wire.COMPLETE and record["text"] == record["sent"] and not record["extra"]
                    and not record["cr"] for record in exchanges.values()))


def _script(step: int, conn: Connection, forced: Optional[str], result: Dict[str, Any],
            order: Sequence[str]) -> None:
    greeting = conn.read_greeting(None)
    result["greets"] = greeting is not None
    first_name = "hello" if step == 1 else order[0]
    first = HELLO_TEXT if step == 1 else MESSAGES[first_name]
    result["first"] = first_name
    expect = wire.ANY_REPLY if step == 1 else wire.containing(first, first)
    if forced:
        reply = conn.exchange(first, expect)
        framing = forced if reply.received else None
    else:
        framing, reply = conn.detect_framing(first, expect)
    result["framing"] = framing
    extra = conn.quiet(TURN_WINDOW) if first_name == "spaces" and reply.received else b""
    result["exchanges"][first_name] = _record(first, reply, extra)
    if framing is None or reply.ending == wire.OVERFLOW:
        result["problem"] = f"no usable reply to {first!r}: {reply.describe()}"
        result["stopped"] = result["problem"]
        return
    if step == 1:
        outcome, data = conn.wait_closed() if reply.ending not in (wire.EOF, wire.RESET) else (reply.ending, b"")
        result["closing"] = {"outcome": outcome, "extra": wire.show_bytes(data) if data else ""}
        return
    previous = first
    for name in order[1:]:
        if reply.ending in (wire.EOF, wire.RESET) or (name in CONTAINS_FIN and conn.closed_within(
                max(CLOSE_WINDOW, conn.quiet_gap))):
            result["closed_before"] = name
            result["stopped"] = f"the server closed the connection after {previous!r}"
            return
        if name == FIN:
            if conn.send(FIN):
                outcome, data = conn.wait_goodbye(patient=tuple(order) in CLOSE_READ_BY)
                result["closing"] = {"outcome": outcome, "extra": wire.show_bytes(data) if data else ""}
            else:
                result["stopped"] = "the connection was gone before 'fin' could be sent"
            return
        text = MESSAGES[name]
        if name == "crlf":
            if framing != wire.LINE:
                continue
            conn.quiet(TURN_WINDOW)        # anything unprompted is TURN-1's business, not this reply
            if not conn.send_bytes(b"x\r\n", "line ended by \\r\\n"):
                result["stopped"] = "the connection was gone before 'x\\r\\n' could be sent"
                return
            reply = conn.read_reply(wire.containing("x", "x"))
        else:
            reply = conn.exchange(text, wire.containing(text, text))
        extra = conn.quiet(TURN_WINDOW) if name == "spaces" and reply.received else b""
        result["exchanges"][name] = _record(text, reply, extra)
        previous = text
        if reply.ending == wire.OVERFLOW:
            result["stopped"] = f"after {text!r}: {reply.describe()}"
            return


class Scenario:
    """The recorded scenario as a check reads it."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self.data = data

    @property
    def framing(self) -> Optional[str]:
        return self.data.get("framing")

    @property
    def transcript(self) -> str:
        return self.data.get("transcript", "")

    def exchange(self, name: str) -> Optional[Dict[str, Any]]:
        return self.data["exchanges"].get(name)

    @property
    def first(self) -> Optional[Dict[str, Any]]:
        """The first exchange (the framing probe), whatever its text."""
        name = self.data.get("first")
        return self.data["exchanges"].get(name) if name else None

    def why_not_reached(self) -> str:
        if self.data.get("start_error"):
            return f"server did not start: {self.data['start_error']}"
        return self.data.get("stopped") or "the scenario ended before this exchange"
