"""Launcher that runs one student's server (or client) with limits:
`python -m tools.grade.sandbox ... -- CMD`.

The conformance suite launches this (it is the `--server-cmd`, or `--client-cmd`, the grader
passes), inside the submission's box (suite_box.py: own network namespace), so the student's code is confined
whatever the suite does:
- no_new_privs before exec (with and without bubblewrap): no setuid bit or file capability ever
  raises what the student's code runs as;
- rlimits on CPU time, address space, file size, open files, stack (the default thread stack, so
  hundreds of threads fit in the address-space limit) and core dumps; the submission's cgroup
  (cgroups.py: memory and tasks of the submission as a whole) joined before anything runs;
- as root: the server runs under a dedicated uid (one per grading slot), so RLIMIT_NPROC, which
  Linux counts per user and includes threads, bounds a fork bomb without breaking a
  thread-per-client server; as a normal user the limit is the user's current task count plus the
  budget;
- with bubblewrap (`bwrap`): a private pid namespace, `--die-with-parent`, a read-only view of the
  system, the submission's private copy and a private /tmp as the only writable places, and no
  view of other students' folders, the grader's output or the kit's packages. Without it, as root:
  a mount namespace with a fresh nosuid tmpfs on every world-writable folder (/tmp, /var/tmp,
  /dev/shm, /run/lock: scratch.py) and the class, output and kit folders covered; in a platform's
  container (`--no-namespaces`, where namespaces are refused) the uid change alone, the grader
  having made its files unreadable to that uid (isolation.py);
- `no_new_privs` before exec, in every mode: no set-uid program gives the student's code a privilege back;
- an environment built from nothing: PATH, LANG, HOME (the copy), TMPDIR, the port, the bind
  shim; no variable of the teacher's (tokens, paths) reaches the student.

Nothing here opens, copies or follows a path the student can write: readiness is the LISTEN
socket the suite sees in its own namespace (no ready file to relay), and the bind shim comes from
a folder the grader prepared and only root can write (`--shim`).
The process stays as a small supervisor (same process group as the server, so the suite's
SIGTERM/SIGKILL to the group reaches both).
"""
from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from .suite_box import private_mounts

# The suite's port, digits only: a server binds it (bind shim); a client's connect() is sent to
# it (the same shim, CANADUCK_CONNECT_PORT) while the suite plays the server.
PASSED_ENV = ("PORT", "CANADUCK_BIND_PORT", "CANADUCK_CONNECT_PORT")
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse_size(text: str) -> int:
    """`1G`, `50M`, `512K` or a number of bytes."""
    text = text.strip().upper().rstrip("B") or "0"
    unit = text[-1] if text[-1] in _UNITS else ""
    return int(float(text[: len(text) - len(unit)]) * _UNITS[unit])


def tasks_of_uid(uid: int) -> int:
    """How many tasks (threads included, as RLIMIT_NPROC counts them) this uid runs now."""
    count = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1 0").split()[0]) == uid:
            count += int(fields.get("Threads", "1"))
    return count


def accessible_to_all(path: Path) -> bool:
    """True when any uid can reach and read `path` (every parent directory searchable)."""
    path = Path(path).resolve()
    for p in [path, *path.parents]:
        try:
            mode = p.stat().st_mode
        except OSError:
            return False
        need = stat.S_IXOTH if p != path or p.is_dir() else stat.S_IROTH
        if not mode & need:
            return False
    return True


def bwrap_argv(workdir: Path, tmpdir: Path, ro_paths: Sequence[str],
               hide: Sequence[str] = ()) -> List[str]:
    """The bubblewrap prefix: system read-only, the copy and a private /tmp writable, own pids;
    a folder of `hide` (the kit's packages) that a bound folder holds is covered by an empty one."""
    argv = ["bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try"]
    for d in _SYSTEM_DIRS:
        if os.path.islink(d):
            argv += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            argv += ["--ro-bind", d, d]
    argv += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/dev/shm", "--tmpfs", "/var/tmp",
             "--bind", str(tmpdir), "/tmp", "--bind", str(workdir), str(workdir)]
    for p in ro_paths:
        under_system = any(p == d or p.startswith(d + "/") for d in _SYSTEM_DIRS)
        if accessible_to_all(Path(p)) and not under_system:
            argv += ["--ro-bind", p, p]
    bound = [*_SYSTEM_DIRS, *ro_paths]
    for p in hide:
        if os.path.isdir(p) and any(p.startswith(b.rstrip("/") + "/") for b in bound):
            argv += ["--tmpfs", p]
    return argv + ["--chdir", str(workdir), "--"]


def _limit(kind: int, value: int) -> None:
    resource.setrlimit(kind, (value, value))


def limits_then_drop(args: argparse.Namespace) -> Callable[[], None]:
    """The child's last steps before exec: the cgroup, its own mounts (as root without bwrap),
    rlimits, then the unprivileged uid, then pdeathsig and no_new_privs."""
    nproc = args.nproc if args.uid is not None else tasks_of_uid(os.getuid()) + args.nproc
    own_mounts = args.uid is not None and args.bwrap != "always" and not args.no_namespaces
    keep = [os.path.abspath(p) for p in [args.workdir, args.tmpdir, *args.ro]
            + ([args.shim] if args.shim else [])]

    def apply() -> None:
        for procs in args.cgroup_procs:
            with open(procs, "w") as fh:
                fh.write(str(os.getpid()))
        if own_mounts:
            private_mounts(args.hide, keep)
        resource.setrlimit(resource.RLIMIT_CPU, (args.cpu, args.cpu + 2))
        _limit(resource.RLIMIT_AS, parse_size(args.mem))
        _limit(resource.RLIMIT_FSIZE, parse_size(args.fsize))
        _limit(resource.RLIMIT_NOFILE, args.nofile)
        _limit(resource.RLIMIT_STACK, parse_size(args.stack))
        _limit(resource.RLIMIT_CORE, 0)
        _limit(resource.RLIMIT_NPROC, nproc)
        if args.uid is not None:
            os.setgroups([])
            os.setgid(args.gid if args.gid is not None else args.uid)
            os.setuid(args.uid)
        # Set after the uid change, which clears it: if the supervisor is killed, so is this.
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        no_new_privs()

    return apply


def no_new_privs() -> None:
    """No exec from here on gains a privilege: a setuid file planted anywhere (a classmate's, or
    the student's own from an earlier step) runs with the caller's uid, and so do file caps.
    Before bubblewrap too (bwrap_usable probes it so: a setuid-only bwrap is not chosen)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")


def server_env(args: argparse.Namespace, incoming: Dict[str, str]) -> Dict[str, str]:
    """The server's whole environment: what a student's program needs, nothing of the teacher's."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           # bubblewrap binds the private tmp on /tmp; without it, /tmp is a small fresh one
           "HOME": args.workdir, "TMPDIR": "/tmp" if args.bwrap == "always" else args.tmpdir,
           "PYTHONUNBUFFERED": "1",
           "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1",
           # glibc reserves 64 MiB of address space per malloc arena (up to 8 per core): with
           # many threads that alone exceeds the address-space limit of a correct server.
           "MALLOC_ARENA_MAX": "2"}
    for name in PASSED_ENV:
        if incoming.get(name, "").isdigit():
            env[name] = incoming[name]
    if args.shim:
        env["PYTHONPATH"] = args.shim
    return env


def supervise(args: argparse.Namespace, command: List[str]) -> int:
    env = server_env(args, dict(os.environ))
    argv = list(command)
    if args.bwrap == "always":
        argv = bwrap_argv(Path(args.workdir), Path(args.tmpdir),
                          list(args.ro) + ([args.shim] if args.shim else []), args.hide) + argv
    try:
        child = subprocess.Popen(argv, env=env, cwd=args.workdir,
                                 preexec_fn=limits_then_drop(args))
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"sandbox: cannot start {argv[0]!r}: {exc}", file=sys.stderr)
        return 127

    def forward(signum: int, _frame: object) -> None:
        try:
            child.send_signal(signum)
        except OSError:
            pass

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    code = child.wait()
    return 128 - code if code < 0 else code


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.grade.sandbox",
                                     description="Run a command with rlimits, as another uid, "
                                                 "inside bubblewrap when asked.")
    parser.add_argument("--cpu", type=int, default=30, help="CPU seconds per process")
    parser.add_argument("--mem", default="1G", help="address space per process")
    parser.add_argument("--fsize", default="50M", help="largest file the server may write")
    parser.add_argument("--nofile", type=int, default=1024, help="open files per process")
    parser.add_argument("--nproc", type=int, default=512,
                        help="processes+threads budget (threads count on Linux)")
    parser.add_argument("--stack", default="2M", help="stack size (also each thread's stack)")
    parser.add_argument("--uid", type=int, help="run as this uid (needs root)")
    parser.add_argument("--gid", type=int, help="run as this gid (default: the uid)")
    parser.add_argument("--workdir", required=True, help="the submission's private copy")
    parser.add_argument("--tmpdir", required=True, help="private TMPDIR, bound on /tmp in bwrap")
    parser.add_argument("--ro", action="append", default=[],
                        help="extra read-only path in bwrap (the interpreter's prefix)")
    parser.add_argument("--bwrap", choices=("always", "never"), default="never")
    parser.add_argument("--shim", help="root-owned folder with the bind shim (PYTHONPATH)")
    parser.add_argument("--cgroup-procs", action="append", default=[],
                        help="cgroup.procs file the server joins (one per v1 controller)")
    parser.add_argument("--hide", action="append", default=[],
                        help="folder covered in the server's view (the class, the outputs, the "
                             "kit's packages)")
    parser.add_argument("--no-namespaces", action="store_true",
                        help="make no mount namespace: the platform's container is the box "
                             "(isolation.py), and it refuses them")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command after --")
    if args.uid is not None and os.geteuid() != 0:
        parser.error("--uid needs root")
    if args.bwrap == "always" and shutil.which("bwrap") is None:
        parser.error("--bwrap always but bwrap is not installed")
    return supervise(args, command)


if __name__ == "__main__":
    sys.exit(main())
