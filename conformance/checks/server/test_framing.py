"""Framing (spec section 3): FRAME-1 (a framing is found), FRAME-2 (line replies end with \\n),
FRAME-3 (a line ended by \\r\\n carries the text without the \\r), FRAME-5 (a line's replies do
not depend on how TCP cuts it)."""
from __future__ import annotations

import time

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue


def _profile_framing(step, request, check):
    """(framing, problem, detection transcript) from the scenario (steps 1-2) or the server."""
    if step <= 2:
        scenario = request.getfixturevalue("scenario")
        return scenario.framing, scenario.data.get("problem") or scenario.why_not_reached(), scenario, None
    server = request.getfixturevalue("server")
    return server.framing, server.profile.problem, None, server


@pytest.mark.clause("FRAME-1")
@pytest.mark.steps(1, 2, 3, 4, 5, 6, 7, 8)
def test_a_framing_is_found(step, request, check):
    framing, problem, scenario, server = _profile_framing(step, request, check)
    if server is not None:
        check.attach_text(server.detection)
    first = scenario.first if scenario is not None else None
    if framing is not None and first is not None and not first["received"]:
        check.not_reached("the server closed the connection without replying to the first message:"
                          f" no reply to tell its framing by ({first['shown']})")
    check.require(framing is not None,
                  "a reply to the first message, either right away (raw framing) or after '\\n' (line framing)",
                  problem)


@pytest.mark.clause("FRAME-2")
@pytest.mark.steps(1, 2, 3, 4, 5, 6, 7, 8)
def test_line_replies_end_with_newline(step, request, check):
    framing, problem, scenario, server = _profile_framing(step, request, check)
    if framing is None:
        check.not_reached(f"no framing found (see FRAME-1): {problem}")
    if framing == wire.RAW:
        pytest.skip("raw framing: a reply needs no terminator")
    if scenario is not None:
        for name, record in scenario.data["exchanges"].items():
            if record["received"]:
                check.require(record["terminated"], f"the reply to {record['sent']!r} ends with '\\n'",
                              record["shown"] + " with no '\\n'")
        return
    with server.session() as conn:
        probes = [dialogue.opening_probe(step)] + dialogue.follow_up_probes(step) + (
            [dialogue.opening_probe(step)] if step != 6 else [])
        unanswered = False
        for probe in probes:
            if probe.only_if_unanswered and not unanswered:
                continue
            if probe.reply_optional:       # step 6's pseudo, step 8's store: CMD-1's, STORE-1's business
                if not conn.send(probe.text):
                    check.not_reached(f"the connection was gone before {probe.text!r} could be sent")
                reply = conn.read_reply(probe.expect)
                unanswered = not reply.received
                if unanswered:
                    continue
            else:
                reply = server.exchange(conn, probe.text, probe.expect, probe.operator_line)
            if not reply.received:
                check.not_reached(f"no reply to {probe.text!r}: {reply.describe()}")
            check.require(reply.terminated, f"the reply to {probe.text!r} ends with '\\n'",
                          reply.describe() + " with no '\\n'")


@pytest.mark.clause("FRAME-3")
@pytest.mark.steps(2)
def test_crlf_line_scenario(step, scenario, check):
    if scenario.framing != wire.LINE:
        pytest.skip(f"{scenario.framing or 'no'} framing: FRAME-3 is about line framing")
    crlf, first = scenario.exchange("crlf"), scenario.exchange("bonjour")
    if crlf is None:
        check.not_reached(scenario.why_not_reached())
    kept_cr = crlf["cr"] and not (first or {}).get("cr")
    check.require(crlf["received"] and "x" in crlf["text"] and not kept_cr,
                  "'x\\r\\n' carries the text 'x': its echo is 'x' without a '\\r'",
                  crlf["shown"] + (" (the '\\r' was kept: the echo ended with '\\r\\n', other replies with '\\n')"
                                   if kept_cr else ""))


@pytest.mark.clause("FRAME-3")
@pytest.mark.steps(3, 5, 6, 7, 8)
def test_crlf_line(step, server, check):
    server.require_framing()
    if server.framing != wire.LINE:
        pytest.skip("raw framing: FRAME-3 is about line framing")
    if step == 6:
        pseudo = "Crlf" + dialogue.token()[:6]
        with server.session() as conn:
            if not conn.send_bytes(pseudo.encode() + b"\r\n", "pseudo ended by \\r\\n"):
                check.not_reached("the connection was gone")
            conn.read_reply()
            reply = conn.exchange("/me danse", wire.exact(f"* {pseudo} danse", early_fail=False))
            check.require("\r" not in reply.text and f"{pseudo} danse" in reply.text,
                          f"the pseudo sent as '{pseudo}\\r\\n' is {pseudo!r}: a reply like '* {pseudo} danse'",
                          reply.describe())
        return
    with server.session() as conn:
        ok, why = server.lenient_exchanges(conn)
        if not ok:
            check.not_reached(why)
        if not conn.send_bytes(b"fin\r\n", "'fin' ended by \\r\\n"):
            check.not_reached("the connection was gone before 'fin\\r\\n' could be sent")
        outcome, data = conn.wait_closed()
        check.require(outcome in ("eof", "reset"), "'fin\\r\\n' is the message 'fin': the server closes the connection",
                      f"connection still open after {server.settings.reply_timeout:g} s"
                      + (f"; received {wire.show_bytes(data)}" if data else "") if outcome == "timeout" else outcome)


LONG_LINE = 1500          # bytes of text: more than 1024 (SIZE-2 lets the server answer as it likes)
FIRST_PIECE = 1100        # the first piece of the line, sent alone: already more than 1024 bytes
PIECE_GAP = 0.2           # between the two pieces: the server has read the first one before the rest comes
CLOSED, SILENT = "the connection closed", "no reply to the next message"


def _long_line(step):
    filler = "x" * LONG_LINE
    return {5: "1+" * (LONG_LINE // 2) + "1", 6: f"/all {filler}"}.get(step, filler).encode("utf-8")


def _follow_up(step):
    """A message sent after the long line, and how to tell its reply: the replies before it are the
    long line's (an event, not a fixed window)."""
    mark = dialogue.token()
    if step == 5:
        return "6*7", lambda text: text.strip() == "42"
    if step == 6:
        return f"/all {mark}", lambda text: text.endswith(mark)
    if step == 8:
        return f"/find absent {mark}", lambda text: text.strip() == "0"
    return mark, lambda text: mark in text


def _replies_to_line(step, conn, pieces, how):
    """How many replies the server sends to one line sent in ``pieces`` (those before the reply to
    a follow-up message); CLOSED if it closed the connection (what SIZE-2 lets it do with a long
    line), SILENT if the follow-up got no reply."""
    for index, piece in enumerate(pieces):
        if index:
            time.sleep(PIECE_GAP)
        if not conn.send_bytes(piece, how if index == 0 else "the rest of the line"):
            return CLOSED
    follow_up, is_its_reply = _follow_up(step)
    if not conn.send(follow_up):
        return CLOSED
    count = 0
    while count <= 3:
        reply = conn.read_reply()
        if reply.received and is_its_reply(reply.text):
            return count
        if not reply.received:
            return CLOSED if reply.ending in (wire.EOF, wire.RESET) else SILENT
        count += 1
    return count


@pytest.mark.clause("FRAME-5")
@pytest.mark.steps(3, 5, 6, 7, 8)
@pytest.mark.disruptive            # a line longer than 1024 bytes may crash a server (ROBUST-4's business)
def test_long_line_in_pieces(step, server, check):
    server.require_framing()
    if server.framing != wire.LINE:
        pytest.skip("raw framing: FRAME-5 is about line framing")
    line = _long_line(step) + b"\n"
    counts = []
    for how, pieces in (("a line of 1500 bytes sent at once", [line]),
                        ("a line of 1500 bytes, its first 1100 bytes alone", [line[:FIRST_PIECE], line[FIRST_PIECE:]])):
        with server.session(how) as conn:
            if step == 6:
                conn.exchange(dialogue.PSEUDO)          # its reply, if any, is CMD-1's business
            counts.append(_replies_to_line(step, conn, pieces, how))
    at_once, in_pieces = counts
    check.require(at_once == in_pieces, "the same replies to a long line however TCP cuts it",
                  f"sent at once: {at_once if isinstance(at_once, str) else f'{at_once} reply(ies)'};"
                  f" its first {FIRST_PIECE} bytes {PIECE_GAP:g} s before the rest:"
                  f" {in_pieces if isinstance(in_pieces, str) else f'{in_pieces} reply(ies)'}")
