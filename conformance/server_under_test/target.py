"""The server under test, as the checks see it: where it is, how it frames, how to talk to it.

``Pool`` (one per xdist worker) owns the servers the suite starts: one shared server per step for
ordinary checks (replaced after a failed check, so a fault masks nothing after it), a fresh one
for disruptive checks, step 4 and the one-shot steps 1-2. ``ServerUnderTest`` is what a check gets.
In --target mode there is one server, shared by all workers: the per-target facts (framing,
greeting) are detected once and cached in a file next to the locks.
"""
from __future__ import annotations

import contextlib
import json
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Dict, Iterator, List, NoReturn, Optional, Sequence, Tuple

from filelock import FileLock

from conformance.core import wire
from conformance.core.settings import Settings
from conformance.core.transcript import Transcript
from conformance.core.verdict import Check
from conformance.server_under_test import dialogue
from conformance.server_under_test.connection import Connection, ConnectFailed, Profile
from conformance.server_under_test.launcher import ServerDidNotStart, ServerProcess, launch

LOCK_TIMEOUT = 600.0
EXIT_WINDOW = 0.15      # how long a server that ends itself after a client may take to exit


def shared_dir(config) -> Path:
    """A directory shared by the xdist controller and its workers (the pytest-xdist recipe)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def cached_json(directory: Path, name: str, compute: Callable[[], dict]) -> dict:
    """Compute a JSON-able dict once per run, whichever worker comes first (FileLock + file)."""
    path = directory / f"{name}.json"
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        data = compute()
        path.write_text(json.dumps(data), encoding="utf-8")
        return data


def open_connection(address: Tuple[str, int], profile: Profile, settings: Settings,
                    transcript: Transcript) -> Connection:
    """Connect, read the greeting if the server greets, and open the session (``open_session``)."""
    conn = new_connection(address, profile, settings, transcript)
    conn.open()
    open_session(conn, profile, settings)
    return conn


def new_connection(address: Tuple[str, int], profile: Profile, settings: Settings,
                   transcript: Transcript) -> Connection:
    """A connection (not yet open) that starts from what detection learnt of the server's timing."""
    return Connection(address, profile.framing, settings.reply_timeout, settings.quiet_gap, transcript,
                      profile.lessons)


def open_session(conn: Connection, profile: Profile, settings: Settings) -> None:
    """Read the greeting; for a server that leaves a session's first message unanswered
    (``Profile.silent_first``: TURN-1's fault, checked there), send it a first message and wait
    briefly for a reply that may not come, so that every other check talks to it as it expects."""
    conn.read_greeting(profile.greets)
    if profile.silent_first and conn.framing is not None:
        conn.transcript.event("this server does not answer a session's first message (see TURN-1):"
                              " sending one first")
        if conn.send(dialogue.PSEUDO):
            conn.read_reply(timeout=optional_reply_wait(settings))
            conn.unresponsive = False       # that silence was expected: the session goes on


def end_politely(conn: Connection, step: int, operator: Optional[Callable[[str], None]] = None) -> bool:
    """End a session the way a well-behaved client does (fin, /bye), wait (bounded) for the close.
    True if the closing message was sent and the server then closed the connection.

    Step 4: a server that waits for its operator even after ``fin`` (CHAT-3's fault) gets a line on
    its stdin, as a person would type, so that the next client is not blamed on it. (Only step 4
    reads its stdin.)
    A server seen keeping the connection open for the reply timeout after the goodbye (at the end
    of framing detection, or earlier on this connection: ``Pacing.keeps_open``) is not waited for
    again, only its last message (``Connection.wait_goodbye``); then the client closes (step 4: the
    operator types ``fin``), as it did after the timeout.
    """
    try:
        if (conn.sock is not None and not conn.closed_by_server and not conn.reset_by_server
                and not conn.unresponsive):
            message = dialogue.closing_message(step)
            if message is not None and conn.framing is not None and conn.send(message):
                outcome, _ = conn.wait_goodbye()
                if outcome == "timeout" and operator is not None and step == 4:
                    operator("fin")
                    outcome, _ = conn.wait_closed()
                return outcome in ("eof", "reset")
        return False
    finally:
        conn.close()


def optional_reply_wait(settings: Settings) -> float:
    """How long to wait for a reply that may rightly not come (``Probe.reply_optional``)."""
    return max(settings.quiet_gap, min(dialogue.OPTIONAL_REPLY_WAIT, settings.reply_timeout))


def run_probes(conn: Connection, probes: Sequence[dialogue.Probe], settings: Settings,
               operator: Optional[Callable[[str], None]] = None, late_reply: bool = False) -> Tuple[bool, str]:
    """Lenient exchanges (``dialogue``): each reply must carry what its probe looks for, except an
    optional one, read with a short wait. Returns (ok, what went wrong).

    A message whose reply may still be on its way (an optional reply not seen in the short wait;
    ``late_reply``: an earlier message of the caller's) can make the next reply come in two: a reply
    that does not carry the probe's text is then followed by one more read.
    Without ``operator`` (--target), step 4's probe cannot be answered: nothing more is checked.
    """
    late = late_reply
    unanswered = False
    for probe in probes:
        if probe.operator_line is not None and operator is None:
            return True, ""
        if probe.only_if_unanswered and not unanswered:
            continue
        if probe.reply_optional:
            if not conn.send(probe.text):
                return False, f"the connection was gone before {probe.text!r} could be sent"
            reply = conn.read_reply(probe.expect, timeout=None if probe.wait_full_timeout
                                    else optional_reply_wait(settings))
            if reply.ending in (wire.EOF, wire.RESET):
                return False, f"sent {probe.text!r} and got {reply.describe()}"
            late = unanswered = not reply.received
            continue
        after = (lambda line=probe.operator_line: operator(line)) if probe.operator_line is not None else None
        reply = conn.exchange(probe.text, probe.expect, after_send=after)
        seen = reply.describe()
        if (not probe.accept(reply) and late and reply.received
                and reply.ending not in (wire.EOF, wire.RESET, wire.OVERFLOW)):
            reply = conn.read_reply(probe.expect, note="after a late reply to the message before")
            seen = f"{seen} (taken for a late reply to the message before), then {reply.describe()}"
        if not probe.accept(reply):
            return False, f"sent {probe.text!r} and got {seen} (expected {probe.describe})"
        late = False
    return True, ""


def detect_profile(step: int, address: Tuple[str, int], settings: Settings, transcript: Transcript,
                   operator: Optional[Callable[[str], None]] = None) -> Tuple[Profile, wire.Reply]:
    """Find the framing (spec section 3) and whether the server greets, on one polite session.

    No reply at all on the first connection: a second client tries while the first still waits.
    If the second is served, the server dropped or skipped an accepted connection: SEQ-2's fault,
    not FRAME-1's. A third client then tells the two ways apart: served, only the server's first
    connection is dropped (an ``accept()`` left above the loop: ``Profile.later_served``, every
    other check runs on later clients); unserved, the first of each loop turn is (two ``accept()``
    per turn: who is served depends on who else connects, the other checks are not reached)."""
    detected, reply = _detect_on_one_connection(step, address, settings, transcript, operator, keep_open=True)
    first = detected.pop_connection()
    try:
        if (detected.profile.framing is None and reply.ending == wire.TIMEOUT and step not in (1, 2)
                and (step != 4 or operator is not None)):
            second, _ = _detect_on_one_connection(step, address, settings, transcript, operator)
            if second.profile.framing is not None:
                found = second.profile
                transcript.event("the first connection was skipped: does the server serve the next one?")
                third, _ = _detect_on_one_connection(step, address, settings, transcript, operator)
                later_served = third.profile.framing is not None
                return Profile(found.framing, found.greets,
                               "the first connection got no reply, while a second one, opened as it"
                               " waited, was served: the server skipped an accepted connection"
                               + (" (only its first one: later clients are served)" if later_served else ""),
                               found.silent_first, dropped=True, later_served=later_served,
                               lessons=found.lessons), reply
        return detected.profile, reply
    finally:
        if first is not None:
            end_politely(first, step, operator)


class _Detected:
    """A detection's profile and, while the caller still needs it, its open connection."""

    def __init__(self, profile: Profile, conn: Optional[Connection]) -> None:
        self.profile = profile
        self._conn = conn

    def pop_connection(self) -> Optional[Connection]:
        conn, self._conn = self._conn, None
        return conn


def _detect_on_one_connection(step: int, address: Tuple[str, int], settings: Settings,
                              transcript: Transcript, operator: Optional[Callable[[str], None]],
                              keep_open: bool = False) -> Tuple[_Detected, wire.Reply]:
    """One detection session; with ``keep_open`` its connection is handed back still open."""
    forced = None if settings.framing == "auto" else settings.framing
    conn = Connection(address, forced, settings.reply_timeout, settings.quiet_gap, transcript)
    conn.open()
    kept: List[Connection] = []

    def result(profile: Profile, reply: wire.Reply) -> Tuple[_Detected, wire.Reply]:
        if keep_open:
            kept.append(conn)
        return _Detected(profile, conn if keep_open else None), reply

    try:
        greeting = conn.read_greeting(None)
        greets = greeting is not None
        if greeting is not None and greeting.ending == wire.OVERFLOW:
            return result(Profile(None, greets, "the server sent more than 64 KiB before the client said anything"),
                          greeting)
        probe = dialogue.opening_probe(step)
        after = (lambda: operator(probe.operator_line)) if operator and probe.operator_line else None
        follow_up = dialogue.follow_up_probes(step)
        fallback = (follow_up[0].text, follow_up[0].expect) if probe.reply_optional and follow_up else None
        last_resort = [(other.text, other.expect) for other in dialogue.last_resort_commands(step)]
        if forced:
            reply = conn.exchange(probe.text, probe.expect, after_send=after)
            if not reply.received and reply.ending == wire.TIMEOUT and fallback is not None:
                reply = conn.exchange(*fallback)
            if not reply.received and reply.ending == wire.TIMEOUT and last_resort:
                found = conn.any_answered(last_resort, (forced,))
                reply = found[1] if found is not None else reply
            framing = forced if reply.received else None
        else:
            again = dialogue.opening_probe(step)
            confirm = ((again.text, again.expect) if step not in (1, 2, 4) and not probe.reply_optional
                       else None)
            framing, reply = conn.detect_framing(probe.text, probe.expect, after_send=after, fallback=fallback,
                                                 confirm=confirm, last_resort=last_resort)
        if framing is None:
            sent = repr(probe.text) + (f" nor to {fallback[0]!r}" if fallback else "")
            why = (f"no reply to {sent} in {forced} framing" if forced else
                   f"no reply to {sent}, neither without terminator (raw framing) nor after '\\n'"
                   " (line framing)")
            return result(Profile(None, greets, f"{why}: {reply.describe()}"), reply)
        if reply.ending == wire.OVERFLOW:
            return result(Profile(None, greets, f"the reply to {probe.text!r} never ended: {reply.describe()}"),
                          reply)
        again = dialogue.second_opening(step)
        if conn.opening_unanswered and again is not None and not conn.silent_first:
            conn.transcript.event("the first message got no reply: does the next one of its kind get one?")
            conn.silent_first = conn.exchange(again.text, again.expect).received
        end_politely(conn, step, operator)     # whether it closes after the goodbye is a lesson too
        return result(Profile(framing, greets, silent_first=conn.silent_first, lessons=conn.pacing.lessons()), reply)
    finally:
        if not kept:
            end_politely(conn, step, operator)


class Pool:
    """The servers this worker started (command and reference modes), and what it learned."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._shared: Dict[int, ServerProcess] = {}
        self._start_errors: Dict[int, str] = {}
        self.profiles: Dict[int, Tuple[Profile, str]] = {}     # step -> (profile, detection transcript)
        # Starting and stopping servers happens beside the checks, not between them: the next fresh
        # server of a step starts while a check runs on the current one, a used one stops meanwhile.
        self._background = ThreadPoolExecutor(max_workers=2, thread_name_prefix="canaduck-pool")
        self._spares: Dict[int, "Future[ServerProcess]"] = {}
        self._stopping: List["Future[None]"] = []

    def start(self, step: int) -> ServerProcess:
        """A new server for ``step``; a start failure is remembered, so later checks fail at once."""
        if step in self._start_errors:
            raise ServerDidNotStart(self._start_errors[step])
        spare = self._spares.pop(step, None)
        try:
            return spare.result() if spare is not None else self._launch(step)
        except ServerDidNotStart as exc:
            self._start_errors[step] = str(exc)
            raise

    def fresh(self, step: int) -> ServerProcess:
        """A server no client has talked to, for one check (disruptive, step 4); the step's next
        one starts in the background meanwhile (it is stopped unused at the end if none is asked for)."""
        server = self.start(step)
        self._spares[step] = self._background.submit(self._launch, step)
        return server

    def _launch(self, step: int) -> ServerProcess:
        return launch(self.settings.server_command(step), self.settings.start_timeout, cwd=self.settings.server_cwd)

    def stop_later(self, server: ServerProcess) -> None:
        """Stop a server in the background (its output tail has been read): the next check need not wait."""
        self._stopping.append(self._background.submit(server.stop))

    def shared(self, step: int) -> ServerProcess:
        server = self._shared.get(step)
        if server is None or not server.alive():
            if server is not None:
                server.stop()
            server = self._shared[step] = self.start(step)
        return server

    def retire(self, step: int) -> None:
        """Replace the shared server at the next check (the last check failed on it)."""
        server = self._shared.pop(step, None)
        if server is not None:
            self.stop_later(server)

    def replace_shared(self, step: int) -> ServerProcess:
        """A new shared server, after the old one stopped listening (it exited after a client)."""
        self.retire(step)
        return self.shared(step)

    def profile(self, step: int) -> Tuple[Profile, str]:
        """Framing and greeting, detected once per worker on the step's shared server (never on
        the fresh server of the check at hand: detection would use up its first client)."""
        if step not in self.profiles:
            server = self.shared(step)
            transcript = Transcript(f"framing detection (step {step})")
            try:
                profile, _ = detect_profile(step, server.address, self.settings, transcript, server.write_stdin)
            except ConnectFailed as exc:
                profile = Profile(None, None, str(exc))
            server.contacted = True
            self.profiles[step] = (profile, transcript.render())
        return self.profiles[step]

    def close(self) -> None:
        """Stop every server: shared, spare, and those still stopping."""
        for step in list(self._shared):
            self.retire(step)
        for spare in self._spares.values():
            try:
                self.stop_later(spare.result())
            except ServerDidNotStart:
                pass
        self._spares.clear()
        for stopping in self._stopping:
            stopping.result()
        self._background.shutdown(wait=True)


def target_profile(config, settings: Settings, step: int) -> Tuple[Profile, str]:
    """--target mode: the target's framing and greeting, detected once per run (all workers)."""
    assert settings.target is not None

    def compute() -> dict:
        transcript = Transcript(f"framing detection (step {step})")
        try:
            profile, _ = detect_profile(step, settings.target, settings, transcript)
        except ConnectFailed as exc:
            profile = Profile(None, None, str(exc))
        return {"framing": profile.framing, "greets": profile.greets, "problem": profile.problem,
                "silent_first": profile.silent_first, "dropped": profile.dropped,
                "later_served": profile.later_served,
                "lessons": profile.lessons, "transcript": transcript.render()}

    data = cached_json(shared_dir(config), f"profile-{settings.key(step)}", compute)
    return (Profile(data["framing"], data["greets"], data["problem"], data["silent_first"], data["dropped"],
                    data["later_served"], data["lessons"]), data["transcript"])


class ServerUnderTest:
    """What a check talks to: one step's server, its framing, and its output (when launched)."""

    def __init__(self, step: int, settings: Settings, check: Check, address: Tuple[str, int],
                 profile: Profile, detection: str, process: Optional[ServerProcess] = None,
                 relaunch: Optional[Callable[[], ServerProcess]] = None) -> None:
        self.step = step
        self.settings = settings
        self.check = check
        self.address = address
        self.profile = profile
        self.detection = detection
        self.process = process
        self._relaunch = relaunch
        self._count = 0
        self.disrupts = False     # --target, a disruptive check: the server served just before it
        check.framing = profile.framing
        if process is not None:
            check.server_output = process.output_tail

    @property
    def framing(self) -> Optional[str]:
        return self.profile.framing

    @property
    def launched(self) -> bool:
        """The suite started this server (so it sees stdin/stdout and may restart it)."""
        return self.process is not None

    def require_framing(self) -> None:
        """Checks other than FRAME-1 cannot talk to a server whose framing is unknown, nor to one
        that serves some connections only (which ones depends on who else connects: SEQ-2)."""
        if self.profile.framing is None:
            self.check.not_reached(f"no framing found (see FRAME-1): {self.profile.problem}")
        if self.profile.dropped and not self.profile.later_served:
            self.check.not_reached(f"the server does not serve every connection (see SEQ-2): {self.profile.problem}")

    def skip_dropped_first(self) -> None:
        """Before the first client of a launched server that no client has talked to yet (a fresh
        one, a relaunched one): if the server drops only its first connection
        (``Profile.later_served``, SEQ-2's fault), give it one that no check needs, opened and
        closed at once for that first ``accept()`` to take, so that the check's own clients are the
        later ones, which it serves."""
        process = self.process
        if process is None or process.contacted:
            return
        process.contacted = True
        if not self.profile.later_served:
            return
        transcript = self.check.attach(Transcript("first connection, which this server drops (see SEQ-2)"))
        try:
            new_connection(self.address, self.profile, self.settings, transcript).open().close()
        except ConnectFailed:
            pass        # the check's own connection meets the same refusal, and says so

    def transcript(self, label: str = "") -> Transcript:
        self._count += 1
        return self.check.attach(Transcript(label or f"connection {self._count}"))

    def refused(self, exc: Exception, expected: str, blame_seq1: bool = True) -> NoReturn:
        """A connection refused by a server that accepted earlier clients (the framing detection
        at least): it stopped serving, which is SEQ-1's fault, not this check's; unless
        ``blame_seq1`` is False (SEQ-1's own check), the launched server crashed (exit code not 0),
        or this is a disruptive check on a target that served right before it (``disrupts``)."""
        if blame_seq1:
            if self.process is None and not self.disrupts:
                self.check.not_reached(f"the server no longer accepts connections after serving earlier"
                                       f" clients (see SEQ-1): {exc}")
            if self.exited_cleanly(self.settings.reply_timeout):
                self.check.not_reached(f"the server exited (code 0) after its earlier clients (see SEQ-1): {exc}")
        self.check.fail(expected, str(exc))

    def connect(self, label: str = "", blame_seq1: bool = True) -> Connection:
        """A new connection, greeting already read. A refused connection fails the check, except
        on a shared server (one the Pool may relaunch): it served earlier clients (framing
        detection, earlier checks), so a refusal means it stopped serving after them, which is
        SEQ-1's fault. That server is stopped (its whole process group) and relaunched, and the
        connection tried once more: only a refusal by the fresh server fails this check. No wait
        for the old server to exit: how long that takes depends on the machine's load.
        Likewise, a check's first connection to a shared server waits until the server has
        accepted it: one that closes its listening socket with the connection still queued (it
        would be reset unserved) is relaunched the same way."""
        self.require_framing()
        self.skip_dropped_first()
        transcript = self.transcript(label)
        shared = self.process is not None and self._relaunch is not None
        try:
            if not (shared and self._count == 1):
                return open_connection(self.address, self.profile, self.settings, transcript)
            conn = new_connection(self.address, self.profile, self.settings, transcript)
            conn.open()
            if self.process.accepted_all(self.settings.reply_timeout):
                open_session(conn, self.profile, self.settings)
                return conn
            conn.close()     # queued, and the server stopped listening: it would be reset unserved
            transcript.event("the shared server stopped listening before accepting this connection")
        except ConnectFailed as exc:
            if not shared:
                self.refused(exc, "a connection accepted by the server", blame_seq1)
        transcript.event("the shared server, which served earlier clients, no longer takes new ones"
                         " (see SEQ-1): stopped and restarted")
        try:
            self.process = self._relaunch()
        except ServerDidNotStart as exc:
            self.check.not_reached(f"the shared server stopped serving (see SEQ-1) and did not restart: {exc}")
        self.address = self.process.address
        self.check.server_output = self.process.output_tail
        self.skip_dropped_first()
        try:
            return open_connection(self.address, self.profile, self.settings, transcript)
        except ConnectFailed as exc:
            self.check.fail("a connection accepted by the (freshly restarted) server", str(exc))

    @contextlib.contextmanager
    def crowd(self, count: int, label: str) -> Iterator[List[Connection]]:
        """``count`` clients connected at the same time (PAR-2, STORE-5); a refused one fails the
        check. At the end they say goodbye, unless the check failed or was not reached: then they
        just close, since ``count`` goodbyes timing out one after the other would add up."""
        self.require_framing()
        self.skip_dropped_first()
        conns: List[Connection] = []
        ended_well = False
        try:
            for index in range(count):
                try:
                    conns.append(open_connection(self.address, self.profile, self.settings,
                                                 self.transcript(f"{label} {index}")))
                except ConnectFailed as exc:
                    self.refused(ConnectFailed(f"{label} {index}: {exc}"), f"{count} clients connected at the same time")
            yield conns
            ended_well = True
        finally:
            for conn in conns:
                if ended_well:
                    self.end(conn)
                else:
                    conn.close()

    @contextlib.contextmanager
    def paused(self) -> Iterator[bool]:
        """A launched server stopped for the duration (``ServerProcess.paused``); False (nothing
        paused) with --target, or where it cannot be paused."""
        if self.process is None:
            yield False
            return
        with self.process.paused() as paused:
            yield paused

    def exited_cleanly(self, timeout: float = EXIT_WINDOW) -> bool:
        """The launched server has exited with code 0 (it ended itself, it did not crash), within
        ``timeout`` (returns as soon as it exits)."""
        if self.process is None:
            return False
        try:
            return self.process.proc.wait(timeout=timeout) == 0
        except Exception:
            return False

    @contextlib.contextmanager
    def session(self, label: str = "", blame_seq1: bool = True) -> Iterator[Connection]:
        """A connection that is ended politely (fin, /bye) and closed whatever happens."""
        conn = self.connect(label, blame_seq1)
        try:
            yield conn
        finally:
            self.end(conn)

    def end(self, conn: Connection) -> bool:
        """End a session politely (see ``end_politely``); True if the server closed after it."""
        return end_politely(conn, self.step, self.operator if self.process is not None else None)

    def operator(self, line: str) -> None:
        """Step 4: type the operator's answer at the server's terminal."""
        if self.process is None:
            raise RuntimeError("the operator needs a server started by the suite")
        self.process.write_stdin(line)

    def exchange(self, conn: Connection, text: str, expect: wire.Expect = wire.ANY_REPLY,
                 operator_line: Optional[str] = None) -> wire.Reply:
        """Send a message and read the reply; on step 4, the operator answers ``operator_line``."""
        after = (lambda: self.operator(operator_line)) if operator_line is not None else None
        return conn.exchange(text, expect, after_send=after)

    def still_serves(self, label: str = "new client") -> Tuple[bool, str]:
        """Liveness: a new client gets a step-appropriate lenient exchange through."""
        self.skip_dropped_first()
        transcript = self.transcript(label)
        try:
            conn = open_connection(self.address, self.profile, self.settings, transcript)
        except ConnectFailed as exc:
            return False, f"a new client could not connect: {exc}"
        try:
            return self.lenient_exchanges(conn)
        finally:
            self.end(conn)

    def lenient_exchanges(self, conn: Connection, probes: Optional[Sequence[dialogue.Probe]] = None,
                          late_reply: bool = False) -> Tuple[bool, str]:
        """The step's opening exchange (and step 6's first command), or ``probes``, accepting any
        reply that carries the text sent (see ``run_probes``). Returns (ok, what went wrong)."""
        if probes is None:
            probes = [dialogue.opening_probe(self.step)] + dialogue.follow_up_probes(self.step)
        return run_probes(conn, probes, self.settings, self.operator if self.process is not None else None,
                          late_reply)

    def output_tail(self) -> str:
        return self.process.output_tail() if self.process is not None else ""
