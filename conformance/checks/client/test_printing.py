"""What a client prints (CLIENT-2, CLIENT-3): each reply's text on one line of its standard output,
accents intact, whatever prompt or prefix surrounds it; a reply in pieces printed whole."""
from __future__ import annotations

import pytest

from conformance.client_under_test.script import ACCENTED_REPLY, SECOND_REPLY, long_reply, split_inside_a_character
from conformance.core.wire import LINE

pytestmark = pytest.mark.client

PIECE_WINDOW = 0.5   # seconds the suite waits, between the two pieces of a reply, for a client that
                     # prints (or chokes on) the first piece alone; a correct client prints nothing then
NO_GREETING = "the client sent no greeting (see CLIENT-7)"


def _not_printed(session, check) -> str:
    out = session.client.stdout.text()
    return check._("not on any line of the client's standard output within {timeout} s: {tail}",
                   timeout=f"{session.settings.reply_timeout:g}", tail=repr(out[-600:]) if out.strip() else "-")


@pytest.mark.clause("CLIENT-2")
@pytest.mark.steps(1, 2, 3, 4, 5, 6, 7, 8)
def test_each_reply_is_printed(step, client_session, check):
    session, _ = client_session, check._
    if step == 1:
        session.open()
        if not session.server.receive(session.settings.reply_timeout).data:
            check.not_reached(NO_GREETING)
        replies = [ACCENTED_REPLY]
        session.server.reply(ACCENTED_REPLY)
    else:
        session.open_session()
        replies = [ACCENTED_REPLY, SECOND_REPLY]
    for index, reply in enumerate(replies):
        if step != 1:
            session.exchange(session.script.exchange_line(index), reply)
        check.require(session.printed(reply), _("the reply {reply} printed on one line", reply=repr(reply)),
                      _not_printed(session, check))


@pytest.mark.clause("CLIENT-3")
@pytest.mark.steps(2, 3, 4, 5, 6, 7, 8)
def test_a_reply_in_pieces_is_printed_whole(step, client_session, check):
    """First a short reply sent whole, which the client must print (else this is CLIENT-2's fault,
    not reached here); then the reply in pieces."""
    session = client_session
    session.open_session()
    session.exchange_printed(session.script.exchange_line(0), SECOND_REPLY)
    line = session.script.exchange_line(1)
    if not session.send_line(line).data:
        session.not_reached_silent(line)
    if session.settings.framing == LINE:
        reply = ACCENTED_REPLY
        first, rest = split_inside_a_character(reply)
        shown_first = first.decode("utf-8", errors="ignore")
        client = session.client
        printed_before, errors_before = len(client.stdout.text()), client.stderr.size()
        session.server.send_bytes(first, "first piece, cut inside a character")
        # a client that prints (or chokes on) the first piece alone does it now; then the rest comes
        client.wait_until(lambda: (shown_first in client.stdout.text()[printed_before:]
                                   or client.stderr.size() > errors_before),
                          min(PIECE_WINDOW, session.settings.reply_timeout))
        session.server.send_bytes(rest + b"\n", "the rest of the reply")
        expected = check._("the reply {reply}, sent in two pieces, printed whole on one line", reply=repr(reply))
    else:
        reply = long_reply()
        session.server.reply(reply, "one reply of 1024 bytes, in one send()")
        expected = "a reply of 1024 bytes (multi-byte characters, SIZE-1) printed whole on one line"
    check.require(session.printed(reply), expected, _not_printed(session, check))
