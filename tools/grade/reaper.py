"""Making sure nothing a submission started outlives its grading.

With bubblewrap each server lives in a pid namespace of its own (sandbox.py): when it ends, the
kernel kills everything in it. Then the submission's cgroup is killed (cgroups.py). Without
either, or to be sure, the sweep below:
- as root (one uid per submission, uids.py): freeze-then-kill *as that uid*. A helper process
  that has become the uid sends SIGSTOP, then SIGKILL, to pid -1, which the kernel delivers to
  every process the uid owns in one pass that no fork can race (a daemon that keeps changing
  its pid is caught like any other), repeated until the uid owns nothing;
- as another user (same uid as the grader: never kill -1), whatever runs from the private copy
  (working directory, executable or command line inside it) is killed until none is left.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import List, Optional

_GIVE_UP_AFTER = 10.0  # seconds; a process in uninterruptible sleep may take a moment to die
_KILL = shutil.which("kill") or "/bin/kill"


def _status(pid: str) -> dict:
    return dict(line.split(":", 1) for line in
                Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)


def _live_uids(pid: str) -> Optional[List[int]]:
    """Real, effective, saved uids of a live process; None for zombies and vanished ones."""
    try:
        fields = _status(pid)
        if fields.get("State", "").strip().startswith(("Z", "X")):
            return None
        return [int(u) for u in fields["Uid"].split()[:3]]
    except (OSError, ValueError, KeyError):
        return None


def uid_processes(uid: int) -> List[int]:
    """Live processes of which `uid` is the real, effective or saved uid."""
    return [int(e) for e in os.listdir("/proc")
            if e.isdigit() and uid in (_live_uids(e) or ())]


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
    prefix = os.path.abspath(folder)
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        uids = _live_uids(entry)
        if uids is None:
            continue
        if (uid is not None and uid in uids) or _inside(entry, prefix):
            found.append(int(entry))
    return found


def _signal_all_as(uid: int, sig: str) -> None:
    """kill(-1, sig) run as `uid`: every process of that uid, atomically (the helper itself is
    spared by the kernel). Its exit code says nothing useful (1 once nothing is left)."""
    subprocess.run([_KILL, f"-{sig}", "-1"], user=uid, group=uid, extra_groups=[],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=10, check=False)


def _reap_children(pids: List[int]) -> None:
    for pid in pids:  # our own children must not stay as zombies
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass


def sweep_uid(uid: int) -> bool:
    """Freeze then kill everything `uid` owns, until it owns nothing. True when clean."""
    deadline = time.monotonic() + _GIVE_UP_AFTER
    while time.monotonic() < deadline:
        pids = uid_processes(uid)
        if not pids:
            return True
        _signal_all_as(uid, "STOP")
        _signal_all_as(uid, "KILL")
        _reap_children(pids)
        time.sleep(0.01)  # SIGKILLed processes may take a moment to leave the table
    return not uid_processes(uid)


def reap(folder: Path, uid: Optional[int] = None) -> int:
    """SIGKILL everything left by a submission; returns how many processes were left."""
    if uid is not None:
        left = len(uid_processes(uid))
        sweep_uid(uid)
    else:
        left = 0
    deadline = time.monotonic() + _GIVE_UP_AFTER
    while time.monotonic() < deadline:
        pids = leftover_processes(folder, uid)
        if not pids:
            break
        left += len(pids)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        _reap_children(pids)
        time.sleep(0.02)  # no event announces another process's death: look again shortly
    return left
