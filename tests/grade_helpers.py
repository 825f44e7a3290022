"""Shared builders for the grader's tests: a hand-written suite results JSON and model objects
(used while the suite is not needed, so writers and scoring tests run in milliseconds), the class
of step-3 submissions, and the process checks that prove nothing outlives a grading run.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import threading
from pathlib import Path
from types import TracebackType
from typing import Dict, Iterable, Iterator, List, Optional, Set, Tuple, Type

PR_SET_CHILD_SUBREAPER = 36
REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "grade_fixtures" / "step3"
CATALOGUE = REPO / "tests" / "catalogue"
# Submissions the catalogue already has a server for (its verdict proven by tests/test_catalogue.py):
# file of the class → catalogue file. tests/grade_fixtures/step3 keeps only what the catalogue lacks
# (the hostile and broken servers, alice's client.py, lea's snooping front end).
FROM_CATALOGUE = {
    "alice_raw/server.py": "step3/raw_robust_ok.py",
    "bob_line/server.py": "step3/line_socketserver_ok.py",
    "chloe_threads/server.py": "step7/threads_handout_ok.py",
    "david_prefix/server.py": "step2/echo_prefix_echo1.py",
    "emma_spins/server.py": "step3/spins_on_eof_robust1.py",
    "felix_fin_stops/server.py": "step3/exits_on_fin_seq1.py",
    "gaspard_decode/server.py": "step3/decode_crash_robust3_robust4.py",
    "lea_snoop/echo_server.py": "step3/raw_robust_ok.py",
}

HOSTILE = "<script>document.title='pwned'</script><img id=pwned src=x onerror=alert(1)>```&amp;"


def check(clause: str, outcome: str, level: str = "MUST", step: int = 3, **extra: str) -> Dict:
    base = {"nodeid": f"conformance/checks/server/test_x.py::test_{clause.lower()}[step{step}]",
            "clause": clause, "level": level, "step": step, "outcome": outcome, "message": "",
            "transcript": "", "server_output": "", "duration": 0.01}
    base.update(extra)
    return base


def results_json(checks: List[Dict], started: bool = True, start_error: str = None) -> Dict:
    return {"schema": "canaduck-results/1", "target": "127.0.0.1:40000", "server_cmd": "x",
            "steps": [3], "framing": "raw", "started": started, "start_error": start_error,
            "checks": checks}


def build_class(dest: Path, students: Optional[Iterable[str]] = None) -> Path:
    """The step-3 class in `dest` (created), one folder per student: the fixtures' own files, then
    the catalogue's servers. `students`: only these (default: everyone)."""
    wanted = None if students is None else set(students)
    dest.mkdir(parents=True, exist_ok=True)
    for folder in sorted(FIXTURES.iterdir()):
        if folder.is_dir() and (wanted is None or folder.name in wanted):
            shutil.copytree(folder, dest / folder.name)
    for target, source in FROM_CATALOGUE.items():
        if wanted is None or target.split("/", 1)[0] in wanted:
            (dest / target).parent.mkdir(exist_ok=True)
            shutil.copyfile(CATALOGUE / source, dest / target)  # fails loudly if renamed
    return dest


def bwrap_works_for_a_sandbox_uid() -> bool:
    """bubblewrap can make the grader's boxes here, for a sandbox uid as the grader would use."""
    from tools.grade.suite_run import bwrap_usable
    from tools.grade.uids import claim_uids, release

    uids, locks = claim_uids(1)
    try:
        return bwrap_usable(uids[0])
    finally:
        release(locks)


def process_table() -> Dict[Tuple[int, int], Tuple[int, bool]]:
    """(pid, start time) -> (parent pid, is a zombie) of every process, from /proc/*/stat; the
    start time tells a reused pid from the process seen before."""
    found = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            found[(int(entry), int(fields[19]))] = (int(fields[1]), fields[0] == "Z")
        except (OSError, ValueError, IndexError):
            continue
    return found


class OrphanReaper:
    """While the block runs, this process adopts the orphans of its descendants (Linux's child
    subreaper) and reaps them as they end, and only them.

    A zombie is reaped only if it was once seen with another parent: a child this process started
    itself (a Popen) is never taken from the code that waits for it, whose exit status would be
    lost. An orphan born, orphaned and ended between two looks (`every`) is never seen with its
    first parent and stays a zombie here; the grader runs under a reaping parent of its own
    (tools/grade/reaper.py), so what comes here is only what outlived a grader."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.me = os.getpid()
        self.adopted: Set[Tuple[int, int]] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="orphan-reaper", daemon=True)
        self._libc = ctypes.CDLL(None, use_errno=True)

    def reap_once(self) -> None:
        procs = process_table()
        self.adopted &= set(procs)  # forget the processes that are gone
        for key, (ppid, zombie) in procs.items():
            if ppid != self.me:
                self.adopted.add(key)
            elif zombie and key in self.adopted:
                try:
                    os.waitpid(key[0], os.WNOHANG)
                except ChildProcessError:
                    pass
                self.adopted.discard(key)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.reap_once()

    def __enter__(self) -> "OrphanReaper":
        self._libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        self._thread.start()
        return self

    def __exit__(self, kind: Optional[Type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self._stop.set()
        self._thread.join()
        self.reap_once()
        self._libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


@contextlib.contextmanager
def subreaper() -> Iterator[None]:
    """Make this process adopt the orphans of its descendants while the block runs, so a process
    that escaped the grader (setsid, double fork) is still found by `leftovers()`; the adopted
    ones that end are reaped (their zombies would count against a sandbox uid's RLIMIT_NPROC
    until the next run under that uid failed to start: tools/grade/reaper.py)."""
    with OrphanReaper():
        yield


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
