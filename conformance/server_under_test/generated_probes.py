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

import dataclasses
import random
import time
from dataclasses import dataclass
from typing import Callable, Iterable, List, Optional

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
    this kind; ``candidates(text)``: smaller messages, shortest first. ``send(conn, text)``, when
    given, plays a whole session's opening for each generated text (step 6's pseudo) and returns
    the reply to judge: each text then gets a connection of its own."""

    expect: Optional[Callable[[str], wire.Expect]]
    holds: Callable[[str, wire.Reply], bool]
    keeps: Callable[[str], bool]
    candidates: Callable[[str], Iterable[str]]
    send: Optional[Callable[[Connection, str], wire.Reply]] = None
    excuse: Callable[[str, wire.Reply], Optional[str]] = lambda text, reply: None


def mangled_text(expected: str, reply: wire.Reply) -> Optional[str]:
    """An ``excuse``: the reply differs from ``expected`` only where ``expected`` has characters
    outside ASCII (shown as ``?`` or ``\ufffd``, or lost): an encoding fault, TEXT-1's business."""
    def skeleton(text: str) -> str:
        return "".join(ch for ch in text if ch.isascii() and ch != "?")
    if reply.text != expected and skeleton(reply.text) == skeleton(expected) and not expected.isascii():
        return f"the reply differs from {expected!r} only in its accented letters or emoji (see TEXT-1): {reply.describe()}"
    return None


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
        self.shrinking = False

    def reply(self, text: str, judge: Judge) -> Optional[wire.Reply]:
        """The reply to ``text``. While probing, a connection is had the way every check has one
        (``ServerUnderTest.connect``: a refusal is a verdict, SEQ-1's or this clause's, never a
        pass); while shrinking, None when none can be had (the failure found stands)."""
        if judge.send is not None:
            self.close()
        if self.conn is None:
            self.conn = self._connect()
            if self.conn is None:
                return None
            if self.login is not None:
                self.login(self.conn)
        # read the whole reply even when it went wrong early: what is left of it would be taken
        # for the next message's reply while shrinking
        if judge.send is not None:
            reply = judge.send(self.conn, text)
        else:
            reply = self.conn.exchange(text, dataclasses.replace(judge.expect(text), viable=lambda text: True))
        if reply.ending in (wire.EOF, wire.RESET) or judge.send is not None:
            self.close()
        return reply

    def _connect(self) -> Optional[Connection]:
        if not self.shrinking:
            return self.server.connect(self.label)
        if self.server.launched and not self.server.process.alive():
            return None
        try:
            return open_connection(self.server.address, self.server.profile, self.server.settings,
                                   self.server.transcript(self.label))
        except ConnectFailed:
            return None

    def close(self) -> None:
        if self.conn is not None:
            self.server.end(self.conn)
            self.conn = None


def first_failure(prober: Prober, judge: Judge, texts: Iterable[str], excuses: List[str]) -> Optional[Failure]:
    """Send ``texts`` in turn; the first whose reply is not the model's, if any, other than those
    another clause answers for (their ``excuses`` are collected). A session the server ends after
    a right reply stops the probing (SESS-1's business, not this clause's)."""
    for text in texts:
        reply = prober.reply(text, judge)
        if reply is None:
            return None
        if not judge.holds(text, reply):
            excuse = judge.excuse(text, reply)
            if excuse is None:
                return Failure(text, reply, text, 0)
            excuses.append(excuse)
        if prober.conn is None and judge.send is None:
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
            reply = prober.reply(candidate, judge)
            if reply is None:
                return current
            if not judge.holds(candidate, reply) and judge.excuse(candidate, reply) is None:
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
    excuses: List[str] = []
    try:
        failure = first_failure(prober, judge, texts, excuses)
        if failure is None:
            if excuses:
                check.not_reached(excuses[0])
            return
        prober.label = check._("shrinking (--seed {seed})", seed=seed)
        prober.shrinking = True
        failure = shrink(prober, judge, failure, server.settings.reply_timeout * 5)
    finally:
        prober.close()
    origin = (check._("generated from the grammar with --seed {seed}", seed=seed) if failure.text == failure.original
              else check._("generated from the grammar with --seed {seed}, shrunk from {original}",
                           seed=seed, original=repr(failure.original)))
    check.fail(describe(failure.text), f"{failure.reply.describe()} ({origin})")
