"""Choosing how a run isolates submissions, and refusing to grade without isolation unless asked.

Two ways qualify (ARCHITECTURE.md, "The grader's sandbox"):
- bubblewrap: the suite's box and the server's own sandbox (any user; as root a uid per slot too);
- as root without bubblewrap (or with `--no-bwrap`): network namespaces made by the grader
  (unshare), a mount namespace per server, a uid per slot, cgroups where the machine has them.
Neither possible (a normal user without bubblewrap): the grader stops and says what to install,
unless the teacher passes `--allow-unsandboxed`; then every row of grades.csv and the report say
so (UNSANDBOXED_NOTE in the reason), and so does the terminal.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Optional

from .suite_box import network_namespaces_possible
from .suite_run import BOX_BWRAP, BOX_NONE, BOX_UNSHARE, RunConfig, bwrap_usable

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
    if cfg.allow_unsandboxed:
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
