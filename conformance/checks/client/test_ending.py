"""How a client ends (CLIENT-4, CLIENT-5, CLIENT-6, CLIENT-8): after ``fin`` (``/bye``), when the
server closes, when nothing listens, when the server's operator answers ``fin``: exit code 0 (non-zero
when nothing listens), no traceback, no hang."""
from __future__ import annotations

import pytest

from conformance.client_under_test.played_server import closed_port
from conformance.client_under_test.process import has_traceback
from conformance.client_under_test.script import ASCII_REPLY, END, NEXT_LINE, PLAIN_REPLY
from conformance.client_under_test.session import NOT_PRINTING

pytestmark = pytest.mark.client

AFTER_THE_OPERATORS_FIN = ("after the operator's reply 'fin' the client ends on its own: exit code 0, no traceback,"
                           " no other line typed")
AFTER_THE_SERVER_CLOSED = ("once the server has closed the connection the client ends (at the latest after the"
                           " next typed line): exit code 0, no traceback, no flood")
NOTHING_LISTENS = "a clear message, a non-zero exit code, no traceback"
NO_GREETING = "the client sent no greeting (see CLIENT-7)"
HELLO_REPLY = "Bonjour client !"
NOTICE_WINDOW = 0.3    # seconds between the server's close and the next typed line (CLIENT-5)


def _ends_properly(session, check, expected: str, lines_before=None) -> None:
    problems = session.ending_problems(session.settings.reply_timeout, lines_before)
    check.require(not problems, expected, ", ".join(problems))


@pytest.mark.clause("CLIENT-4")
@pytest.mark.steps(2, 3, 4, 5, 6, 7, 8)
def test_ends_after_the_end_word(step, client_session, check):
    """The server does what the spec asks after ``fin`` (SESS-2) or ``/bye`` (CMD-4): it closes the
    connection (after its goodbye at step 6). What the client sent for the end word (its text, its
    framing, or nothing) is CLIENT-1's business: this check judges the ending only."""
    session, _ = client_session, check._
    session.open_session()
    session.exchange(session.script.exchange_line(), PLAIN_REPLY)
    word = session.script.end_word
    message = session.send_line(word)
    if message.data and session.script.end_reply:
        session.server.reply(session.script.end_reply)
    session.server.close_connection()
    _ends_properly(session, check, _("after {word} the client ends on its own: exit code 0, no traceback,"
                                     " no other line typed", word=repr(word)))


@pytest.mark.clause("CLIENT-5")
@pytest.mark.steps(1, 2, 3, 4, 5, 6, 7, 8)
def test_ends_when_the_server_closes(step, client_session, check):
    """The server replies (the client prints it: it reads replies), then closes; the user types one
    more line (a client blocked in ``input()`` learns of the close only when it sends)."""
    session = client_session
    if step == 1:
        session.open()
        if not session.server.receive(session.settings.reply_timeout).data:
            check.not_reached(NO_GREETING)
        session.server.reply(HELLO_REPLY)
        if not session.printed(HELLO_REPLY):
            check.not_reached(NOT_PRINTING)
    else:
        session.open_session()
        session.exchange_printed(session.script.exchange_line(), ASCII_REPLY)
    lines_before = session.printed_lines()
    session.server.close_connection()
    # a client that sees the close at once (a receiving thread) gets a moment to end, or to tell its
    # input loop, before the next line comes; one blocked in input() learns of it from that line
    if session.client.wait_exit(min(NOTICE_WINDOW, session.settings.reply_timeout)) is None:
        session.type(NEXT_LINE)
    _ends_properly(session, check, AFTER_THE_SERVER_CLOSED, lines_before)


@pytest.mark.clause("CLIENT-6")
@pytest.mark.steps(1, 2, 3, 4, 5, 6, 7, 8)
def test_nothing_listens(step, client_session, check):
    """The client's ``connect()`` goes to a port held bound and not listening: refused at once. The
    wait covers the interpreter's start (the start timeout)."""
    session, _ = client_session, check._
    timeout = session.settings.start_timeout
    with closed_port() as port:
        session.transcript.event(f"nothing listens: the client's connect() goes to port {port}, refused")
        client = session.launch(port)
        if step != 1:
            session.type(session.script.first_line)
        code = client.wait_exit(timeout)
    problems = []
    if code is None:
        problems.append(_("still running {timeout} s later", timeout=f"{timeout:g}"))
    elif code == 0:
        problems.append(_("exit code 0"))
    output = client.stdout.text() + client.stderr.text()
    if has_traceback(output):
        problems.append(_("a traceback"))
    elif code is not None and not output.strip():
        problems.append(_("no message"))
    check.require(not problems, NOTHING_LISTENS, ", ".join(problems))


@pytest.mark.clause("CLIENT-8")
@pytest.mark.steps(4)
def test_ends_when_the_operator_answers_fin(step, client_session, check):
    """After one reply printed (the client reads replies), the operator answers ``fin`` and the
    server closes (CHAT-4)."""
    session = client_session
    session.open_session()
    session.exchange_printed(session.script.exchange_line(0), ASCII_REPLY)
    session.exchange(session.script.exchange_line(1), END)
    session.server.close_connection()
    _ends_properly(session, check, AFTER_THE_OPERATORS_FIN)
