"""What Linux's /proc says about a server's process tree and the kernel's listen queues.

Peak memory is ``VmHWM`` (the high-water mark of the resident set) summed over the process and its
descendants, read just before the server is stopped: the bench starts a fresh server for every
measurement, so the mark is that measurement's peak. Every reader returns None where there is no
/proc (macOS, Windows): the figure is then shown as unknown, not guessed.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List, Optional

PROC = Path("/proc")


def _parent_of(pid: int) -> Optional[int]:
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])   # the command may hold spaces and ')'


def process_tree(pid: int) -> List[int]:
    """``pid`` and every live descendant of it."""
    children: Dict[int, List[int]] = {}
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if entry.name.isdigit():
            parent = _parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def peak_rss(pid: int) -> Optional[int]:
    """Bytes: the sum of ``VmHWM`` over the process tree of ``pid`` (None without /proc)."""
    total, seen = 0, False
    for member in process_tree(pid):
        try:
            lines = (PROC / str(member) / "status").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) * 1024
                seen = True
    return total if seen else None


def cpu_seconds(pid: int) -> Optional[float]:
    """User + system CPU seconds used so far by the process tree of ``pid`` (None without /proc).
    Counted in clock ticks (usually 10 ms): meaningful over seconds of work, not milliseconds."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total, seen = 0.0, False
    for member in process_tree(pid):
        try:
            fields = (PROC / str(member) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks   # utime, stime
        seen = True
    return total if seen else None


def thread_count(pid: int) -> Optional[int]:
    """Threads of the process ``pid`` right now (None without /proc)."""
    try:
        return len(os.listdir(PROC / str(pid) / "task"))
    except OSError:
        return None


def listen_overflows() -> Optional[int]:
    """The kernel's count of connections dropped because a listen queue was full (whole machine,
    since boot: compare two readings)."""
    try:
        lines = (PROC / "net" / "netstat").read_text().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2]):
        if names.startswith("TcpExt:"):
            table = dict(zip(names.split()[1:], values.split()[1:]))
            if "ListenOverflows" in table:
                return int(table["ListenOverflows"])
    return None
