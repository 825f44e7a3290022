"""The server under test, as the checks see it: where it is, how it frames, how to talk to it.

``Pool`` (one per xdist worker) owns the servers the suite starts: one shared server per step for
ordinary checks (replaced after a failed check, so one fault stays one failed clause), a fresh one
for disruptive checks, step 4 and the one-shot steps 1-2. ``ServerUnderTest`` is what a check gets.
In --target mode there is one server, shared by all workers: the per-target facts (framing,
greeting) are detected once and cached in a file next to the locks.
"""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from filelock import FileLock

from conformance import dialogue, wire
from conformance.client import Connection, ConnectFailed, Profile
from conformance.launcher import ServerDidNotStart, ServerProcess, launch
from conformance.settings import Settings
from conformance.transcript import Transcript
from conformance.verdict import Check

LOCK_TIMEOUT = 600.0


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
    """Connect and read the greeting if the server greets."""
    conn = Connection(address, profile.framing, settings.reply_timeout, settings.quiet_gap, transcript)
    conn.open()
    conn.read_greeting(profile.greets)
    return conn


def end_politely(conn: Connection, step: int, operator: Optional[Callable[[str], None]] = None) -> bool:
    """End a session the way a well-behaved client does (fin, /bye), wait (bounded) for the close.
    True if the closing message was sent and the server then closed the connection.

    Step 4: a server that waits for its operator even after ``fin`` (CHAT-3's fault) gets a line on
    its stdin, as a person would type, so that the next client is not blamed on it.
    """
    try:
        if (conn.sock is not None and not conn.closed_by_server and not conn.reset_by_server
                and not conn.unresponsive):
            message = dialogue.closing_message(step)
            if message is not None and conn.framing is not None and conn.send(message):
                outcome, _ = conn.wait_closed()
                if outcome == "timeout" and operator is not None:
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
    for probe in probes:
        if probe.operator_line is not None and operator is None:
            return True, ""
        if probe.reply_optional:
            if not conn.send(probe.text):
                return False, f"the connection was gone before {probe.text!r} could be sent"
            reply = conn.read_reply(probe.expect, timeout=optional_reply_wait(settings))
            if reply.ending in (wire.EOF, wire.RESET):
                return False, f"sent {probe.text!r} and got {reply.describe()}"
            late = not reply.received
            continue
        after = (lambda line=probe.operator_line: operator(line)) if probe.operator_line is not None else None
        reply = conn.exchange(probe.text, probe.expect, after_send=after)
        if (not probe.accept(reply) and late and reply.received
                and reply.ending not in (wire.EOF, wire.RESET, wire.OVERFLOW)):
            reply = conn.read_reply(probe.expect, note="after a late reply to the message before")
        if not probe.accept(reply):
            return False, f"sent {probe.text!r} and got {reply.describe()} (expected {probe.describe})"
        late = False
    return True, ""


def detect_profile(step: int, address: Tuple[str, int], settings: Settings, transcript: Transcript,
                   operator: Optional[Callable[[str], None]] = None) -> Tuple[Profile, wire.Reply]:
    """Find the framing (spec section 3) and whether the server greets, on one polite session."""
    forced = None if settings.framing == "auto" else settings.framing
    conn = Connection(address, forced, settings.reply_timeout, settings.quiet_gap, transcript)
    conn.open()
    try:
        greeting = conn.read_greeting(None)
        greets = greeting is not None
        if greeting is not None and greeting.ending == wire.OVERFLOW:
            return Profile(None, greets, "the server sent more than 64 KiB before the client said anything"), greeting
        probe = dialogue.opening_probe(step)
        after = (lambda: operator(probe.operator_line)) if operator and probe.operator_line else None
        follow_up = dialogue.follow_up_probes(step)
        fallback = (follow_up[0].text, follow_up[0].expect) if probe.reply_optional and follow_up else None
        if forced:
            reply = conn.exchange(probe.text, probe.expect, after_send=after)
            if not reply.received and reply.ending == wire.TIMEOUT and fallback is not None:
                reply = conn.exchange(*fallback)
            framing = forced if reply.received else None
        else:
            framing, reply = conn.detect_framing(probe.text, probe.expect, after_send=after, fallback=fallback)
        if framing is None:
            sent = repr(probe.text) + (f" nor to {fallback[0]!r}" if fallback else "")
            why = (f"no reply to {sent} in {forced} framing" if forced else
                   f"no reply to {sent}, neither without terminator (raw framing) nor after '\\n'"
                   " (line framing)")
            return Profile(None, greets, f"{why}: {reply.describe()}"), reply
        if reply.ending == wire.OVERFLOW:
            return Profile(None, greets, f"the reply to {probe.text!r} never ended: {reply.describe()}"), reply
        return Profile(framing, greets), reply
    finally:
        end_politely(conn, step, operator)


class Pool:
    """The servers this worker started (command and reference modes), and what it learned."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._shared: Dict[int, ServerProcess] = {}
        self._start_errors: Dict[int, str] = {}
        self.profiles: Dict[int, Tuple[Profile, str]] = {}     # step -> (profile, detection transcript)

    def start(self, step: int) -> ServerProcess:
        """A new server for ``step``; a start failure is remembered, so later checks fail at once."""
        if step in self._start_errors:
            raise ServerDidNotStart(self._start_errors[step])
        try:
            return launch(self.settings.server_command(step), self.settings.start_timeout,
                          cwd=self.settings.server_cwd)
        except ServerDidNotStart as exc:
            self._start_errors[step] = str(exc)
            raise

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
            server.stop()

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
            self.profiles[step] = (profile, transcript.render())
        return self.profiles[step]

    def close(self) -> None:
        for step in list(self._shared):
            self.retire(step)


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
                "transcript": transcript.render()}

    data = cached_json(shared_dir(config), f"profile-{settings.key(step)}", compute)
    return Profile(data["framing"], data["greets"], data["problem"]), data["transcript"]


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
        """Checks other than FRAME-1 cannot talk to a server whose framing is unknown."""
        if self.profile.framing is None:
            self.check.not_reached(f"no framing found (see FRAME-1): {self.profile.problem}")

    def transcript(self, label: str = "") -> Transcript:
        self._count += 1
        return self.check.attach(Transcript(label or f"connection {self._count}"))

    def connect(self, label: str = "") -> Connection:
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
        transcript = self.transcript(label)
        shared = self.process is not None and self._relaunch is not None
        try:
            if not (shared and self._count == 1):
                return open_connection(self.address, self.profile, self.settings, transcript)
            conn = Connection(self.address, self.profile.framing, self.settings.reply_timeout,
                              self.settings.quiet_gap, transcript)
            conn.open()
            if self.process.accepted_all(self.settings.reply_timeout):
                conn.read_greeting(self.profile.greets)
                return conn
            conn.close()     # queued, and the server stopped listening: it would be reset unserved
            transcript.event("the shared server stopped listening before accepting this connection")
        except ConnectFailed as exc:
            if not shared:
                self.check.fail("a connection accepted by the server", str(exc))
        transcript.event("the shared server, which served earlier clients, no longer takes new ones"
                         " (see SEQ-1): stopped and restarted")
        try:
            self.process = self._relaunch()
        except ServerDidNotStart as exc:
            self.check.not_reached(f"the shared server stopped serving (see SEQ-1) and did not restart: {exc}")
        self.address = self.process.address
        self.check.server_output = self.process.output_tail
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
        conns: List[Connection] = []
        ended_well = False
        try:
            for index in range(count):
                try:
                    conns.append(open_connection(self.address, self.profile, self.settings,
                                                 self.transcript(f"{label} {index}")))
                except ConnectFailed as exc:
                    self.check.fail(f"{count} clients connected at the same time", f"{label} {index}: {exc}")
            yield conns
            ended_well = True
        finally:
            for conn in conns:
                if ended_well:
                    self.end(conn)
                else:
                    conn.close()

    def exited_cleanly(self, timeout: Optional[float] = None) -> bool:
        """The launched server has exited with code 0 (it ended itself, it did not crash), within
        ``timeout`` (default: the quiet gap; returns as soon as it exits)."""
        if self.process is None:
            return False
        try:
            return self.process.proc.wait(timeout=self.settings.quiet_gap if timeout is None else timeout) == 0
        except Exception:
            return False

    @contextlib.contextmanager
    def session(self, label: str = "") -> Iterator[Connection]:
        """A connection that is ended politely (fin, /bye) and closed whatever happens."""
        conn = self.connect(label)
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
