"""One client check's session: the played server, a fresh client pointed at it, and the evidence.

The ``client_session`` fixture (conformance/plugin.py) gives each client check one of these; the
check types lines, receives the client's messages, replies, and reads what the client printed and
how it ended. What is not the check's clause is never judged here: a client that ends or falls
silent before the check gets to its point makes it "not reached", and the fixture stops the client
(whatever state it is in) when the check is over.
"""
from __future__ import annotations

from typing import List, Optional

from conformance.client_under_test.played_server import Message, PlayedServer
from conformance.client_under_test.process import ClientDidNotStart, ClientProcess, has_traceback
from conformance.client_under_test.script import Script, script
from conformance.core.settings import Settings
from conformance.core.transcript import Transcript
from conformance.core.verdict import Check

FLOOD_LINES = 100     # more lines than this printed after the server closed: a flood (CLIENT-5)
NOT_PRINTING = "the client does not print a reply sent whole (see CLIENT-2)"


def probe_start(settings: Settings, step: int) -> None:
    """Start the client once before any check: ClientDidNotStart (with its exit code and output) if
    it exits before it connects to the played server (it does not compile, an empty file...). A
    client that connects, or is still running at the start timeout, has started."""
    transcript = Transcript("start")
    server = PlayedServer(settings.framing, transcript, settings.quiet_gap)
    client = ClientProcess(settings.client_cmd or "", server.port, settings.client_cwd)
    try:
        if step != 1:
            client.type(script(step).first_line)
        if server.accept(settings.start_timeout, client.alive) or client.alive():
            return
        code = client.wait_exit(settings.start_timeout)
        raise ClientDidNotStart(f"the client exited with code {code} before connecting\n{client.output()}")
    finally:
        client.stop()
        server.close()


class ClientSession:
    """The suite as the server (and the person at the client's keyboard) for one check."""

    def __init__(self, settings: Settings, step: int, check: Check) -> None:
        assert settings.client_cmd is not None
        self.settings = settings
        self.step = step
        self.check = check
        self.script: Script = script(step)
        self.transcript = check.attach(Transcript(
            f"step {step} client ({settings.framing} framing); C> the client sent, S> the suite (its server) sent"))
        self.server = PlayedServer(settings.framing, self.transcript, settings.quiet_gap)
        self.client: Optional[ClientProcess] = None
        self._typed_ahead: Optional[str] = None
        check.framing = settings.framing
        check.server_output = self.output

    # -- starting ----------------------------------------------------------------------------
    def launch(self, port: Optional[int] = None) -> ClientProcess:
        """Start the client, its ``connect()`` sent to ``port`` (default: the played server)."""
        self.client = ClientProcess(self.settings.client_cmd or "", self.server.port if port is None else port,
                                    self.settings.client_cwd)
        return self.client

    def open(self) -> None:
        """Start the client, type its first line (steps 2-8: a client may ask before it connects) and
        wait for its connection."""
        client = self.launch()
        if self.step != 1:
            self.type(self.script.first_line)
            self._typed_ahead = self.script.first_line
        if not self.server.accept(self.settings.start_timeout, client.alive):
            code = client.proc.poll()
            _ = self.check._
            self.check.not_reached(
                _("the client did not connect (exited with code {code})", code=code) if code is not None else
                _("the client did not connect within {timeout} s", timeout=f"{self.settings.start_timeout:g}"))

    def open_session(self) -> None:
        """``open``, then the opening exchanges (step 6's pseudo and welcome): the client is then
        ready for an ordinary line."""
        self.open()
        for typed, reply in self.script.opening:
            self.exchange(typed, reply)

    # -- talking -------------------------------------------------------------------------------
    def type(self, line: str) -> None:
        assert self.client is not None
        self.transcript.event(f"typed on the client's standard input: {line!r}")
        if not self.client.type(line):
            self.transcript.event("the client no longer reads its standard input")

    def send_line(self, line: str) -> Message:
        """Type ``line`` (unless it was typed ahead) and receive the client's message for it."""
        if self._typed_ahead == line:
            self._typed_ahead = None
        else:
            self.type(line)
        return self.server.receive(self.settings.reply_timeout, line)

    def exchange(self, line: str, reply: str) -> Message:
        """Type ``line``, receive the client's message (not judged: CLIENT-1's business), reply."""
        message = self.send_line(line)
        if not message.data:
            self.not_reached_silent(line)
        self.server.reply(reply)
        return message

    def exchange_printed(self, line: str, reply: str) -> None:
        """``exchange``, then wait until the client has printed the reply: a client that does not
        read replies cannot see what a check then does through them (the server closing, a reply in
        pieces, the operator's ``fin``), so such a check is not reached (CLIENT-2's fault)."""
        self.exchange(line, reply)
        if not self.printed(reply):
            self.check.not_reached(NOT_PRINTING)

    def not_reached_silent(self, line: str) -> None:
        """The client sent nothing for a typed line: not this check's clause."""
        assert self.client is not None
        code = self.client.proc.poll()
        _ = self.check._
        self.check.not_reached(
            _("the client sent nothing for the typed line {line} (see CLIENT-1)", line=repr(line)) if code is None
            else _("the client ended (exit code {code}) before sending the typed line {line}", code=code,
                   line=repr(line)))

    def printed(self, text: str) -> bool:
        """Wait (bounded by the reply timeout) until the client has printed ``text`` on one line."""
        assert self.client is not None
        return self.client.wait_printed(text, self.settings.reply_timeout)

    # -- ending --------------------------------------------------------------------------------
    def ending_problems(self, timeout: float, lines_before: Optional[int] = None) -> List[str]:
        """How the client failed to end properly within ``timeout``: still running, a non-zero exit
        code, a traceback, a flood of output (more than FLOOD_LINES lines since ``lines_before``).
        Empty when it ended with exit code 0 and nothing wrong."""
        assert self.client is not None
        _ = self.check._
        code = self.client.wait_exit(timeout)
        problems = []
        if code is None:
            problems.append(_("still running {timeout} s later", timeout=f"{timeout:g}"))
        elif code != 0:
            problems.append(_("exit code {code}", code=code))
        if has_traceback(self.client.stdout.text() + self.client.stderr.text()):
            problems.append(_("a traceback"))
        if lines_before is not None and self.client.stdout.text().count("\n") - lines_before > FLOOD_LINES:
            problems.append(_("a flood of output"))
        if code is not None:
            self.transcript.event(f"the client exited with code {code}")
        return problems

    def printed_lines(self) -> int:
        assert self.client is not None
        return self.client.stdout.text().count("\n")

    # -- evidence ------------------------------------------------------------------------------
    def output(self) -> str:
        return self.client.output() if self.client is not None else ""

    def close(self) -> None:
        """Stop the client (however it is doing) and the played server."""
        try:
            if self.client is not None:
                self.client.stop()
        finally:
            self.server.close()
