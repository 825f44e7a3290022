"""Starting a server so that it can be stopped with all its children, on Linux, macOS and Windows.

A student's server may fork or start threads and subprocesses; stopping only the process we started
would leave its children holding the port. Where POSIX process groups exist (``os.killpg``), the
server gets its own session and the whole group gets SIGTERM, then SIGKILL. Windows has neither
process groups of that kind nor SIGKILL: the server gets ``CREATE_NEW_PROCESS_GROUP`` (so a Ctrl-C
typed at the student's terminal does not reach it) and ``taskkill /T /F`` ends it and every
process it started (the tree follows parent process IDs). Standard library only: ``taskkill`` ships
with every Windows, so the suite needs no compiled dependency such as psutil for this.
"""
from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Any, Dict, List, NamedTuple

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


def tree_usage(pid: int) -> TreeUsage:
    """What the process tree of `pid` has had of the machine: user and system time of each
    process with its reaped children (/proc/<pid>/stat), and whether one of them wants the
    machine right now (state R: running or waiting for a CPU; D: waiting in the kernel, for a
    disk or a namespace being made), not sleeping by its own choice (S: `accept()`, `input()`,
    `sleep()`). (0, False) where /proc does not say (macOS, Windows). Why: a start timeout must
    measure the server's own time, not the time a busy machine kept it from running; sampled
    (wait_ready), a tree that wants the machine but gains no CPU time is kept from it."""
    used = 0.0
    wanting = False
    for p in _tree(pid):
        try:
            stat = (_PROC / str(p) / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            wanting = wanting or fields[0] in ("R", "D")
            used += sum(int(f) for f in fields[11:15]) / _TICKS
        except (OSError, ValueError, IndexError):
            pass
    return TreeUsage(used, wanting)
