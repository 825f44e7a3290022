"""One control group per submission, where the machine lets root make one: limits on memory and
on tasks (threads included) for the submission *as a whole*, a fair share of the CPU (the `cpu`
controller: the submission's processes together weigh as much as any one other task or
submission, however many it forks, so a classmate that spins hundreds of processes slows itself,
not the next slot's server), and a kill of all of it at the end.

cgroup v2 (one unified tree, `cgroup.kill`) or v1 (separate memory, pids and freezer
hierarchies, as on hybrid layouts: freeze, SIGKILL every member, thaw, until empty). Only the
server's side joins (the sandbox supervisor writes its own pid before starting the server), so the
suite's memory is not charged to the student. Nothing here is writable by the sandbox uid.
Unavailable (not root, read-only /sys, no controllers): None, and rlimits plus the uid sweep
remain (reaper.py).
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import List, Optional

from conformance.core.messages import translator

_ROOT = Path("/sys/fs/cgroup")
_GROUP = "canaduck-grade"
_V1_CONTROLLERS = ("memory", "pids", "freezer")
_V1_CPU = "cpu"  # optional: a share of the CPU where the hierarchy is mounted
CPU_SHARES_V1 = "1024"  # cpu.shares of one submission: the default weight of one task
CPU_WEIGHT_V2 = "100"   # cpu.weight, the same in v2


def _write(path: Path, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


class SubmissionCgroup:
    """The folders of one submission's cgroup (one in v2, one per controller in v1)."""

    def __init__(self, dirs: List[Path], unified: bool) -> None:
        self.dirs = dirs
        self.unified = unified

    @classmethod
    def create(cls, name: str, memory: int, tasks: int) -> Optional["SubmissionCgroup"]:
        if os.geteuid() != 0:
            return None
        try:
            if (_ROOT / "cgroup.controllers").is_file():
                return cls._create_v2(name, memory, tasks)
            return cls._create_v1(name, memory, tasks)
        except OSError:
            return None

    @classmethod
    def _create_v2(cls, name: str, memory: int, tasks: int) -> Optional["SubmissionCgroup"]:
        parent = _ROOT / _GROUP
        parent.mkdir(exist_ok=True)
        _write(parent / "cgroup.subtree_control", "+memory +pids")
        try:
            _write(parent / "cgroup.subtree_control", "+cpu")
        except OSError:  # no cpu controller delegated here: no share, the limits remain
            pass
        d = parent / name
        d.mkdir()
        group = cls([d], unified=True)
        _write(d / "memory.max", str(memory))
        _write(d / "pids.max", str(tasks))
        if (d / "cpu.weight").is_file():
            _write(d / "cpu.weight", CPU_WEIGHT_V2)
        return group

    @classmethod
    def _create_v1(cls, name: str, memory: int, tasks: int) -> Optional["SubmissionCgroup"]:
        if not all((_ROOT / c / "cgroup.procs").is_file() for c in _V1_CONTROLLERS):
            return None
        dirs = []
        try:
            for c in _V1_CONTROLLERS:
                (_ROOT / c / _GROUP).mkdir(exist_ok=True)
                d = _ROOT / c / _GROUP / name
                d.mkdir()
                dirs.append(d)
            if (_ROOT / _V1_CPU / "cgroup.procs").is_file():
                (_ROOT / _V1_CPU / _GROUP).mkdir(exist_ok=True)
                d = _ROOT / _V1_CPU / _GROUP / name
                d.mkdir()
                dirs.append(d)
                _write(d / "cpu.shares", CPU_SHARES_V1)
            group = cls(dirs, unified=False)
            _write(dirs[0] / "memory.limit_in_bytes", str(memory))
            _write(dirs[1] / "pids.max", str(tasks))
            return group
        except OSError:
            cls(dirs, unified=False).remove()
            raise

    def procs_files(self) -> List[str]:
        """The files a process writes its pid to, to join (the supervisor does, as root)."""
        return [str(d / "cgroup.procs") for d in self.dirs]

    def members(self) -> List[int]:
        pids = set()
        for d in self.dirs:
            try:
                pids |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return sorted(pids)

    def _freeze(self, frozen: bool) -> None:
        if self.unified:
            _write(self.dirs[0] / "cgroup.freeze", "1" if frozen else "0")
        else:
            _write(self.dirs[2] / "freezer.state", "FROZEN" if frozen else "THAWED")

    def kill(self, give_up_after: float = 10.0) -> bool:
        """Kill every member, until none is left. True when empty."""
        deadline = time.monotonic() + give_up_after
        while time.monotonic() < deadline:
            pids = self.members()
            if not pids:
                return True
            try:
                if self.unified and (self.dirs[0] / "cgroup.kill").is_file():
                    _write(self.dirs[0] / "cgroup.kill", "1")
                else:  # frozen tasks cannot fork between the listing and the kill
                    self._freeze(True)
                    for pid in self.members():
                        try:
                            os.kill(pid, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                    self._freeze(False)  # SIGKILL is delivered on thaw
            except OSError:
                pass
            time.sleep(0.01)
        return not self.members()

    def remove(self) -> None:
        for d in self.dirs:
            try:
                d.rmdir()
            except OSError:
                pass


# What the terminal and every row of grades.csv say when a limit the teacher set cannot hold here
# (message ids; French in conformance.messages_fr).
MEM_NOT_HELD = ("--mem {mem} holds per process only (address-space rlimit), not for a student's "
                "processes together: no cgroup here")
DISK_NOT_HELD = ("--disk {disk} holds for the copy of the folder only (its size is checked): what "
                 "the running code writes is bounded per file (--fsize), not in total: no tmpfs "
                 "without root")


def cgroups_usable() -> bool:
    """True when this process can make a submission's cgroup (made and removed once)."""
    probe = SubmissionCgroup.create(f"probe-{os.getpid()}", 1 << 30, 64)
    if probe is None:
        return False
    probe.remove()
    return True


def limits_not_held(mem: str, disk: str, lang: str) -> List[str]:
    """One line for each limit that cannot hold on this machine for this user: `--mem` across
    processes needs a cgroup, `--disk` while the code runs needs root's tmpfs. What does hold
    (rlimits per process, a process cap, the copy's size check) is applied regardless."""
    _ = translator(lang)
    lines = [] if cgroups_usable() else [_(MEM_NOT_HELD, mem=mem)]
    if os.geteuid() != 0:
        lines.append(_(DISK_NOT_HELD, disk=disk))
    return lines
