"""Dedicated uids for sandboxed servers, one per grading slot, never shared between runs.

As root, each submission's server runs as its own uid so that RLIMIT_NPROC (counted per uid)
bounds a fork bomb, and so that cleanup can kill "everything of that uid". Two grader runs at once
(two teachers, or tests in parallel) must not pick the same uid, or one run's cleanup would kill
the other's servers: each uid is claimed with a lock file, in the grader's own folder
(statedir.py), for as long as it is used. A uid that still owns a process, or a file in the host's
writable folders after removing them (scratch.py), is never handed out: whatever a previous
submission left would otherwise meet the next one's private copy.
"""
from __future__ import annotations

import os
from typing import List, Optional, Tuple

from filelock import FileLock, Timeout

from .reaper import uid_processes
from .scratch import remove_files_of
from .statedir import locks_dir

# Graders before the state folder (locks in /tmp) used 2000000 and up: a range of its own keeps this
# one from sharing a uid, and so each other's kill sweeps, with an older grader still running.
SANDBOX_UID_BASE = 2_100_000
_RANGE = 4096


def claim_uids(count: int, skip: Tuple[int, ...] = ()) -> Tuple[List[Optional[int]], List[FileLock]]:
    """`count` free uids (all None when not root: no uid change then) and their held locks.
    Free: no other run holds its lock and it owns no process; `skip`: uids not to take."""
    if os.geteuid() != 0:
        return [None] * count, []
    uids: List[Optional[int]] = []
    locks: List[FileLock] = []
    folder = locks_dir()
    for uid in range(SANDBOX_UID_BASE, SANDBOX_UID_BASE + _RANGE):
        if len(uids) == count:
            break
        if uid in skip:
            continue
        lock = FileLock(str(folder / f"uid-{uid}.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue
        # left over by a run that crashed (a process, or a file in /run/lock, /var/tmp...): not
        # clean, not ours to use
        if uid_processes(uid) or not remove_files_of(uid):
            lock.release()
            continue
        uids.append(uid)
        locks.append(lock)
    if len(uids) < count:
        release(locks)
        raise RuntimeError(f"no free sandbox uid in {SANDBOX_UID_BASE}..+{_RANGE}")
    return uids, locks


def release(locks: List[FileLock]) -> None:
    for lock in locks:
        lock.release()
