"""Shared builders for the grader's tests: a hand-written suite results JSON and model objects.

Used while the suite is not needed (writers, scoring) so those tests run in milliseconds.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

HOSTILE = "<script>document.title='pwned'</script><img id=pwned src=x onerror=alert(1)>```&amp;"


def check(clause: str, outcome: str, level: str = "MUST", step: int = 3, **extra: str) -> Dict:
    base = {"nodeid": f"conformance/test_x.py::test_{clause.lower()}[step{step}]",
            "clause": clause, "level": level, "step": step, "outcome": outcome, "message": "",
            "transcript": "", "server_output": "", "duration": 0.01}
    base.update(extra)
    return base


def results_json(checks: List[Dict], started: bool = True, start_error: str = None) -> Dict:
    return {"schema": "canaduck-results/1", "target": "127.0.0.1:40000", "server_cmd": "x",
            "steps": [3], "framing": "raw", "started": started, "start_error": start_error,
            "checks": checks}


PR_SET_CHILD_SUBREAPER = 36


@contextlib.contextmanager
def subreaper() -> Iterator[None]:
    """Make this process adopt the orphans of its descendants while the block runs, so a process
    that escaped the grader (setsid, double fork) is still found by `descendants()`."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        yield
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def live_processes() -> Dict[int, Tuple[int, str, str]]:
    """pid -> (parent pid, cwd, command line) of every live (non-zombie) process."""
    found = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(
                "utf-8", "replace")
        except OSError:
            continue
        fields = dict(ln.split(":", 1) for ln in status.splitlines() if ":" in ln)
        if fields.get("State", "").strip().startswith(("Z", "X")):
            continue
        try:
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            cwd = ""
        found[int(entry)] = (int(fields.get("PPid", "0")), cwd, cmd)
    return found


def leftovers(*folders: Path) -> List[Tuple[int, str]]:
    """Live processes descended from this one (orphans included under `subreaper()`), or started
    from one of `folders` (their command line or working directory is inside)."""
    procs = live_processes()
    me = os.getpid()
    marks = [str(f) for f in folders]

    def descends(pid: int) -> bool:
        seen = set()
        while pid not in (0, 1) and pid not in seen:
            seen.add(pid)
            pid = procs.get(pid, (0, "", ""))[0]
            if pid == me:
                return True
        return False

    return [(pid, cmd) for pid, (_, cwd, cmd) in procs.items()
            if pid != me and (descends(pid) or any(m in cmd or cwd.startswith(m) for m in marks))]
