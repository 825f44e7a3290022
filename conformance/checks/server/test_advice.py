"""SHOULD clauses, reported as advice (a warning and a skip whose reason starts with "advice"),
never failing the run: TEXT-2, FRAME-4, STORE-6. (HELLO-3 lives with step 1's checks; CHAT-5 cannot
be seen from here: the suite runs servers with PYTHONUNBUFFERED=1.)"""
from __future__ import annotations

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue


@pytest.mark.clause("TEXT-2")
@pytest.mark.steps(3, 5, 7, 8)
@pytest.mark.disruptive
def test_invalid_utf8_gets_an_error_reply(step, server, check):
    server.require_framing()
    conn = server.connect("client sending invalid UTF-8")
    try:
        conn.send_bytes(b"\xff\xfe caf\xe9" + (b"\n" if server.framing == wire.LINE else b""), "not UTF-8")
        reply = conn.read_reply(wire.ERROR_REPLY)
        if reply.ending in (wire.EOF, wire.RESET) and not reply.received:
            conn.close()                # closing that connection is allowed too, crashing is not
            ok, why = server.still_serves("new client, after the invalid bytes")
            if not ok:
                check.not_reached(f"the server stopped serving after the invalid bytes (see ROBUST-3): {why}")
            return
        if not wire.is_error_reply(reply.text):
            check.advise("an error reply (or the connection closed)", reply.describe())
        ok, why = server.lenient_exchanges(conn)
        if not ok:
            check.advise("the session goes on after the error reply", why)
    finally:
        conn.close()


@pytest.mark.clause("FRAME-4")
@pytest.mark.steps(3, 5, 7, 8)
def test_raw_server_strips_trailing_newline(step, server, check):
    server.require_framing()
    if server.framing != wire.RAW:
        pytest.skip("line framing: FRAME-4 is about raw framing")
    conn = server.connect("nc-style client (sends a newline)")
    try:
        ok, why = server.lenient_exchanges(conn)
        if not ok:
            check.not_reached(why)
        conn.send_bytes(b"fin\n", "'fin' followed by a newline, as nc sends it")
        last = conn.read_reply()        # its last message (SESS-2), or the reply to an ordinary message
        if last.received and last.ending not in (wire.EOF, wire.RESET):
            going_on, _ = server.lenient_exchanges(conn)     # no need to wait for a close that won't come
            if going_on:
                check.advise("'fin\\n' treated as 'fin' (the connection closed)",
                             f"the session went on: the server answered {last.describe()}, then the next message")
        outcome, data = conn.wait_closed()
        if outcome not in ("eof", "reset"):
            check.advise("'fin\\n' treated as 'fin' (the connection closed)",
                         "the connection stayed open" + (f"; received {wire.show_bytes(data)}" if data else ""))
    finally:
        server.end(conn)


@pytest.mark.clause("STORE-6")
@pytest.mark.steps(8)
def test_count_and_other_commands(step, server, check):
    with server.session() as conn:
        stored = conn.exchange(f"compté {dialogue.token()}")
        if not stored.received:
            check.not_reached(f"no reply to storing a message: {stored.describe()}")
        count = conn.exchange("/count", wire.Expect("a number", done=lambda text: text.strip().isdigit()))
        if not (count.text.strip().isdigit() and int(count.text.strip()) >= 1):
            check.advise("'/count' gets the number of entries (at least 1)", count.describe())
        other = conn.exchange("/danse", wire.ERROR_REPLY)
        if not wire.is_error_reply(other.text):
            check.advise("an error reply to the unknown command '/danse'", other.describe())
