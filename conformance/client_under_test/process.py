"""A client under test (``--client-cmd``): started fresh for each check, typed at, read, stopped.

Like a server under test (``conformance.server_under_test.launcher``), it runs in the folder the suite was started
from (``--client-cwd`` for another), in its own process group (``conformance.core.processes``), stopped
with its children in ``stop()``; ``{port}`` and env ``PORT`` carry the played server's port, and the
bind shim (first on PYTHONPATH) sends its TCP ``connect()`` there through env
``CANADUCK_CONNECT_PORT``, so a hard-coded ``("localhost", 63000)`` or a LAN address reaches the
suite. Its stdout and stderr are read in background threads; every wait is bounded and ends on the
event it waits for (a text printed, the process exiting).

What a verdict reads in the output is sans-I/O: ``has_traceback``, ``printed_on_one_line``.
"""
from __future__ import annotations

import os
import subprocess
import time
from typing import Callable, Optional

from conformance.core.processes import (BINDSHIM_DIR, OutputCapture, command_argv, group_options, output_sections,
                                         stop_with_pipes, type_line)

TRACEBACK = "Traceback (most recent call last)"
POLL = 0.01      # seconds between two looks at several event sources at once (output, exit)
EXIT_DRAIN = 3.0  # bound on reading what an exited client wrote before it exited


class ClientDidNotStart(Exception):
    """The client exited before it connected (it does not compile, an empty file...)."""


def has_traceback(output: str) -> bool:
    """A Python traceback in the client's output (a crash, whatever its exit code)."""
    return TRACEBACK in output


def printed_on_one_line(stdout: str, text: str) -> bool:
    """``text`` is on one line of ``stdout``, whatever is printed around it (a prompt, a prefix)."""
    return any(text in line for line in stdout.splitlines())


class ClientProcess:
    """A running client under test, connecting to ``connect_port``."""

    def __init__(self, command: str, connect_port: int, cwd: Optional[str] = None) -> None:
        env = {key: value for key, value in os.environ.items()
               if key not in ("CANADUCK_BIND_PORT", "CANADUCK_READY_FILE")}
        env["PYTHONPATH"] = os.pathsep.join([str(BINDSHIM_DIR)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        env.update(PORT=str(connect_port), CANADUCK_CONNECT_PORT=str(connect_port),
                   PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
        self.proc = subprocess.Popen(command_argv(command, connect_port), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                                     **group_options())
        self.stdout = OutputCapture(self.proc.stdout, "stdout")
        self.stderr = OutputCapture(self.proc.stderr, "stderr")
        self.stopped_by_suite = False

    def alive(self) -> bool:
        return self.proc.poll() is None

    def type(self, line: str) -> bool:
        """Type a line on the client's standard input; False if it no longer reads it."""
        return type_line(self.proc, line)

    def wait_exit(self, timeout: float) -> Optional[int]:
        """The exit code once the client has ended (its output read to the end), or None if it
        still runs after ``timeout``."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self.stdout.join(EXIT_DRAIN)
        self.stderr.join(EXIT_DRAIN)
        return code

    def wait_printed(self, text: str, timeout: float) -> bool:
        """Wait (bounded) until ``text`` appears on one line of stdout."""
        return self.stdout.wait_for(text, timeout) and printed_on_one_line(self.stdout.text(), text)

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Wait (bounded) until ``condition()`` holds or the client exits; return ``condition()``."""
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.alive():
                return condition()
            try:      # an event wait: returns at once if the client exits
                self.proc.wait(timeout=min(POLL, remaining))
            except subprocess.TimeoutExpired:
                pass
        return True

    def output(self) -> str:
        """The client's stdout, stderr and exit code, for failure messages."""
        parts = output_sections("client", (self.stdout, self.stderr))
        code = self.proc.poll()
        parts.append("client exit code: " + ("stopped by the suite" if self.stopped_by_suite
                                             else "still running" if code is None else str(code)))
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop the client and its children (if still running); close the pipes."""
        if self.proc.poll() is None:
            self.stopped_by_suite = True
        stop_with_pipes(self.proc, (self.stdout, self.stderr))
