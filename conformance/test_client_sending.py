"""What a client sends (CLIENT-1, CLIENT-7): one message per typed line, its text unchanged, in the
framing of its server; step 1's greeting sent without waiting for the user."""
from __future__ import annotations

import pytest

from conformance.client_script import PLAIN_REPLY
from conformance.played_server import EOF, RESET, TIMEOUT
from conformance.wire import encode_message, show_bytes

pytestmark = pytest.mark.client

LINE_ENDINGS = {"line": "the text then '\\n'", "raw": "the text alone, nothing added"}


@pytest.mark.clause("CLIENT-1")
@pytest.mark.steps(2, 3, 4, 5, 6, 7, 8)
def test_each_line_is_sent_unchanged(step, client_session, check):
    session = client_session
    framing = session.settings.framing
    session.open()
    script = session.script
    lines = [typed for typed, _ in script.opening] + list(script.lines) + [script.end_word]
    for index, line in enumerate(lines):
        message = session.send_line(line)
        expected = encode_message(line, framing)
        accepted = (expected, expected[:-1] + b"\r\n") if framing == "line" else (expected,)
        if not message.data:
            if message.ending in (EOF, RESET) or not session.client.alive():
                check.not_reached(f"the client ended before sending the typed line {line!r}"
                                  + (" (see CLIENT-4)" if index else ""))
            check.fail(f"one message for the typed line {line!r}: {show_bytes(expected)} ({LINE_ENDINGS[framing]})",
                       f"nothing within {session.settings.reply_timeout:g} s")
        check.require(message.data in accepted,
                      f"one message for the typed line {line!r}: {show_bytes(expected)} ({LINE_ENDINGS[framing]})",
                      show_bytes(message.data) + (" (then nothing more)" if message.ending == TIMEOUT else ""))
        if line == script.end_word:
            break
        session.server.reply(PLAIN_REPLY)


@pytest.mark.clause("CLIENT-7")
@pytest.mark.steps(1)
def test_greeting_sent_without_waiting_for_the_user(step, client_session, check):
    session = client_session
    session.open()
    message = session.server.receive(session.settings.reply_timeout)
    check.require(bool(message.text.strip()),
                  "a greeting (one non-empty message) as soon as the client is connected, nothing typed",
                  show_bytes(message.data) if message.data else
                  f"nothing within {session.settings.reply_timeout:g} s ({message.ending})")
