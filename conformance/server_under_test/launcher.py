"""Starting a server under test (``--server-cmd`` or the bundled reference) and stopping it.

Contract (ARCHITECTURE.md): free loopback port P; ``{port}`` and env ``PORT`` carry it; the bind
shim (``bindshim/sitecustomize.py`` first on PYTHONPATH) moves any ``bind()`` onto it and writes
the ready file after ``listen()``. Readiness = ready file or a LISTEN socket on P in
``/proc/net/tcp{,6}`` (Linux only; elsewhere the ready file alone) while the process lives; never a
``connect()`` probe, never a fixed sleep. The server runs in the folder the suite was started from
(``--server-cwd``) and in its own process group, stopped with its children in ``stop()``
(``conformance.core.processes``: POSIX groups, or a process tree on Windows).
"""
from __future__ import annotations

import contextlib
import itertools
import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from conformance.core.processes import (BINDSHIM_DIR, DRAIN_TIMEOUT, TAIL_CHARS, OutputCapture, command_argv, cpu_busy,
                                         group_options, kept_from_cpu, output_sections, paused_group,
                                         stop_with_pipes, tree_usage, type_line)

PROC_NET_DIR = Path("/proc/net")    # Linux's socket tables; absent on macOS and Windows
PROC_EVERY = 5          # wait_ready: /proc/net/tcp{,6} read every 5th poll (every 0.1 s)
EXIT_SETTLE = 0.2        # seconds a failure report gives a server that is dying to finish exiting
_LISTEN_STATE = "0A"
# wait_ready's bound is the server's own time: wall time minus the machine's, the time its
# processes wanted to run (or waited in the kernel) without getting a CPU while others used it (a
# busy machine, a classmate's load; not its own crowd of processes), extended up to this many times the start timeout; a server whose processes
# used the start timeout in CPU time had its chance. Past the extension, the verdict says
# BUSY_MACHINE: the grader retries it and never keeps it as a grade.
START_EXTENSION = 6.0
BUSY_MACHINE = "the machine was too busy to judge the start"
WAITED_FOR_CPU = "of them waiting for the machine"  # a start timeout's verdict, when it was so


class ServerDidNotStart(Exception):
    """The server exited, or never listened, within the start timeout."""


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> Iterator[Tuple[str, str, int]]:
    """The LISTEN sockets on ``port`` in /proc/net/tcp{,6}: (table, local address in hex, number
    of connections waiting in its accept queue, the ``rx_queue`` column of a listening socket)."""
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC_NET_DIR / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 4 and fields[3] == _LISTEN_STATE and fields[1].rsplit(":", 1)[-1] == f"{port:04X}":
                yield table, fields[1], int(fields[4].split(":")[1], 16)


def accept_queue(port: int) -> Optional[int]:
    """How many connections wait in the accept queue of the LISTEN socket on ``port``, or None if
    nothing listens."""
    queues = [queued for _, _, queued in _listening(port)]
    return sum(queues) if queues else None


def _connection_open(port: int, peer_port: int) -> Optional[bool]:
    """Is the server's side of the connection from local port ``peer_port`` to ``port`` still in
    /proc/net/tcp{,6}? (A socket the kernel has closed, on a reset for one, leaves the table.)
    None where the tables cannot be read."""
    found, readable = False, False
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC_NET_DIR / table).read_text().splitlines()[1:]
        except OSError:
            continue
        readable = True
        for line in lines:
            fields = line.split()
            if (len(fields) > 3 and fields[3] != _LISTEN_STATE and fields[1].rsplit(":", 1)[-1] == f"{port:04X}"
                    and fields[2].rsplit(":", 1)[-1] == f"{peer_port:04X}"):
                found = True
    return found if readable else None


def listening_host(port: int) -> Optional[str]:
    """The loopback host to reach a LISTEN socket on ``port``, else None."""
    for table, local, _ in sorted(_listening(port)):      # "tcp" (IPv4) before "tcp6"
        if table == "tcp" or local.startswith("0000000000000000FFFF0000"):
            return "127.0.0.1"      # IPv4, or v4-mapped: reachable on 127.0.0.1
        return "::1"
    return None


class ServerProcess:
    """A running server under test."""

    def __init__(self, command: str, argv: List[str], port: int, ready_dir: str,
                 cwd: Optional[str] = None) -> None:
        self.command = command
        self.port = port
        self.host = "127.0.0.1"
        self._ready_dir = ready_dir
        self.ready_file = os.path.join(ready_dir, "ready")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(BINDSHIM_DIR)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        env.update(PORT=str(port), CANADUCK_BIND_PORT=str(port), CANADUCK_READY_FILE=self.ready_file,
                   PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=cwd, **group_options())
        self.stdout = OutputCapture(self.proc.stdout, "stdout")
        self.stderr = OutputCapture(self.proc.stderr, "stderr")
        self._stopped = False
        self.contacted = False      # a client connected to it already (framing detection, a check)

    @property
    def address(self):
        return (self.host, self.port)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_ready(self, timeout: float) -> None:
        """Block until the server listens; raise ServerDidNotStart if it exits or takes too long:
        `timeout` seconds of its own time (see START_EXTENSION)."""
        started = last = time.monotonic()
        deadline = started + timeout
        self._machine = 0.0
        used, busy = 0.0, cpu_busy()
        for poll in itertools.count():
            tables = poll % PROC_EVERY == PROC_EVERY - 1
            if self._listening(tables):
                return
            if tables:  # every PROC_EVERY polls: the time the tree wanted the machine and
                # got no CPU, because others had it
                now, usage, busy_now = time.monotonic(), tree_usage(self.proc.pid), cpu_busy()
                if usage.wanting:
                    self._machine += kept_from_cpu(now - last, usage.used - used, usage.cpus,
                                                   busy, busy_now)
                last, used, busy = now, usage.used, busy_now
            code = self.proc.poll()
            if code is not None:
                self.stdout.join(1.0)
                self.stderr.join(1.0)
                raise ServerDidNotStart(f"the server exited with code {code} before listening"
                                        f"\n{self.output_tail()}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                deadline = self._own_deadline(started, timeout)
                remaining = deadline - time.monotonic()
            if remaining <= 0:
                if self._listening(True):  # listening by now: the poll was late, not the server
                    return
                raise ServerDidNotStart(self._late(started, timeout))
            try:      # an event wait: returns at once if the server exits
                self.proc.wait(timeout=min(0.02, remaining))
            except subprocess.TimeoutExpired:
                pass

    def _listening(self, read_tables: bool) -> bool:
        """The ready file, or (`read_tables`) a LISTEN socket on the port; sets the host."""
        if os.path.exists(self.ready_file):
            lines = Path(self.ready_file).read_text().split()
            if len(lines) > 1:
                self.host = lines[1]
            return True
        # the socket tables, the fallback for servers the shim cannot see, cost milliseconds a
        # read on a busy machine: read them every PROC_EVERY polls only
        host = listening_host(self.port) if read_tables else None
        if host is not None:
            self.host = host
            return True
        return False

    def _own_deadline(self, started: float, timeout: float) -> float:
        """The start deadline once the machine's time is added (at most START_EXTENSION ×
        timeout); none once the server's processes used `timeout` of CPU time."""
        if tree_usage(self.proc.pid).used >= timeout:
            return started + timeout
        return started + timeout + min(self._machine, START_EXTENSION * timeout)

    def _late(self, started: float, timeout: float) -> str:
        used, machine = tree_usage(self.proc.pid).used, self._machine
        wall = time.monotonic() - started
        busy = (f"; {BUSY_MACHINE}: {machine:.1f} s of {wall:.1f} s waiting for it"
                if used < timeout and machine >= START_EXTENSION * timeout else "")
        own = (f" of its own time ({wall:.1f} s of wall time, {machine:.1f} s {WAITED_FOR_CPU}"
               f"{busy})" if machine >= 0.5 else "")
        return (f"the server bound nothing within {timeout:g} s{own} (expected a listening socket"
                f" on port {self.port})\n{self.output_tail()}")

    def accepted_all(self, timeout: float) -> bool:
        """Wait (bounded) until the server has accepted every connection made to it so far.
        False as soon as it no longer listens (or has exited): connections still in its queue
        are then dropped unserved. True if they are still queued at ``timeout`` (undecided)."""
        if not (PROC_NET_DIR / "tcp").is_file():
            return True     # no /proc (macOS, Windows): the queue cannot be seen, so undecided
        deadline = time.monotonic() + timeout
        while True:
            queued = accept_queue(self.port)
            if queued is None or self.proc.poll() is not None:
                return False
            remaining = deadline - time.monotonic()
            if queued == 0 or remaining <= 0:
                return True
            try:      # an event wait: returns at once if the server exits
                self.proc.wait(timeout=min(0.01, remaining))
            except subprocess.TimeoutExpired:
                pass

    @contextlib.contextmanager
    def paused(self) -> Iterator[bool]:
        """The server stopped (SIGSTOP to its group) for the duration, then continued: what a client
        does meanwhile reaches the server's kernel before the server can act on it (ROBUST-2 drives
        a reply into a reset that way). Yields False where it cannot be paused."""
        with paused_group(self.proc) as paused:
            yield paused

    def wait_connection_closed(self, peer_port: int, timeout: float) -> bool:
        """Wait (bounded) until the kernel has closed the server's side of the connection from local
        port ``peer_port`` (its reset arrived). True once it has, or where that cannot be seen."""
        deadline = time.monotonic() + timeout
        while _connection_open(self.port, peer_port):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(0.005, remaining))      # a kernel state, not a process: nothing to wait on
        return True

    def write_stdin(self, line: str) -> bool:
        """Type a line at the server's terminal (step 4's operator). False if the pipe is closed."""
        return type_line(self.proc, line)

    def output_tail(self, limit: int = TAIL_CHARS) -> str:
        """The end of the server's stdout and stderr, for failure messages.

        A check often fails because the server is crashing: its traceback is still on its way
        through the pipe. So wait briefly for an exit, and once it has exited read the pipes to
        their end (bounded) before taking the text, so the traceback is never missing."""
        try:
            self.proc.wait(timeout=EXIT_SETTLE)
        except subprocess.TimeoutExpired:
            pass
        if self.proc.poll() is not None:
            self.stdout.join(DRAIN_TIMEOUT)
            self.stderr.join(DRAIN_TIMEOUT)
        return "\n".join(output_sections("server", (self.stdout, self.stderr), limit))

    def stop(self) -> None:
        """Stop the server and its children (``processes.stop_tree``); close the pipes."""
        if self._stopped:
            return
        self._stopped = True
        stop_with_pipes(self.proc, (self.stdout, self.stderr))
        for name in ("ready", "ready.tmp"):
            try:
                os.unlink(os.path.join(self._ready_dir, name))
            except OSError:
                pass
        try:
            os.rmdir(self._ready_dir)
        except OSError:
            pass


def launch(command: str, start_timeout: float, attempts: int = 3, cwd: Optional[str] = None) -> ServerProcess:
    """Start ``command`` in folder ``cwd`` (None: ours) on a free loopback port and wait until it
    listens.

    Retries on another port when the chosen one was taken in between (another worker's server).
    """
    last_error: Optional[ServerDidNotStart] = None
    for _ in range(attempts):
        port = free_port()
        server = ServerProcess(command, command_argv(command, port), port, tempfile.mkdtemp(prefix="canaduck-"),
                               cwd)
        try:
            server.wait_ready(start_timeout)
            return server
        except ServerDidNotStart as exc:
            server.stop()
            last_error = exc
            if "Address already in use" not in str(exc):
                raise
        except BaseException:
            server.stop()
            raise
    assert last_error is not None
    raise last_error
