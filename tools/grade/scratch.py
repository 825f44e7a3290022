"""The host's world-writable folders: where a sandbox uid could leave something outside its copy.

A submission run as a sandbox uid (root without bubblewrap) may create files wherever any user
may: /tmp, /var/tmp, /dev/shm, /run/lock, /dev/mqueue... A file left there outlives the
submission: a setuid copy of `python` planted in /run/lock let a later submission act as that
uid on the next student's copy (issue 19). So:
- the server's mount namespace covers each of these folders with a fresh tmpfs mounted
  nosuid,nodev (suite_box.private_mounts), and no_new_privs (sandbox.py) makes any setuid bit
  inert anyway;
- after each submission, whatever its uid owns in them is removed, by `find` running *as that
  uid* (root never walks a path a student could swap for a link), and a uid that still owns
  something there is not handed out again (session.py, uids.py).
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from typing import List

_KNOWN = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/run/shm", "/dev/mqueue", "/var/crash")
_PARENTS = ("/", "/run", "/var", "/var/lib", "/var/spool", "/var/cache", "/dev")
_FIND = shutil.which("find") or "/usr/bin/find"


def _world_writable(path: str) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and bool(st.st_mode & stat.S_IWOTH)


def writable_places() -> List[str]:
    """Real folders (not links) every uid may create files in: the usual ones, and any other
    world-writable folder one level under /, /run, /var, /var/lib, /var/spool, /var/cache, /dev."""
    found = {p for p in _KNOWN if _world_writable(p)}
    for parent in _PARENTS:
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        found |= {p for p in (os.path.join(parent, n) for n in names) if _world_writable(p)}
    return sorted(found)


def _find(places: List[str], uid: int, *action: str, as_uid: bool) -> str:
    if not places or not os.path.exists(_FIND):
        return ""
    argv = [_FIND, *places, "-xdev", "-user", str(uid), *action]
    try:
        return subprocess.run(argv, user=uid if as_uid else None, group=uid if as_uid else None,
                              extra_groups=[] if as_uid else None, cwd="/",
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, timeout=60, check=False,
                              env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"}).stdout.decode(
                                  "utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return "?"


def files_of(uid: int) -> List[str]:
    """What `uid` still owns in the writable places (root lists; `find` follows no link)."""
    return [line for line in _find(writable_places(), uid, "-print", as_uid=False).splitlines()
            if line]


def remove_files_of(uid: int) -> bool:
    """Remove what `uid` owns in the writable places, as `uid` (its folders made writable to it
    first, then everything deleted depth first). True when nothing of it is left."""
    if os.geteuid() != 0:
        return True
    places = writable_places()
    _find(places, uid, "-type", "d", "-exec", "chmod", "u+rwx", "{}", "+", as_uid=True)
    _find(places, uid, "-delete", as_uid=True)
    return not files_of(uid)
