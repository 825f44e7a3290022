"""Sessions (spec section 5): SESS-1 (many exchanges), SESS-2 (fin closes), SESS-3 (a message that
merely contains fin is ordinary), SEQ-1 (the next client is served)."""
from __future__ import annotations

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue
from conformance.server_under_test.scenario import DEFAULT_ORDER, MESSAGES


def _lenient(step, conn, server, check, count):
    """``count`` step-appropriate exchanges that must each get a reply (any reply: what it says
    is other clauses' business)."""
    for index in range(count):
        mark = dialogue.token()
        if step == 8:       # a store, and /find if it is not acknowledged (STORE-1's business)
            ok, why = server.lenient_exchanges(conn)
            check.require(ok, f"exchange {index + 1}: a reply, and the session goes on", why)
            continue
        if step == 5:
            text, expect = f"{index + 1}+{index}", wire.number(2 * index + 1)
        else:
            text = f"message {index + 1} {mark}"
            expect = wire.containing(mark, text)
        reply = conn.exchange(text, expect)
        check.require(reply.received and reply.ending not in (wire.EOF, wire.RESET),
                      f"exchange {index + 1}: a reply to {text!r}, and the session goes on", reply.describe())


@pytest.mark.clause("SESS-1")
@pytest.mark.steps(2)
def test_many_exchanges_scenario(step, scenario, check):
    answered = 0
    for name in DEFAULT_ORDER[:4]:
        record = scenario.exchange(name)
        check.require(record is not None and record["received"],
                      f"exchange {answered + 1} on the same connection: a reply to {MESSAGES[name]!r}",
                      record["shown"] if record is not None else scenario.why_not_reached())
        answered += 1


@pytest.mark.clause("SESS-1")
@pytest.mark.steps(3, 5, 7, 8)
def test_many_exchanges(step, server, check):
    with server.session() as conn:
        _lenient(step, conn, server, check, 4)


def _closed(outcome: str, data: bytes, timeout: float) -> str:
    seen = {"eof": "closed", "reset": "reset", "overflow": "a flood of bytes",
            "timeout": f"the connection still open after {timeout:g} s"}[outcome]
    return seen + (f" (received {wire.show_bytes(data)})" if data else "")


@pytest.mark.clause("SESS-2")
@pytest.mark.steps(2)
def test_fin_closes_scenario(step, scenario, check):
    closing = scenario.data.get("closing")
    if closing is None:
        check.not_reached(scenario.why_not_reached())
    check.require(closing["outcome"] in ("eof", "reset"), "after 'fin', the server closes the connection",
                  closing["outcome"] + (f" (received {closing['extra']})" if closing["extra"] else ""))


@pytest.mark.clause("SESS-2")
@pytest.mark.steps(3, 5, 7, 8)
def test_fin_closes(step, server, check):
    conn = server.connect()
    try:
        _lenient(step, conn, server, check, 1)
        if not conn.send("fin"):
            check.not_reached("the connection was gone before 'fin' could be sent")
        outcome, data = conn.wait_closed()
        check.require(outcome in ("eof", "reset"), "after 'fin' (and at most one last message) the server closes",
                      _closed(outcome, data, server.settings.reply_timeout))
    finally:
        conn.close()


@pytest.mark.clause("SESS-3")
@pytest.mark.steps(2)
def test_containing_fin_is_ordinary_scenario(step, scenario, check):
    for name in ("fin de journée", "enfin", "spaces"):
        record = scenario.exchange(name)
        if record is None:
            if name == "fin de journée":      # never sent: the session had ended before (SESS-1)
                check.not_reached(scenario.why_not_reached())
            check.fail("the session goes on after 'fin de journée' and 'enfin'", scenario.why_not_reached())
        check.require(record["received"] and record["ending"] not in ("eof", "reset"),
                      f"{record['sent']!r} gets a reply and the session goes on", record["shown"])


@pytest.mark.clause("SESS-3")
@pytest.mark.steps(3, 7)
def test_containing_fin_is_ordinary(step, server, check):
    with server.session() as conn:
        for text in ("fin de journée", "enfin", "fine"):
            reply = conn.exchange(text, wire.containing(text, text))
            if dialogue.unanswered(reply):
                # the session did not end: was that message singled out, or is every later one unanswered?
                plain = f"message ordinaire {dialogue.token()}"
                if dialogue.unanswered(conn.exchange(plain, wire.containing(plain, plain))):
                    check.not_reached(f"no reply to {text!r} nor to {plain!r}, later messages of the session"
                                      " (see SESS-1)")
            check.require(reply.received and reply.ending not in (wire.EOF, wire.RESET),
                          f"{text!r} gets a reply and the session goes on", reply.describe())
        _lenient(step, conn, server, check, 1)


@pytest.mark.clause("SEQ-1")
@pytest.mark.steps(3, 4, 5, 6, 7, 8)
def test_next_client_served(step, server, check):
    with server.session("first client", blame_seq1=False) as conn:
        ok, why = server.lenient_exchanges(conn)
        if not ok:
            check.not_reached(f"the first client: {why}")
    ok, why = server.still_serves("second client, after the first one said goodbye")
    check.require(ok, "a second client is served after the first one's session ended", why)


@pytest.mark.clause("SEQ-2")
@pytest.mark.steps(3, 4, 5, 6, 7, 8)
def test_every_accepted_connection_served(step, server, check):
    """Seen during framing detection: when the first connection gets no reply at all, a second
    one is opened while it waits; a server that serves the second skipped the first."""
    check.attach_text(server.detection)
    if server.profile.dropped:
        check.fail("the first client is served (or waits its turn) before a later one is served",
                   server.profile.problem)
    if server.framing is None:
        check.not_reached(f"no framing found (see FRAME-1): {server.profile.problem}")
