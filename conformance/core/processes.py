"""A program under test (a student's server or client) as a process: started in a group of its own so
that it can be stopped with all its children on Linux, macOS and Windows, its output read in threads,
a line typed on its keyboard. Both sides use it: ``server_under_test.launcher`` for servers,
``client_under_test.process`` for clients.

A student's server may fork or start threads and subprocesses; stopping only the process we started
would leave its children holding the port. Where POSIX process groups exist (``os.killpg``), the
server gets its own session and the whole group gets SIGTERM, then SIGKILL. Windows has neither
process groups of that kind nor SIGKILL: the server gets ``CREATE_NEW_PROCESS_GROUP`` (so a Ctrl-C
typed at the student's terminal does not reach it) and ``taskkill /T /F`` ends it and every
process it started (the tree follows parent process IDs). Standard library only: ``taskkill`` ships
with every Windows, so the suite needs no compiled dependency such as psutil for this.
"""
from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, Iterator, List, NamedTuple, Set

BINDSHIM_DIR = Path(__file__).resolve().parent.parent / "bindshim"   # loaded first by every program under test
TAIL_CHARS = 3000
DRAIN_TIMEOUT = 3.0      # bound on reading what an exited program wrote before it exited
TERM_GRACE = 1.0     # seconds a server has to exit after SIGTERM before the group gets SIGKILL
KILL_WAIT = 2.0      # seconds to wait for the exit after a forced kill


def has_process_groups() -> bool:
    """True where POSIX process groups can be signalled (Linux, macOS), False on Windows."""
    return hasattr(os, "killpg")


def group_options() -> Dict[str, Any]:
    """``subprocess.Popen`` keyword arguments that put the new process at the head of its own group."""
    if has_process_groups():
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _signal_group(pid: int, number: int) -> None:
    try:
        os.killpg(pid, number)
    except (ProcessLookupError, PermissionError):
        pass


@contextlib.contextmanager
def paused_group(proc: "subprocess.Popen[bytes]") -> Iterator[bool]:
    """The group of a process started with ``group_options()`` stopped (SIGSTOP) for the duration of
    the ``with``, continued (SIGCONT) after it whatever happens. Yields False (nothing paused) where
    there are no process groups (Windows) or the process has exited."""
    if not has_process_groups() or proc.poll() is not None:
        yield False
        return
    _signal_group(proc.pid, signal.SIGSTOP)  # type: ignore[attr-defined]  # POSIX only
    try:
        yield True
    finally:
        _signal_group(proc.pid, signal.SIGCONT)  # type: ignore[attr-defined]  # POSIX only


def _taskkill_tree(pid: int) -> None:
    """Windows: end ``pid`` and its descendants. Bounded; a missing taskkill is not an error
    (the caller falls back to killing the process it started)."""
    try:
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(pid)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.SubprocessError):
        pass


def stop_tree(proc: "subprocess.Popen[bytes]", grace: float = TERM_GRACE) -> None:
    """Stop a process started with ``group_options()`` and everything it started; returns once the
    process has exited (or after a bounded wait if even a forced kill did not end it)."""
    if has_process_groups():
        _signal_group(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        # Always: the group may hold children that outlive the leader.
        _signal_group(proc.pid, signal.SIGKILL)  # type: ignore[attr-defined]  # POSIX only
    else:
        if proc.poll() is None:
            _taskkill_tree(proc.pid)
    if proc.poll() is None:
        proc.kill()
    try:
        proc.wait(timeout=KILL_WAIT)
    except subprocess.TimeoutExpired:
        pass


class OutputCapture:
    """Reads one of the server's output pipes in a thread, so the server never blocks on it."""

    def __init__(self, pipe, name: str) -> None:
        self.name = name
        self._data = bytearray()
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._pump, args=(pipe,), daemon=True,
                                        name=f"capture-{name}")
        self._thread.start()

    def _pump(self, pipe) -> None:
        try:
            while True:
                chunk = pipe.read1(65536) if hasattr(pipe, "read1") else pipe.read(65536)
                if not chunk:
                    break
                with self._cond:
                    if len(self._data) < 4 * 1024 * 1024:   # a flooding server: keep the head
                        self._data += chunk
                    self._cond.notify_all()
        except (OSError, ValueError):
            pass
        finally:
            with self._cond:
                self._cond.notify_all()

    def text(self) -> str:
        with self._cond:
            return bytes(self._data).decode("utf-8", errors="replace")

    def size(self) -> int:
        with self._cond:
            return len(self._data)

    def wait_for(self, needle: str, timeout: float, start: int = 0) -> bool:
        """Wait (bounded) until ``needle`` appears in the output after byte ``start``."""
        wanted = needle.encode("utf-8")
        deadline = time.monotonic() + timeout
        with self._cond:
            while wanted not in bytes(self._data[start:]):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._thread.is_alive():
                    return wanted in bytes(self._data[start:])
                self._cond.wait(remaining)
            return True

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)


def output_sections(role: str, captures: Iterable[OutputCapture], limit: int = TAIL_CHARS) -> List[str]:
    """``server stdout:`` (or ``client ...``) and the end of each captured stream, for failure messages."""
    parts = []
    for capture in captures:
        text = capture.text()
        if len(text) > limit:
            text = "..." + text[-limit:]
        parts.append(f"{role} {capture.name}:" + ("\n" + text.rstrip("\n") if text.strip() else " (empty)"))
    return parts


def type_line(proc: "subprocess.Popen[bytes]", line: str) -> bool:
    """Type a line (UTF-8, then ``\\n``) on a program's standard input; False if it no longer reads it."""
    try:
        assert proc.stdin is not None
        proc.stdin.write(line.encode("utf-8") + b"\n")
        proc.stdin.flush()
        return True
    except (OSError, ValueError):
        return False


def _close(pipe) -> None:
    try:
        if pipe is not None:
            pipe.close()
    except OSError:
        pass


def stop_with_pipes(proc: "subprocess.Popen[bytes]", captures: Iterable[OutputCapture]) -> None:
    """Stop a program under test and its children (``processes.stop_tree``), close its stdin, read
    what it wrote to the end (bounded), close its output pipes."""
    stop_tree(proc)
    _close(proc.stdin)
    for capture in captures:
        capture.join(DRAIN_TIMEOUT)
    _close(proc.stdout)
    _close(proc.stderr)


def command_argv(command: str, port: int, platform: str = os.name) -> List[str]:
    """The argv for a ``--server-cmd`` string, with ``{port}`` replaced, split as the platform's
    shell would (``split_command``)."""
    return [part.replace("{port}", str(port)) for part in split_command(command, platform)]


def split_command(command: str, platform: str = os.name) -> List[str]:
    """A command line as its platform splits it: POSIX shell words, or on Windows (``nt``) the C
    runtime's rules, where a backslash is a path separator (``python C:\\tp\\server.py`` keeps its
    backslashes) and only double quotes group."""
    return _windows_split(command) if platform == "nt" else shlex.split(command)


def join_command(argv: List[str], platform: str = os.name) -> str:
    """The command line that ``split_command`` splits back into ``argv`` on ``platform``."""
    return subprocess.list2cmdline(argv) if platform == "nt" else " ".join(shlex.quote(a) for a in argv)


def _windows_split(command: str) -> List[str]:
    """CommandLineToArgvW's rules: whitespace separates outside double quotes; 2n backslashes then a
    quote give n backslashes and a quote that opens or closes; 2n+1 give n and a literal quote;
    backslashes elsewhere are literal; ``""`` inside quotes is a literal quote."""
    args: List[str] = []
    current: List[str] = []
    in_quotes = token = False
    i, n = 0, len(command)
    while i < n:
        char = command[i]
        if char == "\\":
            j = i
            while j < n and command[j] == "\\":
                j += 1
            count = j - i
            if j < n and command[j] == '"':
                current.append("\\" * (count // 2))
                if count % 2:
                    current.append('"')
                    j += 1
            else:
                current.append("\\" * count)
            token, i = True, j
        elif char == '"':
            if in_quotes and i + 1 < n and command[i + 1] == '"':
                current.append('"')
                i += 2
            else:
                in_quotes, token, i = not in_quotes, True, i + 1
        elif char in " \t" and not in_quotes:
            if token:
                args.append("".join(current))
                current, token = [], False
            i += 1
        else:
            current.append(char)
            token, i = True, i + 1
    if token:
        args.append("".join(current))
    return args


_PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _tree(pid: int) -> List[int]:
    """`pid` and its living descendants (Linux's /proc/<pid>/task/<tid>/children); `[pid]`
    where the kernel does not list children."""
    found, todo = [], [pid]
    while todo and len(found) < 4096:  # a fork bomb is bounded by its cgroup; so is this walk
        p = todo.pop()
        found.append(p)
        try:
            for task in (_PROC / str(p) / "task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            pass
    return found


class TreeUsage(NamedTuple):
    used: float    # CPU seconds used so far, reaped children included
    wanting: bool  # a process of the tree is running, waiting for a CPU (R) or in the kernel (D)
    cpus: FrozenSet[int] = frozenset()  # the CPUs the wanting processes may run on


def tree_usage(pid: int) -> TreeUsage:
    """What the process tree of `pid` has had of the machine: user and system time of each
    process with its reaped children (/proc/<pid>/stat), and whether one of them wants the
    machine right now (state R: running or waiting for a CPU; D: waiting in the kernel, for a
    disk or a namespace being made), not sleeping by its own choice (S: `accept()`, `input()`,
    `sleep()`), and on which CPUs. (0, False) where /proc does not say (macOS, Windows). Why: a
    start timeout must measure the server's own time, not the time a busy machine kept it from
    running; sampled (wait_ready), a tree that wants the machine but gains no CPU time while
    others use those CPUs is kept from it (`kept_from_cpu`)."""
    used = 0.0
    wanting = False
    cpus: Set[int] = set()
    for p in _tree(pid):
        try:
            stat = (_PROC / str(p) / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if fields[0] in ("R", "D"):
                wanting = True
                cpus |= os.sched_getaffinity(p)
            used += sum(int(f) for f in fields[11:15]) / _TICKS
        except (OSError, ValueError, IndexError):
            pass
    return TreeUsage(used, wanting, frozenset(cpus))


def cpu_busy() -> Dict[int, float]:
    """Seconds each CPU has been busy since boot (/proc/stat: every column but idle; iowait
    counts as busy, a wait for the disk being no more the server's doing); {} where /proc does
    not say."""
    busy = {}
    try:
        lines = (_PROC / "stat").read_text().splitlines()
    except OSError:
        return busy
    for line in lines:
        name, *values = line.split()
        if name.startswith("cpu") and name[3:].isdigit():
            ticks = [int(v) for v in values[:8]]
            busy[int(name[3:])] = (sum(ticks) - ticks[3]) / _TICKS
    return busy


def kept_from_cpu(wall: float, gained: float, cpus: FrozenSet[int], before: Dict[int, float],
                  after: Dict[int, float]) -> float:
    """Of `wall` seconds in which the tree wanted to run and gained `gained` seconds of CPU, the
    part others kept it from running: the time it did not run, times the share of the rest of
    its CPUs' time that others used meanwhile. A tree that waits for its own processes (a fork
    bomb, a sleeping crowd) on otherwise idle CPUs is kept from nothing: its start is its own
    doing."""
    lost = max(0.0, wall - gained)
    mine = [c for c in cpus if c in before and c in after]
    if not mine or lost == 0:
        return lost  # the machine does not say: the tree's own view
    others = sum(after[c] - before[c] for c in mine) - gained
    room = len(mine) * wall - gained  # what others could have had of those CPUs
    return lost if room <= 0 else lost * min(1.0, max(0.0, others) / room)
