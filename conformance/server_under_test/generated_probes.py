"""Probes generated from the spec's grammar (``grammar``), sent to the server and judged against the
suite's model; a failure is shrunk to the shortest message that still fails and reported with the
seed that replays the run (``--seed``).

Beyond the fixed probes of each check, these find what nobody thought of writing down (a
calculator that raises on ``1**5``, a ``/get`` that dies on ``abc``). Each check sends a bounded
number of them on one session, so a correct server's run stays about as fast as before. Shrinking
is greedy: of the smaller candidates the model still classes as the failing message is (shortest
first), the first that still fails replaces it, until none does or the budget is spent; each try
goes over one connection, reopened when the server ends it.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from conformance.core import wire
from conformance.core.verdict import Check
from conformance.server_under_test.connection import ConnectFailed, Connection
from conformance.server_under_test.target import ServerUnderTest, open_connection

SHRINK_TRIES = 40          # messages sent at most while shrinking one failure


def rng_for(seed: int, name: str) -> random.Random:
    """The generator of one check: the run's seed and the check's name (a str seed is hashed the
    same way by every Python), so a check's probes do not depend on which worker runs it."""
    return random.Random(f"{seed}:{name}")


@dataclass(frozen=True)
class Judge:
    """What the model says about one kind of message.

    ``expect(text)``: how to read the reply (when it is complete); ``holds(text, reply)``: the reply
    is the one the spec asks for; ``keeps(text)``: a shrinking candidate is still a message of
    this kind; ``candidates(text)``: smaller messages, shortest first."""

    expect: Callable[[str], wire.Expect]
    holds: Callable[[str, wire.Reply], bool]
    keeps: Callable[[str], bool]
    candidates: Callable[[str], Iterable[str]]


@dataclass
class Failure:
    text: str
    reply: wire.Reply
    original: str
    tries: int


class Prober:
    """Sends generated messages on a session of its own, opened (and re-opened after the server
    ends it) with ``login`` run first (step 6's pseudo)."""

    def __init__(self, server: ServerUnderTest, label: str,
                 login: Optional[Callable[[Connection], None]] = None) -> None:
        self.server = server
        self.label = label
        self.login = login
        self.conn: Optional[Connection] = None

    def reply(self, text: str, expect: wire.Expect) -> Optional[wire.Reply]:
        """The reply to ``text``; None when no connection can be had (the server is gone)."""
        if self.conn is None:
            if self.server.launched and not self.server.process.alive():
                return None
            try:
                self.conn = open_connection(self.server.address, self.server.profile, self.server.settings,
                                            self.server.transcript(self.label))
            except ConnectFailed:
                return None
            if self.login is not None:
                self.login(self.conn)
        reply = self.conn.exchange(text, expect)
        if reply.ending in (wire.EOF, wire.RESET):
            self.close()
        return reply

    def close(self) -> None:
        if self.conn is not None:
            self.server.end(self.conn)
            self.conn = None


def first_failure(prober: Prober, judge: Judge, texts: Iterable[str]) -> Optional[Failure]:
    """Send ``texts`` in turn; the first whose reply is not the model's, if any. A session the
    server ends after a right reply stops the probing (SESS-1's business, not this clause's)."""
    for text in texts:
        reply = prober.reply(text, judge.expect(text))
        if reply is None:
            return None
        if not judge.holds(text, reply):
            return Failure(text, reply, text, 0)
        if prober.conn is None:
            return None
    return None


def shrink(prober: Prober, judge: Judge, failure: Failure, time_budget: float) -> Failure:
    """Greedy shrinking (see the module's docstring), within SHRINK_TRIES messages and
    ``time_budget`` seconds."""
    deadline = time.monotonic() + time_budget
    tries = 0
    current = failure
    while True:
        for candidate in judge.candidates(current.text):
            if (len(candidate), candidate) >= (len(current.text), current.text) or not judge.keeps(candidate):
                continue         # strictly smaller only: shrinking cannot go round in circles
            if tries >= SHRINK_TRIES or time.monotonic() > deadline:
                return current
            tries += 1
            reply = prober.reply(candidate, judge.expect(candidate))
            if reply is None:
                return current
            if not judge.holds(candidate, reply):
                current = Failure(candidate, reply, failure.original, tries)
                break
        else:
            return current


def run(server: ServerUnderTest, check: Check, judge: Judge, texts: Iterable[str], describe: Callable[[str], str],
        login: Optional[Callable[[Connection], None]] = None) -> None:
    """Send ``texts``, shrink the first failure and fail the check with it, its seed, and the
    message it was shrunk from; pass otherwise."""
    seed = server.settings.seed
    prober = Prober(server, check._("generated from the grammar (--seed {seed})", seed=seed), login)
    try:
        failure = first_failure(prober, judge, texts)
        if failure is None:
            return
        prober.label = check._("shrinking (--seed {seed})", seed=seed)
        failure = shrink(prober, judge, failure, server.settings.reply_timeout * 5)
    finally:
        prober.close()
    origin = (check._("generated from the grammar with --seed {seed}", seed=seed) if failure.text == failure.original
              else check._("generated from the grammar with --seed {seed}, shrunk from {original}",
                           seed=seed, original=repr(failure.original)))
    check.fail(describe(failure.text), f"{failure.reply.describe()} ({origin})")
