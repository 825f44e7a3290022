"""Making sure nothing a submission started outlives its grading.

The suite kills its server's process group and bubblewrap kills its pid namespace, but a server run
without bubblewrap may `setsid()` or double-fork away. Every process that runs as the submission's
dedicated uid, or whose working directory, executable or command line is inside its private copy,
is killed, until none is left.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import List, Optional

_GIVE_UP_AFTER = 10.0  # seconds; a process in uninterruptible sleep may take a moment to die


def _live_uid(pid: str) -> Optional[int]:
    """The real uid of a live process; None for zombies (already dead) and vanished ones."""
    try:
        fields = dict(line.split(":", 1) for line in
                      Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        if fields.get("State", "").strip().startswith(("Z", "X")):
            return None
        return int(fields["Uid"].split()[0])
    except (OSError, ValueError, KeyError):
        return None


def _inside(pid: str, folder: str) -> bool:
    for link in ("cwd", "exe", "root"):
        try:
            target = os.readlink(f"/proc/{pid}/{link}")
        except OSError:
            continue
        if target == folder or target.startswith(folder + "/"):
            return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    return folder + "/" in cmdline


def leftover_processes(folder: Path, uid: Optional[int] = None) -> List[int]:
    """Pids of processes that belong to a submission (excluding this process)."""
    me = os.getpid()
    found = []
    prefix = str(Path(folder).resolve())
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        owner = _live_uid(entry)
        if owner is None:
            continue
        if (uid is not None and owner == uid) or _inside(entry, prefix):
            found.append(int(entry))
    return found


def reap(folder: Path, uid: Optional[int] = None) -> int:
    """SIGKILL everything left by a submission; returns how many processes were killed."""
    killed = 0
    deadline = time.monotonic() + _GIVE_UP_AFTER
    while time.monotonic() < deadline:
        pids = leftover_processes(folder, uid)
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except (ProcessLookupError, PermissionError):
                pass
        for pid in pids:  # reap our own children so they do not stay as zombies
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.02)  # no event announces another process's death: look again shortly
    return killed
