"""Step 8: the shared message list (STORE-1 to STORE-5).

Every check uses messages with a unique token, so it holds while other clients (other xdist
workers, a whole class) write to the same list.
"""
from __future__ import annotations

import re
import threading
from typing import Dict, List, Optional, Tuple

import pytest

from conformance import dialogue, wire

pytestmark = pytest.mark.steps(8)

POSITIONS = re.compile(r"^\d+( \d+)*$")
FIND = wire.Expect("positions separated by single spaces", done=lambda text: bool(POSITIONS.match(text)))
CLIENTS = 10
MESSAGES = 20


def _positions(reply: wire.Reply) -> Optional[List[int]]:
    text = reply.text.strip(" ")
    if not POSITIONS.match(text):
        return None
    values = [int(part) for part in text.split(" ")]
    return [] if values == [0] else values


def _store(conn, check, text):
    reply = conn.exchange(text)
    if not reply.received or reply.ending in (wire.EOF, wire.RESET):
        check.not_reached(f"no acknowledgement for storing {text!r}: {reply.describe()}")
    return reply


def _find_one(conn, check, text) -> int:
    reply = conn.exchange(f"/find {text}", FIND)
    positions = _positions(reply)
    if not positions:
        check.not_reached(f"/find gave no position for {text!r} (see STORE-2): {reply.describe()}")
    return positions[-1]


@pytest.mark.clause("STORE-1")
def test_store_acknowledged_and_unchanged(step, server, check):
    mark = dialogue.token()
    plain, padded = f"Premier message 🦆 {mark}", f"  avec des espaces autour {mark}  "
    with server.session() as conn:
        for text in (plain, padded):
            reply = conn.exchange(text)
            check.require(reply.received and reply.text.strip() != "" and not wire.is_error_reply(reply.text),
                          f"one acknowledgement (not an error reply) for storing {text!r}", reply.describe())
        _find_one(conn, check, plain)            # /find works at all (else: STORE-2's business)
        found = conn.exchange(f"/find {padded}", FIND)
        positions = _positions(found)
        check.require(bool(positions), f"the entry {padded!r} stored unchanged (found by /find)", found.describe())
        got = conn.exchange(f"/get {positions[-1]}", wire.exact(padded))
        check.require(got.text == padded, f"/get {positions[-1]} gives back {padded!r} unchanged", got.describe())


@pytest.mark.clause("STORE-2")
def test_find(step, server, check):
    mark = dialogue.token()
    text = f"doublon {mark}"
    with server.session() as conn:
        _store(conn, check, text)
        _store(conn, check, f"entre-deux {mark}")
        _store(conn, check, text)
        reply = conn.exchange(f"/find {text}", FIND)
        positions = _positions(reply)
        check.require(positions is not None and len(positions) == 2 and positions[0] < positions[1],
                      f"two positions, increasing, separated by one space, for {text!r} (stored twice)",
                      reply.describe())
        absent = conn.exchange(f"/find absent {mark}", wire.exact("0", early_fail=False))
        check.require(absent.text.strip() == "0", "'0' for a text that was never stored", absent.describe())


@pytest.mark.clause("STORE-3")
def test_get(step, server, check):
    text = f"Texte exact, accents é à 🦆 {dialogue.token()}"
    with server.session() as conn:
        _store(conn, check, text)
        position = _find_one(conn, check, text)
        reply = conn.exchange(f"/get {position}", wire.exact(text))
        check.require(reply.text == text, f"/get {position} gives back exactly {text!r}", reply.describe())
        missing = conn.exchange("/get 987654321", wire.ERROR_REPLY)
        check.require(wire.is_error_reply(missing.text), "an error reply for a position not in the list",
                      missing.describe())


@pytest.mark.clause("STORE-4")
def test_shared_between_clients(step, server, check):
    text = f"partagé {dialogue.token()}"
    with server.session("client A (stores)") as conn:
        _store(conn, check, text)
    with server.session("client B (finds)") as conn:
        reply = conn.exchange(f"/find {text}", FIND)
        positions = _positions(reply)
        check.require(bool(positions), f"client B finds {text!r}, stored by client A", reply.describe())


@pytest.mark.clause("STORE-5")
def test_concurrent_writers(step, server, check):
    mark = dialogue.token()
    problems: List[str] = []
    with server.crowd(CLIENTS, "writer") as conns:
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
                reply = conn.exchange(text)
                if not reply.received or reply.ending in (wire.EOF, wire.RESET):
                    problems.append(f"writer {index}: no acknowledgement for {text!r}: {reply.describe()}")
                    return

        _run(write, server)
        if problems:
            check.not_reached("; ".join(problems[:3]))

        def verify(index: int) -> None:
            conn = conns[index]
            previous: Tuple[int, str] = (0, "")
            for text in sent[index]:
                reply = conn.exchange(f"/find {text}", FIND)
                positions = _positions(reply)
                if positions is None or len(positions) != 1:
                    problems.append(f"/find {text!r}: expected exactly one position, got {reply.describe()}"
                                    + (" (lost)" if positions == [] else " (duplicated)" if positions else ""))
                    return
                if positions[0] <= previous[0]:
                    problems.append(f"{text!r} is at {positions[0]}, not after {previous[1]!r} at {previous[0]}"
                                    " (out of the order it was sent in)")
                    return
                got = conn.exchange(f"/get {positions[0]}", wire.exact(text))
                if got.text != text:
                    problems.append(f"/get {positions[0]}: expected {text!r} (mangled?), got {got.describe()}")
                    return
                previous = (positions[0], text)

        _run(verify, server)
        check.require(not problems,
                      f"{CLIENTS} clients x {MESSAGES} messages stored at the same time: each found exactly once,"
                      " in its client's order, unchanged", "; ".join(problems[:5]))


def _run(work, server) -> None:
    threads = [threading.Thread(target=work, args=(index,), daemon=True) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(server.settings.reply_timeout * (MESSAGES * 2 + 4))
