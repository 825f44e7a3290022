"""Echo and text (steps 2, 3, 7; TEXT-1 also 6 and 8): ECHO-1, TEXT-1, SIZE-1, TURN-1.

Only ECHO-1 asks for the exact text; the others accept any reply that carries the text sent, so a
server that decorates its echo fails ECHO-1 alone.
"""
from __future__ import annotations

import contextlib

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue, store_list
from conformance.server_under_test.scenario import ACCENTS_TEXT, SIZE_TEXT, TURN_WINDOW

ECHO_TEXTS = ("Bonjour", "Salut tout le monde", "Deux  espaces, virgule ; et point.")


def _reached(scenario, check, name):
    record = scenario.exchange(name)
    if record is None:
        check.not_reached(scenario.why_not_reached())
    return record


# -- ECHO-1 -------------------------------------------------------------------------------------
@pytest.mark.clause("ECHO-1")
@pytest.mark.steps(2)
def test_echo_same_text_scenario(step, scenario, check):
    answered = [scenario.exchange(name) for name in ("bonjour", "spaces")]
    answered = [record for record in answered if record is not None and record["received"]]
    if not answered:
        check.not_reached(scenario.why_not_reached())
    for record in answered:       # a message left unanswered is SESS-1's business
        check.require(record["text"] == record["sent"], f"the reply {record['sent']!r}", record["shown"])


@pytest.mark.clause("ECHO-1")
@pytest.mark.steps(3, 7)
def test_echo_same_text(step, server, check):
    with server.session() as conn:
        for index, text in enumerate(ECHO_TEXTS):
            reply = conn.exchange(text, wire.exact(text))
            if index and dialogue.unanswered(reply):
                check.not_reached(f"no reply to {text!r}, a later message of the session (see SESS-1)")
            check.require(reply.text == text, f"the reply {text!r}", reply.describe())


# -- TEXT-1 -------------------------------------------------------------------------------------
@pytest.mark.clause("TEXT-1")
@pytest.mark.steps(2)
def test_accents_round_trip_scenario(step, scenario, check):
    record = _reached(scenario, check, "accents")
    check.require(wire.carries(ACCENTS_TEXT, record["text"]), f"a reply carrying {ACCENTS_TEXT!r} unchanged",
                  record["shown"])


@pytest.mark.clause("TEXT-1")
@pytest.mark.steps(3, 6, 7, 8)
def test_accents_round_trip(step, server, check):
    with server.session() as conn:
        if step == 6:
            conn.exchange(dialogue.PSEUDO)
            reply = conn.exchange(f"/all {ACCENTS_TEXT}", wire.containing(ACCENTS_TEXT, f"[{dialogue.PSEUDO}] {ACCENTS_TEXT}"))
            if not reply.received and reply.ending == wire.TIMEOUT:
                plain = f"/all sans accents {dialogue.token()}"
                if not conn.exchange(plain, wire.containing(plain[5:], f"[{dialogue.PSEUDO}] {plain[5:]}")).received:
                    check.not_reached(f"/all gets no reply, with accents or without (see CMD-3): {reply.describe()}")
            check.require(wire.carries(ACCENTS_TEXT, reply.text), f"a reply carrying {ACCENTS_TEXT!r} unchanged",
                          reply.describe())
            return
        if step == 8:
            text = f"{ACCENTS_TEXT} {dialogue.token()}"
            store_list.store(conn, check, text)
            position = store_list.locate(conn, check, text)
            if position is None:
                check.not_reached(f"/find does not find the stored text (see STORE-1): {text!r}")
            reply = conn.exchange(f"/get {position}", wire.containing(text, text))
            check.require(wire.carries(text, reply.text), f"/get gives back {text!r} unchanged", reply.describe())
            return
        reply = conn.exchange(ACCENTS_TEXT, wire.containing(ACCENTS_TEXT, ACCENTS_TEXT))
        check.require(wire.carries(ACCENTS_TEXT, reply.text), f"a reply carrying {ACCENTS_TEXT!r} unchanged",
                      reply.describe())


# -- SIZE-1 -------------------------------------------------------------------------------------
@pytest.mark.clause("SIZE-1")
@pytest.mark.steps(2)
def test_message_of_1024_bytes_scenario(step, scenario, check):
    record = _reached(scenario, check, "size")
    check.require(wire.carries(SIZE_TEXT, record["text"]),
                  "a reply carrying the whole 1024-byte message ('€'*341 + 'a')", record["shown"])


@pytest.mark.clause("SIZE-1")
@pytest.mark.steps(3, 7)
def test_message_of_1024_bytes(step, server, check):
    assert len(SIZE_TEXT.encode("utf-8")) == 1024
    with server.session() as conn:
        reply = conn.exchange(SIZE_TEXT, wire.containing(SIZE_TEXT, SIZE_TEXT))
        check.require(wire.carries(SIZE_TEXT, reply.text),
                      "a reply carrying the whole 1024-byte message ('€'*341 + 'a')", reply.describe())
        again = conn.exchange("suite", wire.containing("suite", "suite"))
        if dialogue.unanswered(again):
            check.not_reached("no reply to 'suite', the session's next message (see SESS-1)")
        check.require(wire.carries("suite", again.text) and not wire.carries(SIZE_TEXT, again.text),
                      "the next message 'suite' gets its own reply (the 1024 bytes were one message)",
                      again.describe())


# -- TURN-1 -------------------------------------------------------------------------------------
@pytest.mark.clause("TURN-1")
@pytest.mark.steps(2)
def test_one_reply_per_message_scenario(step, scenario, check):
    record = _reached(scenario, check, "spaces")
    if not record["received"]:
        check.not_reached(f"no reply to {record['sent']!r}: {record['shown']}")
    check.require(not record["extra"] and record["text"].count(record["sent"]) <= 1,
                  f"one reply to {record['sent']!r}, then nothing for {TURN_WINDOW:g} s",
                  f"reply {record['shown']}" + (f", then unprompted {record['extra']}" if record["extra"] else ""))


def _turn_messages(step):
    """Two requests of the step, each with the text its reply carries and what to wait for.
    Step 8: a store first (its acknowledgement is STORE-1's business: it may not come), so that a
    server that sends a stored message to other clients too shows it to the witness."""
    if step == 5:
        return [("1+2", "3", wire.number(3)), ("2*4", "8", wire.number(8))]
    if step == 6:
        return [(f"/all {text}", text, wire.containing(text, f"[{dialogue.PSEUDO}] {text}"))
                for text in ("Un", "Deux trois")]
    if step == 8:
        return [(f"{STORED_FOR_TURN} {dialogue.token()}", "", wire.ANY_REPLY),
                (f"/find absent {dialogue.token()}", "", wire.exact("0", early_fail=False))]
    return [(text, text, wire.containing(text, text)) for text in ("Un", "Deux trois")]


STORED_FOR_TURN = "un tour de parole"


@pytest.mark.clause("TURN-1")
@pytest.mark.steps(3, 5, 6, 7, 8)
def test_one_reply_per_message(step, server, check):
    if server.profile.silent_first:
        check.attach_text(server.detection)
        check.fail("a reply to the first message of a session",
                   "no reply to the first message of a session; later messages are answered"
                   " (framing detection above)")
    with contextlib.ExitStack() as stack:
        # Steps 7-8 serve clients at once: a witness that sends nothing is connected throughout.
        # Bytes it gets were sent to a client that asked nothing (another client's message sent to
        # all), and may have been read as a reply below: never count them as one.
        witness = stack.enter_context(server.session("witness (sends nothing)")) if step in WITNESS_STEPS else None
        conn = stack.enter_context(server.session())
        if step == 6:
            conn.exchange(dialogue.PSEUDO)          # its reply, if any, is CMD-1's business
        for text, carried, expect in _turn_messages(step):
            reply = conn.exchange(text, expect)
            extra = conn.quiet(TURN_WINDOW) if reply.received else b""
            if witness is not None:
                _nothing_unprompted(step, check, witness, text)
            if not reply.received:
                if text.startswith(STORED_FOR_TURN) and reply.ending == wire.TIMEOUT:
                    continue        # not acknowledged: STORE-1's business
                check.not_reached(f"no reply to {text!r}: {reply.describe()}")
            check.require(not extra and (not carried or reply.text.count(carried) <= 1),
                          f"one reply to {text!r}, then nothing for {TURN_WINDOW:g} s",
                          f"reply {reply.describe()}" + (f", then unprompted {wire.show_bytes(extra)}" if extra else ""))


WITNESS_STEPS = (7, 8)


def _nothing_unprompted(step, check, witness, text):
    """The witness got nothing while ``text`` was answered. Step 7: a reply sent to every client is
    PAR-2's fault (its own clause for that); step 8: it is unprompted, TURN-1's."""
    unprompted = witness.quiet(0)
    if not unprompted:
        return
    if step == 7:
        check.not_reached(f"a client that sent nothing received {wire.show_bytes(unprompted)} while {text!r}"
                          " was answered: replies go to other clients (see PAR-2)")
    check.fail(f"nothing for a client that sent nothing while {text!r} was answered",
               f"it received {wire.show_bytes(unprompted)}")
