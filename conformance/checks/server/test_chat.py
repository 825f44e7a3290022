"""Step 4: turn-based chat with the server's operator, played by the suite through the server's
stdin and stdout (CHAT-1 to CHAT-4). Needs a server the suite starts (--server-cmd or default)."""
from __future__ import annotations

import pytest

from conformance.core import wire

pytestmark = pytest.mark.steps(4)


@pytest.mark.clause("CHAT-1")
def test_client_text_shown_on_stdout(step, server, check):
    text = "Salut, ça va ?"
    with server.session() as conn:
        start = server.process.stdout.size()
        reply = server.exchange(conn, text, wire.ANY_REPLY, operator_line="Très bien, et toi ?")
        shown = server.process.stdout.wait_for(text, server.settings.reply_timeout, start)
        check.require(shown, f"a line containing {text!r} on the server's standard output",
                      "not in the server's output (see below)")
        check.require(reply.received, "the operator's line as the reply", reply.describe())


@pytest.mark.clause("CHAT-2")
def test_reply_is_operators_line(step, server, check):
    with server.session() as conn:
        for text, answer in (("Bonjour", "Très bien, et toi ? 🦆"), ("Et après ?", "On verra à la récré")):
            reply = server.exchange(conn, text, wire.exact(answer), operator_line=answer)
            check.require(reply.text == answer, f"exactly the operator's line {answer!r}", reply.describe())


@pytest.mark.clause("CHAT-3")
def test_client_fin_closes_without_stdin(step, server, check):
    conn = server.connect()
    try:
        reply = server.exchange(conn, "Bonjour", wire.ANY_REPLY, operator_line="Salut")
        if not reply.received:
            check.not_reached(f"no reply to 'Bonjour': {reply.describe()}")
        conn.send("fin")
        outcome, data = conn.wait_closed()
        check.require(outcome in ("eof", "reset"),
                      "after the client's 'fin' the server closes (without waiting for the operator)",
                      f"{outcome}" + (f" (received {wire.show_bytes(data)})" if data else ""))
    finally:
        conn.close()


@pytest.mark.clause("CHAT-4")
def test_operator_fin_closes(step, server, check):
    conn = server.connect()
    try:
        reply = server.exchange(conn, "On arrête ?", wire.exact("fin"), operator_line="fin")
        check.require(reply.text == "fin", "the reply 'fin' when the operator types 'fin'", reply.describe())
        if reply.ending in (wire.EOF, wire.RESET):
            return
        outcome, data = conn.wait_closed()
        check.require(outcome in ("eof", "reset"), "then the server closes the connection",
                      f"{outcome}" + (f" (received {wire.show_bytes(data)})" if data else ""))
    finally:
        conn.close()
