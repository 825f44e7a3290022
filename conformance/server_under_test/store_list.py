"""Step 8's list as a client sees it: storing, /find's positions, /get (spec 7.8).

Shared by the STORE checks and TEXT-1's step-8 check, with one rule: an unacknowledged store is
STORE-1's business (the caller waits the reply timeout and goes on); a /find that does not answer
with positions, or answers 0-based ones, is STORE-2's (the caller is not reached).
"""
from __future__ import annotations

from typing import List, Optional

from conformance.core import wire
from conformance.core.verdict import Check
from conformance.server_under_test.connection import Connection
from conformance.server_under_test.dialogue import FIND_REPLY as FIND
from conformance.server_under_test.dialogue import POSITIONS

SPEC_HINT = "spec 7.8: a step-8 server answers /find and /get, which the handout does not ask for"
LAST_ENTRIES = 8            # entries looked at, from the end of the list, for a text /find did not find
MAX_DOUBLINGS = 24          # /get 1, 2, 4... up to 2**24 entries


def positions_of(reply: wire.Reply) -> Optional[List[int]]:
    """/find's reply as positions ([] for '0'), None if it is not in /find's format."""
    text = reply.text.strip(" ")
    if not POSITIONS.match(text):
        return None
    values = [int(part) for part in text.split(" ")]
    return [] if values == [0] else values


def store(conn: Connection, check: Check, text: str) -> wire.Reply:
    """Store ``text``. No acknowledgement within the reply timeout is STORE-1's business: go on."""
    reply = conn.exchange(text)
    if reply.ending in (wire.EOF, wire.RESET) and not reply.received:
        check.not_reached(f"the connection ended after storing {text!r}: {reply.describe()}")
    return reply


def find(conn: Connection, check: Check, text: str) -> List[int]:
    """The positions /find gives for ``text``; a reply not in /find's format is STORE-2's fault."""
    reply = conn.exchange(f"/find {text}", FIND)
    positions = positions_of(reply)
    if positions is None:
        check.not_reached(f"/find did not answer with positions (see STORE-2; {SPEC_HINT}): {reply.describe()}")
    return positions


def locate(conn: Connection, check: Check, text: str) -> Optional[int]:
    """The position of ``text`` (its last occurrence), None if /find does not find it. Positions
    that are off by one (0-based: /get at the next one gives the text) are STORE-2's fault."""
    positions = find(conn, check, text)
    if not positions:
        return None
    position = positions[-1]
    if not gives(conn, position, text) and gives(conn, position + 1, text):
        check.not_reached(f"/find's positions are 0-based: {text!r} is at {position + 1}, /find said"
                          f" {position} (see STORE-2)")
    return position


def gives(conn: Connection, position: int, text: str) -> bool:
    """/get ``position`` gives back exactly ``text``."""
    return conn.exchange(f"/get {position}", wire.exact(text, early_fail=False)).text == text


def require_findable(conn: Connection, check: Check, text: str) -> None:
    """Store ``text`` and find it again on the same connection: the checks about sharing and
    concurrency (STORE-4, STORE-5) are about other clients, so a list that its own client cannot
    read back is another clause's fault (STORE-1, STORE-2)."""
    store(conn, check, text)
    if locate(conn, check, text) is None:
        check.not_reached(f"/find does not find {text!r} right after storing it, on the same connection"
                          " (see STORE-1, STORE-2)")


def _entry(conn: Connection, position: int) -> Optional[str]:
    """/get ``position``'s text; "" past the end (an error reply); None if /get does not answer."""
    reply = conn.exchange(f"/get {position}")
    if not reply.received or reply.ending in (wire.EOF, wire.RESET):
        return None
    return "" if wire.is_error_reply(reply.text) else reply.text


def stored_as(conn: Connection, text: str) -> Optional[str]:
    """After /find did not find ``text``, just stored on this connection: what the list holds for it,
    read with /get from the end of the list (found by doubling, then halving). ``text`` itself
    (so /find is what fails: STORE-2), an entry that carries ``text`` but is not it (stored
    changed: STORE-1), or None if /get cannot tell (it does not answer, or no entry near the end
    carries the text)."""
    low, high = 0, 1
    for _ in range(MAX_DOUBLINGS):
        entry = _entry(conn, high)
        if entry is None:
            return None
        if entry == "":
            break
        low, high = high, high * 2
    else:
        return None
    while high - low > 1:        # low is in the list (or 0), high is past its end
        middle = (low + high) // 2
        entry = _entry(conn, middle)
        if entry is None:
            return None
        low, high = (middle, high) if entry else (low, middle)
    for position in range(low, max(0, low - LAST_ENTRIES), -1):
        entry = _entry(conn, position)
        if entry is None:
            return None
        if entry == text or wire.carries(text.strip(), entry):
            return entry
    return None
