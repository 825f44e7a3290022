"""Grading one submission: private copy, the suite on its server in the sandbox, results to model.

The suite is the judge (ARCHITECTURE.md: `conformance/` run with `--server-cmd`); this module only
prepares the copy (in a size-limited tmpfs as root: the submission's disk), runs the suite in the
submission's box (suite_box.py) with the sandboxed server command, bounds the whole run in
wall-clock time, kills every process (cgroup, uid sweep), and reads the suite's results JSON, a
file in a folder only the grader can reach, into `model.Submission`.
"""
from __future__ import annotations

import ctypes
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from conformance.core.settings import QUICK_START_ARGS

from . import model, scoring
from .cgroups import SubmissionCgroup
from .hygiene import clean_submission, student_name
from .points import PointsScheme
from .reaper import reap
from .sandbox import accessible_to_all, no_new_privs, parse_size
from .suite_box import bwrap_prefix, enter_own_network
from .spec_clauses import REPO_ROOT, Clause, clauses_for_step, spec_order
from .submissions import SERVER_FILE, Tree, copy_tree, regular_file, remove_tree, scan

BOX_BWRAP, BOX_UNSHARE, BOX_NONE = "bwrap", "unshare", "none"
# The platform's own container (Gradescope, PrairieLearn) or VM (Classroom) is the box: namespaces
# are refused there, so the server runs under a sandbox uid with rlimits and no_new_privs, and the
# grader's files are made unreadable to that uid (isolation.py).
BOX_CONTAINER = "container"
# The kit's packages: never importable nor readable by a student's code (isolation.py).
KIT_PACKAGES = ("reference_impl", "tools", "conformance")
# --clients: off (servers only); auto (a client is graded where found, a missing one is "no
# client" and counts for nothing); required (a missing client scores 0 out of its step's table).
CLIENTS_OFF, CLIENTS_AUTO, CLIENTS_REQUIRED = "off", "auto", "required"
CLIENT_MODES = (CLIENTS_OFF, CLIENTS_AUTO, CLIENTS_REQUIRED)


@dataclass(frozen=True)
class Limits:
    cpu: int = 30
    mem: str = "1G"
    fsize: str = "50M"
    nofile: int = 1024
    nproc: int = 512
    stack: str = "2M"
    disk: str = "100M"  # the whole private copy and /tmp (a tmpfs, as root)

    def argv(self) -> List[str]:
        return ["--cpu", str(self.cpu), "--mem", self.mem, "--fsize", self.fsize,
                "--nofile", str(self.nofile), "--nproc", str(self.nproc), "--stack", self.stack]


@dataclass(frozen=True)
class RunConfig:
    step: int
    points: PointsScheme
    clauses: Dict[str, Clause]
    reply_timeout: float = 2.0
    start_timeout: float = 10.0
    submission_timeout: float = 300.0
    limits: Limits = field(default_factory=Limits)
    use_bwrap: bool = False
    allow_unsandboxed: bool = False  # --allow-unsandboxed: grade even with no isolation at all
    box: str = BOX_NONE  # how the suite and server are isolated: BOX_* above
    platform: str = ""  # the grading platform whose container is the box (platforms/run.py), or ""
    shim: str = ""  # root-owned copy of the bind shim, readable by the sandbox uids
    hidden: Tuple[str, ...] = ()  # folders the server must not see (class, outputs)
    python: str = ""  # the students' interpreter; "" = chosen by student_python()
    server_file: str = SERVER_FILE  # the program graded, relative to the student's folder
    role: str = model.PART_SERVER   # PART_CLIENT: the suite plays the server (--client-cmd)
    clients: str = "auto"  # CLIENTS_*: which clients are graded, and whether a missing one counts
    framing: str = ""      # a client's framing (raw, line): its student's server's; "" = raw
    workbase: Path = Path(tempfile.gettempdir())
    conformance_dir: Path = REPO_ROOT / "conformance"
    lang: str = "en"     # the suite's messages and the feedback's language (conformance.core.messages)
    # The submission's time budget on a platform (lab.py, platforms/run.py): `budget_end`, the
    # monotonic time it runs out (0: none); `deadline`, this step's share of it (0: none).
    budget_end: float = 0.0
    deadline: float = 0.0
    shard: Tuple[int, int] = (1, 1)  # --shard K/N: this run grades every Nth student from the Kth
    # the whole part is a bonus (lab.py): a bonus step graded beside required ones, or a client
    # under --clients auto; its points add to the score, its maximum to nothing
    part_bonus: bool = False


def kit_paths() -> List[str]:
    """The kit's packages, and the whole checkout when the kit runs from one (its tests, its
    history): covered in a student's view (sandbox.py), unreadable in a container (isolation.py)."""
    paths = [str(REPO_ROOT / p) for p in KIT_PACKAGES]
    if (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "setup.py").is_file():
        paths.append(str(REPO_ROOT))
    return paths


def base_python() -> str:
    """The interpreter our virtual environment was made from (ours when there is none): a
    student's program never runs with the environment the kit is installed in, whose
    site-packages would let it import the model answer."""
    if sys.prefix == sys.base_prefix:
        return sys.executable
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    for name in (version, "python3"):
        candidate = Path(sys.base_prefix) / "bin" / name
        if candidate.is_file():
            return str(candidate)
    return str(Path(sys.executable).resolve())


def student_python(dropping_privileges: bool) -> str:
    """An interpreter the sandboxed uid can run, outside the kit's environment: the base of ours
    if it can, else the system python3."""
    ours = Path(base_python())
    if not dropping_privileges or (accessible_to_all(ours)
                                   and accessible_to_all(Path(sys.base_prefix))):
        return str(ours)
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists() and accessible_to_all(Path(candidate)):
            return candidate
    raise RuntimeError("running as root, but no python3 readable by an unprivileged user "
                       "was found for the students' servers (use --python)")


def bwrap_usable(uid: Optional[int]) -> bool:
    """bubblewrap installed, able to make the suite's box as us and its namespaces as the sandbox
    user."""
    if shutil.which("bwrap") is None:
        return False
    try:
        if subprocess.run(bwrap_prefix() + ["true"], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=20).returncode != 0:
            return False
    except (OSError, subprocess.SubprocessError):
        return False
    argv = ["bwrap", "--ro-bind", "/", "/", "--unshare-pid", "--die-with-parent", "--", "true"]

    def drop() -> None:
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
        no_new_privs()  # as the sandbox runs it: a bwrap that needs its setuid bit is unusable

    try:
        return subprocess.run(argv, preexec_fn=drop, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


_MS_NOSUID, _MS_NODEV = 2, 4
_MNT_DETACH = 2


def mount_disk(where: Path, size: str) -> bool:
    """A tmpfs of `size` at `where` (root only): everything the submission writes, as a whole."""
    if os.geteuid() != 0:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    opts = f"size={parse_size(size)},mode=0755".encode()
    return libc.mount(b"canaduck", os.fsencode(where), b"tmpfs", _MS_NOSUID | _MS_NODEV,
                      opts) == 0


def unmount(where: Path) -> None:
    ctypes.CDLL(None, use_errno=True).umount2(os.fsencode(where), _MNT_DETACH)


def _prepare_copy(folder: Path, work: Path, uid: Optional[int],
                  limits: Limits) -> Tuple[Path, Path, Tree]:
    """Private copy of the student's files (links kept as links, never followed; what is not a
    plain file or folder, too deep or over the disk limit refused: `Tree.refused`) and a private
    tmp dir, both the sandbox uid's and closed to every other uid (classmates run under their
    own). The size check bounds the copy where no tmpfs does (not root)."""
    src, tmp = work / "src", work / "tmp"
    disk = parse_size(limits.disk)
    tree = scan(folder, disk, disk)
    copy_tree(folder, tree, src, uid, disk)
    tmp.mkdir(mode=0o700)
    if uid is not None:
        os.chown(tmp, uid, uid)
    return src, tmp, tree


def server_command(cfg: RunConfig, src: Path, tmp: Path, uid: Optional[int],
                   cgroup: Optional[SubmissionCgroup] = None) -> str:
    argv = [sys.executable, "-m", "tools.grade.sandbox", *cfg.limits.argv(),
            "--workdir", str(src), "--tmpdir", str(tmp),
            "--bwrap", "always" if cfg.use_bwrap else "never"]
    if uid is not None:
        argv += ["--uid", str(uid)]
    if cfg.shim:
        argv += ["--shim", cfg.shim]
    for procs in (cgroup.procs_files() if cgroup else []):
        argv += ["--cgroup-procs", procs]
    for hidden in cfg.hidden:
        argv += ["--hide", hidden]
    for path in kit_paths():
        argv += ["--hide", path]
    if cfg.box == BOX_CONTAINER:
        argv += ["--no-namespaces"]
    prefixes = {str(Path(cfg.python).resolve().parent.parent)}
    if Path(cfg.python).resolve() == Path(sys.executable).resolve():
        prefixes |= {sys.base_prefix}
    for prefix in sorted(prefixes):
        argv += ["--ro", prefix]
    argv += ["--", cfg.python, str(src / cfg.server_file)]
    return " ".join(shlex.quote(a) for a in argv)


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop a suite run: SIGINT first, so pytest tears its fixtures down (stops the server,
    removes its temporary files), then SIGTERM and SIGKILL to the whole group."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def clause_results(checks: List[model.CheckResult], cfg: RunConfig,
                   started: bool) -> List[model.ClauseResult]:
    """Group checks by clause; a clause earns its points when every check of it passed or does
    not apply (model.clause_status): failed, erred, not reached or advice earns nothing."""
    by_clause: Dict[str, List[model.CheckResult]] = {}
    for chk in checks:
        by_clause.setdefault(chk.clause, []).append(chk)
    for cid in clauses_for_step(cfg.step, cfg.clauses, role=cfg.role):
        by_clause.setdefault(cid, [])
    results = []
    worth_of = clause_worth(cfg.points, cfg.clauses, cfg.step, cfg.role, cfg.part_bonus)
    for cid in spec_order(list(by_clause), cfg.clauses):
        chks = by_clause[cid]
        known = cfg.clauses.get(cid)
        level = chks[0].level if chks else (known.level if known else "MUST")
        step = chks[0].step if chks else cfg.step
        status = model.clause_status({c.outcome for c in chks})
        worth, bonus = worth_of(cid, level)
        earned = worth if started and status in (model.CLAUSE_PASSED,
                                                 model.CLAUSE_NOT_APPLICABLE) else 0.0
        results.append(model.ClauseResult(cid, level, step, status, earned, worth, chks, bonus))
    return results


def clause_worth(points: PointsScheme, clauses: Dict[str, Clause], step: int, role: str,
                 part_bonus: bool) -> Callable[[str, str], Tuple[float, bool]]:
    """(points, bonus) of a clause of `step`'s `role` under `points`: its level's or its own
    points, scaled to the step's weight (points.py), a bonus when the part or the clause is."""
    table = [(cid, clauses[cid].level) for cid in clauses_for_step(step, clauses, role=role)]
    scale = points.step_scale(step, role, table)

    def worth(cid: str, level: str) -> Tuple[float, bool]:
        return (round(points.points_for(cid, level) * scale, 4),
                part_bonus or points.is_bonus_clause(cid))

    return worth


def _start_reason(start_error: str) -> str:
    """One line for tables: the suite's verdict and the last line the server printed (the
    exception of a traceback, like `SyntaxError: invalid non-printable character U+00A0`)."""
    lines = [ln.strip() for ln in start_error.splitlines() if ln.strip()]
    last = [ln for ln in lines[1:]
            if not ln.startswith(("server std", "client std", "client exit code"))]
    return lines[0] + (f" ({last[-1]})" if last else "") if lines else start_error


def read_results(path: Path, student: str, cfg: RunConfig) -> model.Submission:
    """The suite's results JSON (schema canaduck-results/1) as our model."""
    data = json.loads(path.read_text(encoding="utf-8"))
    checks = [model.CheckResult(
        nodeid=str(c.get("nodeid", "")), clause=str(c.get("clause") or "?"),
        level=str(c.get("level") or "MUST"), step=int(c.get("step") or cfg.step),
        outcome=model.check_outcome(str(c.get("outcome", "error")), str(c.get("message") or "")),
        message=str(c.get("message") or ""),
        transcript=str(c.get("transcript") or ""), server_output=str(c.get("server_output") or ""),
        duration=float(c.get("duration") or 0.0)) for c in data.get("checks", [])]
    # The suite reports the first start failure of any check; a server that did start for some
    # checks (and passed them) is judged on its behaviour, not as "did not start".
    started = bool(data.get("started", True)) or any(c.outcome == "passed" for c in checks)
    sub = model.Submission(student=student, step=cfg.step,
                           status=model.GRADED if started else model.DID_NOT_START,
                           start_error=data.get("start_error"), framing=data.get("framing"),
                           clauses=clause_results(checks, cfg, started), role=cfg.role,
                           policy=cfg.points.describe(cfg.lang))
    if not started:
        sub.reason = _start_reason(str(data.get("start_error") or "no reason given"))
    elif data.get("start_error"):
        sub.reason = f"the {cfg.role} failed to start for some checks"
    return scoring.apply(sub)


def empty_submission(student: str, cfg: RunConfig, status: str, reason: str) -> model.Submission:
    """A submission with nothing run: 0 out of its step's whole table, except a client nobody
    asked for (`--clients auto`), which counts for nothing (0 out of 0)."""
    counted = not (status == model.NO_CLIENT and cfg.clients != CLIENTS_REQUIRED)
    return model.Submission(student=student, step=cfg.step, status=status, reason=reason,
                            clauses=clause_results([], cfg, started=False) if counted else [],
                            role=cfg.role, policy=cfg.points.describe(cfg.lang))


def _suite_process(argv: List[str], cfg: RunConfig, private: Path, out) -> subprocess.Popen:
    """The suite, started in the submission's box; its temporary files in the grader's folder."""
    env = dict(os.environ, TMPDIR=str(private))
    preexec = None
    if cfg.box == BOX_BWRAP:
        argv = bwrap_prefix() + argv
    elif cfg.box == BOX_UNSHARE:
        preexec = enter_own_network
    return subprocess.Popen(argv, cwd=str(cfg.conformance_dir.parent), env=env,
                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True, preexec_fn=preexec)


def grade_one(folder: Path, cfg: RunConfig, uid: Optional[int],
              cancel: threading.Event) -> Optional[Tuple[model.Submission, Optional[bytes]]]:
    """Run the suite on one submission. None when cancelled (Ctrl-C) before it finished.

    `uid`: the claimed sandbox uid (see uids.py) when running as root, else None."""
    student = student_name(folder)
    t0 = time.monotonic()
    if not regular_file(folder, cfg.server_file):
        missing = model.NO_CLIENT if cfg.role == model.PART_CLIENT else model.NO_SERVER
        return empty_submission(student, cfg, missing,
                                f"no {cfg.server_file} in the submission folder"), None
    if cfg.deadline and t0 >= cfg.deadline:
        return empty_submission(student, cfg, model.OUT_OF_BUDGET,
                                "the submission's time budget on this platform ran out before "
                                f"this {cfg.role}"), None
    # The step's own limit, or its share of the submission's budget when that comes first.
    by_budget = bool(cfg.deadline) and cfg.deadline < t0 + cfg.submission_timeout
    deadline = cfg.deadline if by_budget else t0 + cfg.submission_timeout
    work = Path(tempfile.mkdtemp(prefix="sub-", dir=cfg.workbase))
    os.chmod(work, 0o711)  # the sandbox uid may traverse to its copy, not list the folder
    private = work / "suite"  # results and junit: never visible to the sandboxed uid
    private.mkdir(mode=0o700)
    disk = work / "sub"
    disk.mkdir(mode=0o755)
    mounted = mount_disk(disk, cfg.limits.disk)
    cgroup = SubmissionCgroup.create(work.name, parse_size(cfg.limits.mem), cfg.limits.nproc)
    try:
        src, tmp, tree = _prepare_copy(folder, disk, uid, cfg.limits)
        results, junit = private / "results.json", private / "junit.xml"
        # A client is run the same way, in the same box: the suite plays the server inside it.
        program = "--client-cmd" if cfg.role == model.PART_CLIENT else "--server-cmd"
        argv = [sys.executable, "-m", "pytest", str(cfg.conformance_dir),
                program, server_command(cfg, src, tmp, uid, cgroup),
                *(["--framing", cfg.framing] if cfg.role == model.PART_CLIENT and cfg.framing
                  else []),
                "--step", str(cfg.step), "--reply-timeout", str(cfg.reply_timeout),
                "--start-timeout", str(cfg.start_timeout), "--results-json", str(results),
                "--junitxml", str(junit), "--lang", cfg.lang, "-p", "no:cacheprovider", "-q",
                *QUICK_START_ARGS]
        log = private / "pytest.log"
        with open(log, "wb") as out:
            proc = _suite_process(argv, cfg, private, out)
            timed_out = False
            try:
                while proc.poll() is None:
                    if cancel.is_set():
                        return None
                    if time.monotonic() > deadline:
                        timed_out = True
                        break
                    try:
                        proc.wait(timeout=0.2)
                    except subprocess.TimeoutExpired:
                        pass
            finally:
                _kill_group(proc)
                if cgroup is not None:
                    cgroup.kill()
                reap(work, uid)
        output = log.read_text(encoding="utf-8", errors="replace")
        if timed_out and by_budget:
            sub = empty_submission(student, cfg, model.OUT_OF_BUDGET,
                                   f"stopped after {time.monotonic() - t0:.0f} s, when its share "
                                   "of the submission's time budget on this platform ran out")
        elif timed_out:
            sub = empty_submission(student, cfg, model.TIMED_OUT,
                                   f"grading stopped after {cfg.submission_timeout:g} s: the "
                                   f"{cfg.role} is too slow or gets stuck")
        elif results.is_file():
            sub = read_results(results, student, cfg)
        else:
            sub = empty_submission(student, cfg, model.SUITE_ERROR,
                                   f"the conformance suite wrote no results (exit code "
                                   f"{proc.returncode}); this is not the student's fault")
        refused = tree.refusal(cfg.limits.disk, cfg.lang)
        sub.reason = "; ".join(filter(None, [sub.reason, refused]))
        sub.suite_exit_code = proc.returncode
        sub.suite_output = _tail(output)
        sub.duration = round(time.monotonic() - t0, 2)
        clean_submission(sub, [(str(src), ""), (str(tmp), "/tmp"), (str(work), ""),
                               (str(cfg.workbase), "<grader>"),
                               *((h, "<hidden>") for h in cfg.hidden)])
        return sub, (junit.read_bytes() if junit.is_file() else None)
    finally:
        if cgroup is not None:
            cgroup.kill()
        reap(work, uid)
        if cgroup is not None:
            cgroup.remove()
        if mounted:
            unmount(disk)
        remove_tree(work)
