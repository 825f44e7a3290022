"""What a client sends (CLIENT-1, CLIENT-7): one message per typed line, its text unchanged, in the
framing of its server; step 1's greeting sent without waiting for the user."""
from __future__ import annotations

import pytest

from conformance.client_under_test.script import PLAIN_REPLY
from conformance.core.wire import LINE, encode_message, show_bytes

pytestmark = pytest.mark.client

FRAMING_RULE = {LINE: "the text then '\\n'", "raw": "the text alone, nothing added"}


@pytest.mark.clause("CLIENT-1")
@pytest.mark.steps(2, 3, 4, 5, 6, 7, 8)
def test_each_line_is_sent_unchanged(step, client_session, check):
    """Every line of the step's session, the end word included, checked byte for byte (a client that
    leaves on ``fin`` without sending it breaks this clause, not CLIENT-4). The replies are plain
    (``ok``): a client that chokes on accents is CLIENT-2's business, not this one's."""
    session, _ = client_session, check._
    framing = session.settings.framing
    session.open()
    script = session.script
    for line in [typed for typed, _reply in script.opening] + list(script.lines) + [script.end_word]:
        message = session.send_line(line)
        expected = encode_message(line, framing)
        accepted = (expected, expected[:-1] + b"\r\n") if framing == LINE else (expected,)
        wanted = _("one message for the typed line {line}: {data} ({rule})", line=repr(line),
                   data=show_bytes(expected), rule=_(FRAMING_RULE[framing]))
        if not message.data:
            ended = not session.client.alive() or session.server.closed_by_client
            if ended and line != script.end_word:     # a crash, whatever its clause
                check.not_reached(_("the client ended before sending the typed line {line}", line=repr(line)))
            check.fail(wanted, _("the client ended without sending it") if ended else
                       _("nothing within {timeout} s", timeout=f"{session.settings.reply_timeout:g}"))
        check.require(message.data in accepted, wanted, show_bytes(message.data))
        if line != script.end_word:
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
                  check._("nothing within {timeout} s", timeout=f"{session.settings.reply_timeout:g}"))
