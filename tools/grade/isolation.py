"""Choosing how a run isolates submissions, and refusing to grade without isolation unless asked.

Two ways qualify (ARCHITECTURE.md, "The grader's sandbox"):
- bubblewrap: the suite's box and the server's own sandbox (any user; as root a uid per slot too);
- as root without bubblewrap (or with `--no-bwrap`): network namespaces made by the grader
  (unshare), a mount namespace per server, a uid per slot, cgroups where the machine has them.
- on a grading platform (Gradescope, PrairieLearn, GitHub Classroom: `RunConfig.platform`, set by
  the generated package or recognised by `recognised_platform()`), as root where both are refused
  (Docker's default seccomp filter refuses new namespaces, cgroupfs is read-only): the platform's
  own container is the box. Each server still runs under a sandbox uid (uids.py) with rlimits and
  no_new_privs (sandbox.py), is killed by uid (reaper.py), and `seal()` makes the kit's packages,
  its environment, the class and the outputs unreadable to every other uid for the run.
Neither possible (a normal user without bubblewrap): the grader stops and says what to install,
unless the teacher passes `--allow-unsandboxed`, or runs on a platform (where a grader that stops
gives every student nothing); then every row of grades.csv and the report say so
(UNSANDBOXED_NOTE in the reason), and so does the terminal.

In every mode the students' interpreter is the base one, outside the kit's virtual environment
(suite_run.student_python), and the kit's packages are covered in their view (sandbox.py).
"""
from __future__ import annotations

import os
import shutil
import stat
import sys
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from .suite_box import network_namespaces_possible
from .suite_run import (BOX_BWRAP, BOX_CONTAINER, BOX_NONE, BOX_UNSHARE, RunConfig, bwrap_usable,
                        kit_paths)

BINDSHIM = Path(__file__).resolve().parent.parent.parent / "conformance" / "bindshim"
UNSANDBOXED_NOTE = "graded WITHOUT a sandbox (--allow-unsandboxed)"


class SandboxUnavailable(RuntimeError):
    """Neither bubblewrap nor a uid change with namespaces is possible here."""


REFUSAL = ("cannot isolate the students' code here: bubblewrap is {bwrap} and the grader does not "
           "run as root (no uid change, no namespaces). Install bubblewrap (Debian/Ubuntu: "
           "`apt-get install bubblewrap`, Fedora: `dnf install bubblewrap`) or run as root; "
           "`--allow-unsandboxed` grades anyway, unprotected (student code can then read your "
           "files, reach your network and kill the grader), and says so in every output.")


def choose_box(cfg: RunConfig, uid: Optional[int]) -> RunConfig:
    """`cfg` with the isolation this machine allows; SandboxUnavailable when there is none."""
    if cfg.use_bwrap and bwrap_usable(uid):
        return replace(cfg, box=BOX_BWRAP, use_bwrap=True)
    if uid is not None and network_namespaces_possible():
        return replace(cfg, box=BOX_UNSHARE, use_bwrap=False)
    if cfg.platform and uid is not None:
        return replace(cfg, box=BOX_CONTAINER, use_bwrap=False)
    if cfg.allow_unsandboxed or cfg.platform:
        return replace(cfg, box=BOX_NONE, use_bwrap=False)
    state = "disabled (--no-bwrap)" if not cfg.use_bwrap else (
        "not installed" if shutil.which("bwrap") is None else "installed but cannot run")
    if uid is not None:
        raise SandboxUnavailable(
            f"cannot make network namespaces as root here, and bubblewrap is {state}: install "
            "bubblewrap, or run where root may create namespaces; `--allow-unsandboxed` grades "
            "anyway, unprotected, and says so in every output.")
    raise SandboxUnavailable(REFUSAL.format(bwrap=state))


def describe_box(cfg: RunConfig) -> str:
    """One line for the terminal."""
    who = "a dedicated uid per slot" if os.geteuid() == 0 else "your own uid"
    if cfg.box == BOX_BWRAP:
        return f"bubblewrap (own network namespace; pid and mount namespaces per server), {who}"
    if cfg.box == BOX_UNSHARE:
        return f"own network and mount namespaces (no bubblewrap), {who}, kill by uid"
    if cfg.box == BOX_CONTAINER:
        return (f"the {cfg.platform} container (it refuses namespaces): {who} with rlimits and "
                "no_new_privs, kill by uid; the kit and the grader's files unreadable to it")
    return "NONE: " + UNSANDBOXED_NOTE


def prepare_shim(workbase: Path) -> str:
    """A copy of the bind shim in a folder only the grader can write and everyone can read: the
    sandbox uid may not reach the checkout (under /root, say), and a copy in the student's own
    folders could be swapped for a link by the student."""
    dest = workbase / "bindshim"
    dest.mkdir(mode=0o755)
    for f in BINDSHIM.glob("*.py"):
        shutil.copyfile(f, dest / f.name)
        os.chmod(dest / f.name, 0o644)
    os.chmod(dest, 0o755)
    return str(dest)


# Where each platform puts its grader: how `python -m tools.grade` recognises it runs there.
PLATFORM_MARKS = (("gradescope", "/autograder/run_autograder"), ("prairielearn", "/grade/tests"))


def recognised_platform() -> str:
    """The grading platform this machine is (its container's marks; GitHub Actions' variable),
    or "" elsewhere."""
    for name, mark in PLATFORM_MARKS:
        if os.path.exists(mark):
            return name
    return "classroom" if os.environ.get("GITHUB_ACTIONS") == "true" else ""


def sealed_paths(extra: Sequence[str] = ()) -> List[str]:
    """What a student's uid must not read in a platform's container: the kit's packages, the
    virtual environment the grader runs in (the kit installed, its wheel), and `extra` (the class
    folder, the outputs, the platform's folder)."""
    paths = kit_paths()
    if sys.prefix != sys.base_prefix:
        paths.append(sys.prefix)
    return paths + [str(p) for p in extra]


def seal(paths: Sequence[str]) -> Dict[str, int]:
    """chmod 0700 each existing folder of `paths` (the grader, root, keeps reaching them; no other
    uid does); returns their former modes for `unseal`. Links are not followed."""
    former: Dict[str, int] = {}
    for p in paths:
        try:
            st = os.lstat(p)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            former[p] = stat.S_IMODE(st.st_mode)
            os.chmod(p, 0o700)
    return former


def unseal(former: Dict[str, int]) -> None:
    for p, mode in former.items():
        try:
            os.chmod(p, mode)
        except OSError:
            pass
