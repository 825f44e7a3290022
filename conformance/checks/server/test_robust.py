"""Robustness (spec section 6): a server survives clients that vanish or misbehave.

Disruptive: with --server-cmd (or the bundled reference) each runs on a fresh server; with
--target they run last, one at a time (conformance.server_under_test.disruptive_last), unless --gentle.
"""
from __future__ import annotations

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue

ANSWER_WAIT = 0.5      # what the server says to a bad message is free: don't wait long for it

pytestmark = [pytest.mark.steps(3, 5, 6, 7, 8), pytest.mark.disruptive]


def _start(step, server, conn, check):
    """The step's first exchange (step 6: the pseudo), so the server is mid-session."""
    ok, why = server.lenient_exchanges(conn)
    if not ok:
        check.not_reached(why)
    if conn.closed_by_server or conn.reset_by_server:     # step 6: it answered nothing but /bye
        check.not_reached("the session was over after the opening exchanges (see CMD-3, CMD-6)")


def _still_serves(server, check, after):
    ok, why = server.still_serves(f"new client, after {after}")
    if not ok and server.exited_cleanly(server.settings.reply_timeout):
        check.not_reached(f"the server exited (code 0) after {after}, without crashing: see SEQ-1")
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
    """A client sends a message and resets at once. Its reply must go into the reset every time,
    not only when the reset wins a race with the server: a launched server is paused while the
    message and the reset reach its kernel (which then hands it the message, and its reply
    meets the reset). With --target the server cannot be paused: the race stays."""
    conn = server.connect("client that resets mid-session")
    try:
        _start(step, server, conn, check)
        with server.paused() as paused:
            if paused:
                conn.transcript.event("server paused (SIGSTOP): it reads the message only once the reset has arrived")
            port = conn.sock.getsockname()[1]
            conn.send("message jamais lu")      # in the server's framing: it is a message to answer
            conn.reset()
            if paused and not server.process.wait_connection_closed(port, server.settings.reply_timeout):
                conn.transcript.event("the reset was not seen to arrive at the server")
        if paused:
            conn.transcript.event("server continued (SIGCONT)")
    finally:
        conn.reset()
    conn = server.connect("client that resets right after connecting")
    conn.reset()
    _still_serves(server, check, "two clients reset their connections (TCP RST)")


def _send_bad_message(step, server, check, data, note, label, after):
    """ROBUST-3/4: one client sends ``data`` mid-session; then the server must still serve.

    If the connection stays open, the same client makes one lenient exchange (an answer shows the
    server survived), then ends politely, then a new client probes liveness. A server that
    answered after the bad bytes, closed on the client's goodbye and then exited with code 0 (waited
    for up to the start timeout, returning as soon as it exits: a loaded machine exits slowly) did
    survive them: not serving afterwards is SEQ-1's fault, so the check passes.
    """
    answered_after = False
    conn = server.connect(label)
    try:
        if step == 6:
            conn.exchange(dialogue.PSEUDO)          # its reply, if any, is CMD-1's business
        conn.send_bytes(data + (b"\n" if server.framing == wire.LINE else b""), note)
        conn.read_reply(timeout=min(server.settings.reply_timeout, ANSWER_WAIT))
        conn.quiet(conn.quiet_gap * 2)
        if not (conn.closed_by_server or conn.reset_by_server):
            probes = dialogue.follow_up_probes(step) if step == 6 else None
            answered_after, _ = server.lenient_exchanges(conn, probes, late_reply=True)
    finally:
        closed_on_goodbye = server.end(conn)
    ok, why = server.still_serves(f"new client, after {after}")
    if ok:
        return
    if answered_after and closed_on_goodbye and server.exited_cleanly(server.settings.start_timeout):
        return      # it survived (answered on the same connection): not serving later is SEQ-1's fault
    if server.exited_cleanly():
        check.not_reached("the server exited (code 0) after the client's goodbye: see SEQ-1")
    check.fail(f"after {after}, a new client is served", why)


@pytest.mark.clause("ROBUST-3")
def test_invalid_utf8(step, server, check):
    _send_bad_message(step, server, check, b"\xff\xfe caf\xe9 \xc3\x28", "not UTF-8",
                      "client sending invalid UTF-8", "a client sent bytes that are not UTF-8")


@pytest.mark.clause("ROBUST-4")
def test_more_than_1024_bytes(step, server, check):
    big = "€" * 1000          # 3000 bytes: byte 1024 splits a character
    _send_bad_message(step, server, check, big.encode("utf-8"), "3000 bytes",
                      "client sending 3000 bytes at once", "a client sent 3000 bytes in one message")
