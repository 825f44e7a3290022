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

A killed process still counts against its uid's RLIMIT_NPROC until its parent waits for it. The
orphans of a killed submission (its supervisor gone, a double fork) are adopted by the nearest
subreaper or pid 1, which may be slow to wait, or never wait (a container's entry point, a test
process): their zombies piled up until the next server under that uid could not even start
("bwrap: Creating new namespace failed: Resource temporarily unavailable"); bubblewrap itself
leaves one behind when its outer process exits before its pid namespace's init is gone. So the
grader runs under a parent of its own that adopts and reaps them (`as_reaping_parent`), and a uid
is clean only once it owns no zombie either.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Callable, List, Optional

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


def zombies_of(uid: int) -> List[int]:
    """Processes of `uid` that have ended and wait for their parent (they still count against
    its RLIMIT_NPROC)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = _status(entry)
            if fields.get("State", "").strip().startswith("Z") and \
                    int(fields["Uid"].split()[0]) == uid:
                found.append(int(entry))
        except (OSError, ValueError, KeyError):
            continue
    return found


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
    """Freeze then kill everything `uid` owns, until it owns nothing, not even a zombie. True when
    clean."""
    deadline = time.monotonic() + _GIVE_UP_AFTER
    while time.monotonic() < deadline:
        pids = uid_processes(uid)
        if not pids:
            if not zombies_of(uid):
                return True
            time.sleep(0.05)  # their parent (as_reaping_parent's) has yet to wait for them
            continue
        _signal_all_as(uid, "STOP")
        _signal_all_as(uid, "KILL")
        _reap_children(pids)
        time.sleep(0.01)  # SIGKILLed processes may take a moment to leave the table
    return not uid_processes(uid) and not zombies_of(uid)


PR_SET_CHILD_SUBREAPER = 36
_PASSED_ON = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_SI_KERNEL = 0x80  # si_code of a signal the terminal sent to its whole foreground group


def as_reaping_parent(run: Callable[[], int]) -> int:
    """Run `run` in a child process while this one adopts every orphan of its subtree (Linux's
    child subreaper) and waits for each as it ends, as an init does; return the child's exit code.

    The parent does nothing else, so any process it waits for other than the child is an orphan
    whose status nobody wants: nothing is taken from a Popen. Orphans still alive when the child
    ends are left alone (the child's sweeps kill the submissions'; a test may look for them).
    SIGINT, SIGTERM and SIGHUP sent to this process are passed on to the child, except a Ctrl-C
    from the terminal, which the child got itself. Elsewhere than Linux, `run` runs here."""
    libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
    if libc is None or libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        return run()
    sys.stdout.flush()
    sys.stderr.flush()
    # blocked before the fork, so no SIGCHLD is lost; the child unblocks them at once
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD, *_PASSED_ON})
    child = os.fork()
    if child == 0:
        code = 1
        try:
            libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
            code = run()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if not isinstance(exc.code, (int, type(None))):
                print(exc.code, file=sys.stderr)
        except BaseException:  # noqa: BLE001 - the traceback Python would print, then exit 1
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    try:
        status = _reap_until(child)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def _reap_until(child: int) -> int:
    """Wait for every child as it ends until `child` does; its wait status."""
    while True:
        info = signal.sigwaitinfo({signal.SIGCHLD, *_PASSED_ON})
        if info.si_signo != signal.SIGCHLD:
            if info.si_code != _SI_KERNEL:
                try:
                    os.kill(child, info.si_signo)
                except ProcessLookupError:
                    pass
            continue
        while True:  # one SIGCHLD may stand for several ended children
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                pid = 0
            if pid == 0:
                break
            if pid == child:
                return status


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
