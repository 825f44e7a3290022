"""The learnt quiet gap (conformance/server_under_test/pacing.py) and the replies a check can recognise before they are
complete (``Expect.partial``): sans-I/O rules, then one connection over a socket pair."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from conformance.core import wire
from conformance.core.transcript import Transcript
from conformance.server_under_test.connection import Connection
from conformance.server_under_test.pacing import Pacing


@pytest.mark.parametrize("expect, text, partial", [
    (wire.exact("Bonjour"), "Bonj", True),
    (wire.exact("Bonjour"), "Bonjour", False),        # complete: done, not partial
    (wire.exact("Bonjour"), "Bonsoir", False),
    (wire.containing("mark", "[Ginette] mark"), "[Gin", True),
    (wire.containing("mark", "[Ginette] mark"), "mark", False),
    (wire.number(123), "12", True),
    (wire.number(6.0), "6.", True),                   # 6.0 is written "6.0"
    (wire.number(3.5), "3", True),
    (wire.number(123), "13", False),
    (wire.ERROR_REPLY, "Err", True),
    (wire.ERROR_REPLY, "Erreur : div", False),        # an error reply already, of unknown length
    (wire.ANY_REPLY, "Message", False),
])
def test_partial_replies_are_recognised(expect, text, partial):
    assert expect.partial(text) is partial


def test_assembler_partial_ignores_an_incomplete_character():
    assembler = wire.ReplyAssembler(wire.RAW, wire.exact("Ça va"))
    assert assembler.feed("Ça".encode()[:1]) is None
    assert assembler.partial()


def test_gap_grows_with_pauses_and_latency_within_floor_and_cap():
    pacing = Pacing(floor=0.05, cap=2.0)
    assert pacing.gap == 0.05
    pacing.saw_pause(0.3)
    assert pacing.gap == pytest.approx(0.05 + 1.5 * 0.3)
    pacing.saw_pause(0.1)                             # the longest pause counts
    assert pacing.gap == pytest.approx(0.5)
    assert Pacing(floor=0.05, cap=2.0, latency=0.4).gap == pytest.approx(0.8)
    assert Pacing(floor=0.05, cap=1.0, pause=5.0).gap == 1.0


def test_lessons_travel_to_the_next_connection():
    first = Pacing(floor=0.05, cap=2.0, pause=0.3, latency=0.01, bare_lines=True, keeps_open=True)
    second = Pacing(floor=0.05, cap=2.0).learn(first.lessons())
    assert second.gap == first.gap and second.bare_lines and second.keeps_open


def _connection(framing: str):
    ours, theirs = socket.socketpair()
    conn = Connection(("127.0.0.1", 0), framing, 2.0, 0.05, Transcript("test"))
    conn.sock = ours
    return conn, theirs


def _send_in_two(sock, first: bytes, second: bytes, pause: float) -> threading.Thread:
    def send() -> None:
        sock.sendall(first)
        time.sleep(pause)
        sock.sendall(second)
    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("framing, ending", [(wire.RAW, b""), (wire.LINE, b"\n")])
def test_a_recognisable_reply_split_by_a_pause_is_waited_for_and_teaches_the_gap(framing, ending):
    conn, server = _connection(framing)
    try:
        sender = _send_in_two(server, b"Bonj", b"our" + ending, 0.3)
        reply = conn.read_reply(wire.exact("Bonjour"))
        sender.join(2)
        assert reply.text == "Bonjour" and reply.ending == wire.COMPLETE
        # the pause seen is the time between the two arrivals as the suite noticed them: on a busy
        # machine the first is noticed late, so the gap seen may be a little under the 0.3 s slept
        assert conn.pacing.pause >= 0.2 and conn.quiet_gap >= 0.05 + 1.5 * conn.pacing.pause
        # an error reply split by a pause far above the floor now ends after the learnt gap, whole
        sender = _send_in_two(server, b"Erreur : div", b"ision par z\xc3\xa9ro" + ending, 0.15)
        error = conn.read_reply(wire.ERROR_REPLY)
        sender.join(2)
        assert error.text == "Erreur : division par zéro"
    finally:
        conn.close()
        server.close()


def test_an_unrecognisable_reply_ends_after_the_floor_when_nothing_was_learnt():
    conn, server = _connection(wire.RAW)
    try:
        sender = _send_in_two(server, b"Message", b" suite", 0.5)
        first = conn.read_reply(wire.ANY_REPLY)
        sender.join(2)
        assert first.text == "Message" and first.ending == wire.QUIET
    finally:
        conn.close()
        server.close()
