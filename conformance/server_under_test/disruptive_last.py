"""--target: the checks that may crash or freeze the server run last, after every other check.

A server already running is one process for the whole run: a check that makes it spin, crash or
freeze (ROBUST-*, CALC-5, TEXT-2: ``@pytest.mark.disruptive``) would change the verdict of every
check after it. So these checks are sorted last (``order``); with pytest-xdist, each waits until
every ordinary check of every worker, and every disruptive check sorted before it, has finished (``Barrier``:
one marker file per finished check in the directory the workers share). So they run one at a time,
in ``DISRUPTIVE_ORDER`` whatever the number of workers, each after a liveness probe: a server left
broken by an earlier one is "not reached", naming that check's clause, so one fault stays one
failed clause, the same on every run. No deadlock: xdist hands each worker its tests in collection
order, so the first unfinished check is always the one its worker is running.
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

DISRUPTIVE_ORDER = ("ROBUST-1", "ROBUST-2", "ROBUST-3", "ROBUST-4", "CALC-5", "TEXT-2")
POLL = 0.05         # seconds between two looks at the finished checks


def is_disruptive(item) -> bool:
    return item.get_closest_marker("disruptive") is not None


def _clause(item) -> str:
    marker = item.get_closest_marker("clause")
    return marker.args[0] if marker is not None else ""


def order(item) -> Tuple[int, int]:
    """Sort key: ordinary checks first (in their order), then the disruptive ones, least likely
    to hide another's fault first."""
    if not is_disruptive(item):
        return (0, 0)
    clause = _clause(item)
    return (1, DISRUPTIVE_ORDER.index(clause) if clause in DISRUPTIVE_ORDER else len(DISRUPTIVE_ORDER))


def _marker_name(nodeid: str) -> str:
    return hashlib.sha1(nodeid.encode("utf-8")).hexdigest()[:16]


class Barrier:
    """What every worker knows about the run's ordinary checks, and which of them have finished."""

    def __init__(self, directory: Path, items: Sequence) -> None:
        self.done_dir = directory / "ordinary-checks-done"
        self.done_dir.mkdir(exist_ok=True)
        self.damage_file = directory / "disruptive-checks-failed.txt"
        self.failed_file = directory / "checks-failed-since-alive.txt"
        self.order = [_marker_name(item.nodeid) for item in items]

    def finished(self, item, clause: str, failed: bool) -> None:
        """Called after each check's teardown, on the worker that ran it."""
        (self.done_dir / _marker_name(item.nodeid)).touch()
        if is_disruptive(item) and failed:
            with open(self.damage_file, "a", encoding="utf-8") as handle:
                handle.write(clause + "\n")

    def record_failure(self, clause: str, own: bool = True) -> None:
        """A check failed (``own``: its own clause) or was not reached because of ``clause``
        (called from its call report, while it still holds the target's lock)."""
        with open(self.failed_file, "a", encoding="utf-8") as handle:
            handle.write(("failed " if own else "blamed ") + clause + "\n")

    def _since_alive(self) -> List[List[str]]:
        try:
            return [line.split() for line in self.failed_file.read_text(encoding="utf-8").splitlines()]
        except OSError:
            return []

    def failed_since_alive(self) -> List[str]:
        """The clauses at fault (failed, or named by a check not reached) since the server was last
        seen serving a new client."""
        return list(dict.fromkeys(clause for _, clause in self._since_alive()))

    def own_failures_since_alive(self) -> List[str]:
        """The clauses whose own check failed since then (not those only named by another check)."""
        return list(dict.fromkeys(clause for how, clause in self._since_alive() if how == "failed"))

    def saw_alive(self) -> None:
        try:
            self.failed_file.unlink()
        except OSError:
            pass

    def wait_for_the_others(self, item, timeout: float) -> bool:
        """Wait (bounded) until every check sorted before ``item`` has finished; False on timeout."""
        mine = _marker_name(item.nodeid)
        before = set(self.order[:self.order.index(mine)]) if mine in self.order else set(self.order)
        deadline = time.monotonic() + timeout
        while not before <= set(os.listdir(self.done_dir)):
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL)
        return True

    def damaged_by(self) -> List[str]:
        """The clauses of the disruptive checks that failed so far (in the order they failed)."""
        try:
            lines = self.damage_file.read_text(encoding="utf-8").split()
        except OSError:
            return []
        return list(dict.fromkeys(lines))


CLAUSE_ID = re.compile(r"\b[A-Z]+-\d+\b")


def blamed_clause(clause: str, failed: bool, not_reached: bool, message: str) -> Optional[str]:
    """The clause a check's outcome puts at fault: its own if it failed; if it was not reached,
    the other clause its cause names (``(see STORE-2)``), if any; else None."""
    if failed:
        return clause
    if not_reached:
        named = [found for found in CLAUSE_ID.findall(message) if found != clause]
        return named[0] if named else None
    return None


def require_alive_after_failures(server, barrier: Barrier) -> None:
    """--target, before any check, once a check has failed (or was not reached because of another
    clause): the server must still serve a new client, else this check is not reached, because of
    those clauses (a crash or a freeze: one fault masks only what depends on it, and never fails
    what follows). A check of one of those clauses runs anyway: that fault is its own to judge."""
    failed = barrier.failed_since_alive()
    # The check of a clause at fault judges its own fault: a clause whose check failed, or the
    # first clause named (a check not reached "see STORE-2" before STORE-2's own check ran). A
    # clause named only after another's failure (a refusal on the server CALC-2 killed, "see
    # SEQ-1") is an effect of that failure: its check is gated like any other.
    if not failed or server.check.clause.id in (failed[0], *barrier.own_failures_since_alive()):
        return
    ok, why = server.still_serves(f"liveness, after the {', '.join(failed)} check failed")
    if not ok:
        server.check.not_reached(f"the server no longer serves after the {', '.join(failed)} check"
                                 f" (see {failed[0]}): {why}")
    barrier.saw_alive()


def require_alive(server, barrier: Barrier) -> None:
    """Before a disruptive check: the server must still serve a new client, else this check is
    not reached, because of the disruptive check that failed before it (or SEQ-1)."""
    ok, why = server.still_serves("liveness, before a check that may crash or freeze the server")
    if ok:
        return
    earlier = barrier.damaged_by()
    if earlier:
        server.check.not_reached(f"the server no longer serves after the {', '.join(earlier)} check"
                                 f" (see {earlier[0]}): {why}")
    server.check.not_reached(f"the server no longer serves (see SEQ-1): {why}")
