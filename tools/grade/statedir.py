"""The grader's own folder: uid locks and the submissions' private copies, writable by it alone.

Never a fixed name in a world-writable directory (a student could plant
`/tmp/canaduck-grade-uid-N.lock` before the run and stop it): as root `/run/canaduck-grade`, else
`$XDG_RUNTIME_DIR/canaduck-grade` or `~/.cache/canaduck-grade`. The folder is checked without
following links: owned by us and writable by nobody else, or the grader refuses to use it.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


class StateDirError(RuntimeError):
    """The state folder exists but someone else could write it (or it is a link)."""


def _base() -> Path:
    if os.geteuid() == 0:
        return Path("/run/canaduck-grade")
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "canaduck-grade"
    return Path.home() / ".cache" / "canaduck-grade"


def _owned_private_dir(path: Path, mode: int) -> Path:
    """`path`, created with `mode` if missing; refused unless a real folder we own that no one else
    may write (lstat: a planted link is refused, not followed)."""
    try:
        os.mkdir(path, mode)
    except FileExistsError:
        pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        raise StateDirError(f"{path}: must be a folder owned by uid {os.geteuid()} that nobody "
                            "else can write; remove it or fix its owner and mode")
    os.chmod(path, mode)
    return path


def state_dir() -> Path:
    """The grader's folder (0711: the sandbox uids traverse to their own copy, list nothing)."""
    base = _base()
    base.parent.mkdir(parents=True, exist_ok=True)
    return _owned_private_dir(base, 0o711)


def locks_dir() -> Path:
    """Where uid locks live (0700)."""
    return _owned_private_dir(state_dir() / "locks", 0o700)


def work_dir() -> Path:
    """Parent of the per-run work folders (0711)."""
    return _owned_private_dir(state_dir() / "work", 0o711)
