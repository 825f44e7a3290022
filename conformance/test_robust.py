"""Robustness (spec section 6): a server survives clients that vanish or misbehave.

Disruptive: with --server-cmd (or the bundled reference) each runs on a fresh server; with
--target they are skipped unless --allow-disruptive.
"""
from __future__ import annotations

import pytest

from conformance import dialogue, wire

ANSWER_WAIT = 0.5      # what the server says to a bad message is free: don't wait long for it

pytestmark = [pytest.mark.steps(3, 5, 6, 7, 8), pytest.mark.disruptive]


def _start(step, server, conn, check):
    """The step's first exchange (step 6: the pseudo), so the server is mid-session."""
    ok, why = server.lenient_exchanges(conn)
    if not ok:
        check.not_reached(why)


def _still_serves(server, check, after, said_fin=False):
    ok, why = server.still_serves(f"new client, after {after}")
    if not ok and said_fin and server.exited_cleanly():
        check.not_reached("the server exited (code 0) after the client's 'fin': see SEQ-1")
    check.require(ok, f"after {after}, a new client is served", why)


@pytest.mark.clause("ROBUST-1")
def test_client_eof_without_fin(step, server, check):
    conn = server.connect("client that closes without 'fin'")
    try:
        _start(step, server, conn, check)
        conn.half_close()
        outcome, data = conn.wait_closed()
        check.require(outcome in ("eof", "reset"),
                      "on the client's EOF the server closes that connection",
                      ("a flood of bytes" if outcome == "overflow" else
                       f"the connection still open after {server.settings.reply_timeout:g} s")
                      + (f" (received {wire.show_bytes(data)[:200]})" if data else ""))
    finally:
        conn.close()
    _still_serves(server, check, "a client closed without 'fin'")


@pytest.mark.clause("ROBUST-2")
def test_client_reset(step, server, check):
    conn = server.connect("client that resets mid-session")
    try:
        _start(step, server, conn, check)
        conn.send_bytes("message jamais lu".encode("utf-8"))
    finally:
        conn.reset()
    conn = server.connect("client that resets right after connecting")
    conn.reset()
    _still_serves(server, check, "two clients reset their connections (TCP RST)")


@pytest.mark.clause("ROBUST-3")
def test_invalid_utf8(step, server, check):
    bad = b"\xff\xfe caf\xe9 \xc3\x28"
    with server.session("client sending invalid UTF-8") as conn:
        if step == 6:
            conn.exchange(dialogue.PSEUDO)
        conn.send_bytes(bad + (b"\n" if server.framing == wire.LINE else b""), "not UTF-8")
        conn.read_reply(timeout=min(server.settings.reply_timeout, ANSWER_WAIT))
    _still_serves(server, check, "a client sent bytes that are not UTF-8", said_fin=True)


@pytest.mark.clause("ROBUST-4")
def test_more_than_1024_bytes(step, server, check):
    big = "€" * 1000          # 3000 bytes: byte 1024 splits a character
    with server.session("client sending 3000 bytes at once") as conn:
        if step == 6:
            conn.exchange(dialogue.PSEUDO)
        conn.send_bytes(big.encode("utf-8") + (b"\n" if server.framing == wire.LINE else b""), "3000 bytes")
        conn.read_reply(timeout=min(server.settings.reply_timeout, ANSWER_WAIT))
        conn.quiet(server.settings.quiet_gap * 2)
    _still_serves(server, check, "a client sent 3000 bytes in one message", said_fin=True)
