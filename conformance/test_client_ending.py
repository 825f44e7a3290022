"""How a client ends (CLIENT-4, CLIENT-5, CLIENT-6, CLIENT-8): after ``fin`` (``/bye``), when the
server closes, when nothing listens, when the server's operator answers ``fin``: exit code 0 (non-zero
when nothing listens), no traceback, no hang."""
from __future__ import annotations

import pytest

from conformance.client_script import END, NEXT_LINE, PLAIN_REPLY
from conformance.client_under_test import has_traceback
from conformance.played_server import closed_port
from conformance.wire import show_bytes

pytestmark = pytest.mark.client


def _ends_properly(session, check, expected: str, lines_before=None) -> None:
    problems = session.ending_problems(session.settings.reply_timeout, lines_before)
    check.require(not problems, expected, ", ".join(problems))


@pytest.mark.clause("CLIENT-4")
@pytest.mark.steps(2, 3, 4, 5, 6, 7, 8)
def test_ends_after_the_end_word(step, client_session, check):
    session = client_session
    session.open_session()
    session.exchange(session.script.exchange_line(), PLAIN_REPLY)
    word = session.script.end_word
    message = session.send_line(word)
    check.require(message.text.strip() == word, f"the typed {word!r} sent to the server",
                  show_bytes(message.data) if message.data else
                  f"nothing within {session.settings.reply_timeout:g} s ({message.ending})")
    if session.script.end_reply:
        session.server.reply(session.script.end_reply)
    session.server.close_connection()
    _ends_properly(session, check, f"after {word!r} the client ends on its own: exit code 0, no traceback,"
                                   " no other line typed")


@pytest.mark.clause("CLIENT-5")
@pytest.mark.steps(1, 2, 3, 4, 5, 6, 7, 8)
def test_ends_when_the_server_closes(step, client_session, check):
    session = client_session
    if step == 1:
        session.open()
        if not session.server.receive(session.settings.reply_timeout).data:
            check.not_reached("the client sent no greeting (see CLIENT-7)")
        session.server.reply("Bonjour client !")
    else:
        session.open_session()
        session.exchange(session.script.exchange_line(), PLAIN_REPLY)
    lines_before = session.printed_lines()
    session.server.close_connection()
    session.type(NEXT_LINE)
    _ends_properly(session, check, "once the server has closed the connection the client ends (at the latest"
                                   " after the next typed line): exit code 0, no traceback, no flood", lines_before)


@pytest.mark.clause("CLIENT-6")
@pytest.mark.steps(1, 2, 3, 4, 5, 6, 7, 8)
def test_nothing_listens(step, client_session, check):
    session = client_session
    with closed_port() as port:
        session.transcript.event(f"nothing listens: the client's connect() goes to port {port}, refused")
        client = session.launch(port)
        if step != 1:
            session.type(session.script.first_line)
        code = client.wait_exit(session.settings.start_timeout)
    problems = []
    if code is None:
        problems.append(f"still running {session.settings.start_timeout:g} s later")
    elif code == 0:
        problems.append("exit code 0")
    output = client.stdout.text() + client.stderr.text()
    if has_traceback(output):
        problems.append("a traceback")
    elif code is not None and not output.strip():
        problems.append("no message")
    check.require(not problems, "a clear message, a non-zero exit code, no traceback", ", ".join(problems))


@pytest.mark.clause("CLIENT-8")
@pytest.mark.steps(4)
def test_ends_when_the_operator_answers_fin(step, client_session, check):
    session = client_session
    session.open_session()
    session.exchange(session.script.exchange_line(), END)
    session.server.close_connection()
    _ends_properly(session, check, "after the operator's reply 'fin' the client ends on its own: exit code 0,"
                                   " no traceback, no other line typed")
