"""Step 8: the shared message list (STORE-1 to STORE-5).

Every check uses messages with a unique token, so it holds while other clients (other xdist
workers, a whole class) write to the same list. One fault, one clause: an unacknowledged store is
STORE-1's fault only (the others wait the reply timeout and go on), a /find that does not answer
in its format (or 0-based positions) is STORE-2's only, a /get that changes the text STORE-3's only.
"""
from __future__ import annotations

import threading
from typing import Dict, List, Tuple

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue, generated_probes, grammar, store_list
from conformance.server_under_test.store_list import FIND, SPEC_HINT
from conformance.server_under_test.store_list import find as _find
from conformance.server_under_test.store_list import locate as _locate
from conformance.server_under_test.store_list import positions_of as _positions
from conformance.server_under_test.store_list import store as _store

pytestmark = pytest.mark.steps(8)

CLIENTS = 10
MESSAGES = 20
GENERATED_TEXTS = 2       # stored and read back by /get, per run
GENERATED_GETS = 5        # /get with no position of the list after it, per run


@pytest.mark.clause("STORE-1")
def test_store_acknowledged_and_unchanged(step, server, check):
    mark = dialogue.token()
    plain, padded = f"Premier message 🦆 {mark}", f"  avec des espaces autour {mark}  "
    with server.session() as conn:
        for text in (plain, padded):
            reply = conn.exchange(text)
            check.require(reply.received and reply.text.strip() != "" and not wire.is_error_reply(reply.text),
                          f"one acknowledgement (not an error reply) for storing {text!r}", reply.describe())
        if not _find(conn, check, plain):
            entry = store_list.stored_as(conn, plain)
            if entry is not None and entry != plain:
                check.fail(f"the entry {plain!r} stored unchanged", f"/find does not find it; /get at the end"
                           f" of the list gives {entry!r}")
            check.not_reached(f"/find does not find {plain!r} right after storing it (see STORE-2)")
        found = _find(conn, check, padded)
        check.require(bool(found), f"the entry {padded!r} stored unchanged (found by /find, spaces included)",
                      "/find does not find it")


@pytest.mark.clause("STORE-2")
def test_find(step, server, check):
    mark = dialogue.token()
    text = f"doublon {mark}"
    with server.session() as conn:
        for stored in (text, f"entre-deux {mark}", text):
            _store(conn, check, stored)
        reply = conn.exchange(f"/find {text}", FIND)
        positions = _positions(reply)
        check.require(reply.received, f"the positions of {text!r} within the reply timeout (a command never"
                      " freezes the server)", reply.describe())
        if positions == []:
            entry = store_list.stored_as(conn, text)
            if entry is not None and entry != text:
                check.not_reached(f"/find does not find {text!r}: it is not in the list as sent, /get at the end"
                                  f" of the list gives {entry!r} (see STORE-1)")
        check.require(positions is not None and len(positions) == 2 and positions[0] < positions[1],
                      f"two positions, increasing, separated by one space, for {text!r} (stored twice)"
                      + ("" if positions is not None else f" ({SPEC_HINT})"), reply.describe())
        first = positions[0]
        if not store_list.gives(conn, first, text):
            check.require(not store_list.gives(conn, first + 1, text),
                          f"1-based positions: {text!r} at the position /find gives",
                          f"/find gave {first}, but /get {first + 1} gives {text!r}: positions counted from 0")
        absent = conn.exchange(f"/find absent {mark}", wire.exact("0", early_fail=False))
        check.require(absent.text.strip() == "0", "'0' for a text that was never stored", absent.describe())


@pytest.mark.clause("STORE-3")
def test_get(step, server, check):
    mark = dialogue.token()
    with server.session() as conn:
        missing = conn.exchange("/get 987654321", wire.ERROR_REPLY)
        check.require(wire.is_error_reply(missing.text), "an error reply for a position not in the list"
                      + ("" if missing.received else f" ({SPEC_HINT})"), missing.describe())
        for text in (f"Texte exact, accents é à 🦆 {mark}", f"  Avec des espaces autour {mark}  "):
            _store(conn, check, text)
            position = _locate(conn, check, text)
            if position is None:
                continue           # not stored as sent: STORE-1's business
            reply = conn.exchange(f"/get {position}", wire.exact(text))
            check.require(reply.text == text, f"/get {position} gives back exactly {text!r}", reply.describe())


def _not_a_position(message):
    argument = message[len("/get "):]
    return message.startswith("/get ") and argument != "" and not grammar.is_position_text(argument)


NOT_A_POSITION = generated_probes.Judge(
    expect=lambda message: wire.ERROR_REPLY, holds=lambda message, reply: wire.is_error_reply(reply.text),
    keeps=_not_a_position,
    candidates=lambda message: (f"/get {text}" for text in grammar.text_candidates(message[len("/get "):])))


@pytest.mark.clause("STORE-3")
def test_generated_get(step, server, check, rng):
    """Texts generated from 7.6's character classes come back exactly; positions that are none
    (``0``, ``-1``, ``abc``, ``1.5``, a number past the end) get an error reply."""
    mark = dialogue.token()
    stored = [f"{grammar.command_text(rng)} {mark}" for _ in range(GENERATED_TEXTS)]
    gets = ([f"/get {grammar.not_a_number(rng)}"] + [f"/get {grammar.not_a_position(rng)}" for _ in range(GENERATED_GETS - 2)]
            + [f"/get {rng.randint(10**9, 10**12)}"])
    with server.session() as conn:
        for text in stored:
            _store(conn, check, text)
            position = _locate(conn, check, text)
            if position is None:
                continue           # not stored as sent: STORE-1's business
            reply = conn.exchange(f"/get {position}", wire.exact(text))
            check.require(reply.text == text, f"/get {position} gives back exactly {text!r}"
                          f" (generated with --seed {server.settings.seed})", reply.describe())
    generated_probes.run(server, check, NOT_A_POSITION, dict.fromkeys(gets),
                         lambda message: f"an error reply to {message!r}: no entry at that position")


@pytest.mark.clause("STORE-4")
def test_shared_between_clients(step, server, check):
    text = f"partagé {dialogue.token()}"
    with server.session("client A (stores)") as conn:
        store_list.require_findable(conn, check, text)
    with server.session("client B (finds)") as conn:
        positions = _find(conn, check, text)
        check.require(bool(positions), f"client B finds {text!r}, stored by client A",
                      "/find answers '0' (not in the list client B sees)")


@pytest.mark.clause("STORE-5")
def test_concurrent_writers(step, server, check):
    mark = dialogue.token()
    problems: List[str] = []
    unseen: List[str] = []          # /find or /get not usable: STORE-2's or STORE-3's business
    with server.crowd(CLIENTS, "writer") as conns:
        store_list.require_findable(conns[0], check, f"avant les écrivains {mark}")
        barrier = threading.Barrier(CLIENTS, timeout=server.settings.reply_timeout * 4)
        sent: Dict[int, List[str]] = {}

        def write(index: int) -> None:
            conn = conns[index]
            texts = sent[index] = [f"w{index}-m{n:02d}-{mark}" for n in range(MESSAGES)]
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                return
            for text in texts:
                reply = conn.exchange(text)      # no acknowledgement: STORE-1's business
                if reply.ending in (wire.EOF, wire.RESET) and not reply.received:
                    unseen.append(f"writer {index}: the connection ended after storing {text!r}")
                    return

        _run(write, server)
        if unseen:
            check.not_reached("; ".join(unseen[:3]))
        strays = [(index, data) for index, data in ((index, conn.quiet(0)) for index, conn in enumerate(conns)) if data]
        if strays:      # the server writes to clients unasked: their /find replies cannot be told apart
            index, data = strays[0]
            check.not_reached(f"{len(strays)} writers received bytes they asked nothing for (see TURN-1),"
                              f" writer {index}: {wire.show_bytes(data)[:200]}")

        def verify(index: int) -> None:
            conn = conns[index]
            previous: Tuple[int, str] = (0, "")
            for text in sent[index]:
                reply = conn.exchange(f"/find {text}", FIND)
                positions = _positions(reply)
                if positions is None:
                    unseen.append(f"/find {text!r} did not answer with positions (see STORE-2): {reply.describe()}")
                    return
                if len(positions) != 1:
                    problems.append(f"/find {text!r}: expected exactly one position, got {reply.describe()}"
                                    + (" (lost)" if not positions else " (duplicated)"))
                    return
                if positions[0] <= previous[0]:
                    problems.append(f"{text!r} is at {positions[0]}, not after {previous[1]!r} at {previous[0]}"
                                    " (out of the order it was sent in)")
                    return
                got = conn.exchange(f"/get {positions[0]}", wire.exact(text))
                if got.text != text:
                    if store_list.gives(conn, positions[0] + 1, text):
                        unseen.append(f"/find's positions are 0-based (see STORE-2): {text!r}")
                    elif got.text.strip() == text.strip() or got.text.casefold() == text.casefold():
                        unseen.append(f"/get changes the text (see STORE-3): {got.describe()}")
                    else:
                        problems.append(f"/get {positions[0]}: expected {text!r} (mangled?), got {got.describe()}")
                    return
                previous = (positions[0], text)

        _run(verify, server)
        if unseen and not problems:
            check.not_reached("; ".join(unseen[:3]))
        check.require(not problems,
                      f"{CLIENTS} clients x {MESSAGES} messages stored at the same time: each found exactly once,"
                      " in its client's order, unchanged", "; ".join(problems[:5]))


def _run(work, server) -> None:
    threads = [threading.Thread(target=work, args=(index,), daemon=True) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(server.settings.reply_timeout * (MESSAGES * 2 + 4))
