"""Launcher that runs one student's server with limits: `python -m tools.grade.sandbox ... -- CMD`.

The conformance suite launches this (it is the `--server-cmd` the grader passes), so the student's
code is confined whatever the suite does:
- rlimits on CPU time, address space, file size, open files, stack (the default thread stack, so
  hundreds of threads fit in the address-space limit) and core dumps;
- as root: the server runs under a dedicated uid (one per grading slot), so RLIMIT_NPROC, which
  Linux counts per user and includes threads, bounds a fork bomb without breaking a
  thread-per-client server; as a normal user the limit is the user's current task count plus the
  budget;
- with bubblewrap (`bwrap`): a private pid namespace (killing bwrap kills every process the
  server forked), `--die-with-parent`, a read-only view of the system, the submission's private
  copy and a private /tmp as the only writable places, and no view of other students' folders
  or the grader's output. The network namespace is shared: the suite connects over loopback.

The process stays as a small supervisor (same process group as the server, so the suite's
SIGTERM/SIGKILL to the group reaches both): the server writes its ready file (the bind shim's
CANADUCK_READY_FILE) into its private /tmp, where the dropped uid may write, and the supervisor
copies it to the path the suite asked for, which the dropped uid may not be able to reach.
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
from typing import Callable, List, Optional, Sequence

READY_ENV = "CANADUCK_READY_FILE"
PR_SET_PDEATHSIG = 1
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
_MAX_COPIED_FILES = 50


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


def portable_pythonpath(pythonpath: str, dest: Path) -> str:
    """PYTHONPATH as the dropped uid can use it: an entry it cannot read (the suite's bind shim
    inside a checkout under /root, say) is copied into its private tmp; big ones are dropped."""
    entries = []
    for i, entry in enumerate(p for p in pythonpath.split(os.pathsep) if p):
        if accessible_to_all(Path(entry)):
            entries.append(entry)
            continue
        files = [f for f in Path(entry).rglob("*") if "__pycache__" not in f.parts]
        if not Path(entry).is_dir() or len(files) > _MAX_COPIED_FILES:
            continue
        copy = dest / str(i)
        shutil.copytree(entry, copy, ignore=shutil.ignore_patterns("__pycache__"))
        for root, dirs, names in os.walk(dest):
            os.chmod(root, 0o755)
            for name in names:
                os.chmod(os.path.join(root, name), 0o644)
        entries.append(str(copy))
    return os.pathsep.join(entries)


def bwrap_argv(workdir: Path, tmpdir: Path, ro_paths: Sequence[str]) -> List[str]:
    """The bubblewrap prefix: system read-only, the copy and a private /tmp writable, own pids."""
    argv = ["bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try"]
    for d in _SYSTEM_DIRS:
        if os.path.islink(d):
            argv += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            argv += ["--ro-bind", d, d]
    argv += ["--proc", "/proc", "--dev", "/dev", "--bind", str(tmpdir), "/tmp",
             "--bind", str(tmpdir), str(tmpdir), "--bind", str(workdir), str(workdir)]
    for p in ro_paths:
        under_system = any(p == d or p.startswith(d + "/") for d in _SYSTEM_DIRS)
        if accessible_to_all(Path(p)) and not under_system:
            argv += ["--ro-bind", p, p]
    return argv + ["--chdir", str(workdir), "--"]


def _limit(kind: int, value: int) -> None:
    resource.setrlimit(kind, (value, value))


def limits_then_drop(args: argparse.Namespace) -> Callable[[], None]:
    """The child's last steps before exec: rlimits, then the unprivileged uid, then pdeathsig."""
    nproc = args.nproc if args.uid is not None else tasks_of_uid(os.getuid()) + args.nproc

    def apply() -> None:
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

    return apply


def _relay_ready(private: Path, real: str) -> bool:
    """Copy the server's ready file to the suite's path once it has content."""
    try:
        content = private.read_bytes()
    except OSError:
        return False
    if not content:
        return False
    tmp = f"{real}.tmp"  # the name the suite cleans up
    with open(tmp, "wb") as fh:
        fh.write(content)
    os.replace(tmp, real)
    return True


def supervise(args: argparse.Namespace, command: List[str]) -> int:
    workdir = Path(args.workdir).resolve()
    tmpdir = Path(args.tmpdir).resolve()
    env = dict(os.environ)
    # glibc reserves 64 MiB of address space per malloc arena (up to 8 per core): with many
    # threads that alone exceeds the address-space limit of a correct thread-per-client server.
    env.update(HOME=str(tmpdir), TMPDIR=str(tmpdir), MALLOC_ARENA_MAX="2")
    if args.uid is not None and env.get("PYTHONPATH"):
        env["PYTHONPATH"] = portable_pythonpath(env["PYTHONPATH"], tmpdir / "pythonpath")
    real_ready = env.pop(READY_ENV, None)
    private_ready = tmpdir / "canaduck-ready"
    if real_ready:
        private_ready.unlink(missing_ok=True)
        env[READY_ENV] = str(private_ready)
    argv = list(command)
    if args.bwrap == "always":
        ro = list(args.ro) + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        argv = bwrap_argv(workdir, tmpdir, ro) + argv
    try:
        child = subprocess.Popen(argv, env=env, cwd=str(workdir),
                                 preexec_fn=limits_then_drop(args))
    except OSError as exc:
        print(f"sandbox: cannot start {argv[0]!r}: {exc}", file=sys.stderr)
        return 127

    def forward(signum: int, _frame: object) -> None:
        try:
            child.send_signal(signum)
        except OSError:
            pass

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    relayed = not real_ready
    while not relayed:
        # No inotify in the stdlib: a short bounded wait on the child, then a look at the file.
        try:
            child.wait(timeout=0.02)
            break
        except subprocess.TimeoutExpired:
            relayed = _relay_ready(private_ready, real_ready)
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
    parser.add_argument("--tmpdir", required=True, help="private HOME/TMPDIR, /tmp in bwrap")
    parser.add_argument("--ro", action="append", default=[],
                        help="extra read-only path in bwrap (the interpreter's prefix)")
    parser.add_argument("--bwrap", choices=("always", "never"), default="never")
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
