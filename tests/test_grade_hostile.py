"""The grader against a hostile class (issue 9): every attack of the issue's table, graded with and
without bubblewrap, next to two correct classmates with the oddest folder names.

tests/grade_fixtures/hostile/README.md says which student reproduces which attack. The test plants
its own secrets (a root-only file, a root-only folder, a token in the grader's environment, lock
files at the old fixed lock paths) and listens on one host loopback port, then checks: no secret
in any output, nothing outside the grader's own folders changed, the victims score what they score
alone, nothing of the class still runs, and every student gets every output.

Each class is graded once, shared by the checks below and across pytest-xdist workers.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List

import pytest
from filelock import FileLock, Timeout

from tests.grade_helpers import (CATALOGUE, bwrap_works_for_a_sandbox_uid, leftovers,
                                 live_processes, subreaper)
from tools.grade.hygiene import file_stem, student_name
from tools.grade.reaper import uid_processes
from tools.grade.scratch import writable_places
from tools.grade.submissions import remove_tree
from tools.grade.statedir import locks_dir
from tools.grade.uids import SANDBOX_UID_BASE
from tools.grade.sandbox import accessible_to_all
from tools.grade.suite_run import student_python

REPO = Path(__file__).resolve().parent.parent
HOSTILE = REPO / "tests" / "grade_fixtures" / "hostile"
ROOT = os.geteuid() == 0
# The correct classmates, named as badly as a folder can be (a leading `-`, `$(...)`, quotes,
# spaces, bytes that are not UTF-8, an escape sequence). Folders are graded in name order, two at
# a time: the second victim comes last, after the daemon's uid was reused and next to x_snatch.
VICTIMS = [os.fsdecode(b"-v1 $(touch PWNED) \"q'"),
           os.fsdecode(b"x_victim \xff\xfe \x1b[31mred"),
           # issue 19: HTML in a name (the feedback's heading), names whose escaped form is over
           # 255 bytes (results/<name>.json.tmp), graded last beside x_zz_hop
           "<img src=x onerror=alert(1)>", "a" * 250, os.fsdecode(b"\xff" * 64)]
# Made by the test, not kept in git (issue 19): a step folder linking to `..` and one into a
# classmate's folder (no server of its own: the near-miss search runs), a tree 1200 folders deep,
# a 40 GiB sparse file (0 bytes on disk); x_fifo gets a fifo and an unreadable file.
BUILT = ["x_deep", "x_sparse", "x_steplink"]
ATTACKERS = sorted([p.name for p in HOSTILE.iterdir() if p.is_dir()] + BUILT)
DEEP = 1200
LIMITS = ("--step", "1", "--jobs", "2", "--start-timeout", "10", "--reply-timeout", "3",
          "--timeout", "120")
# where graders before the state folder kept their uid locks
CORRECT = CATALOGUE / "step1" / "raw_oneshot_ok.py"  # one-shot: robbed by one early connect
OLD_LOCKS = [Path(f"/tmp/canaduck-grade-uid-{2_000_000 + i}.lock") for i in range(4)]
SCRATCH = (Path("/tmp"), Path("/dev/shm"), Path("/var/tmp"), Path("/run/lock"))

pytestmark = [pytest.mark.skipif(not ROOT, reason="the hostile class is graded as root (uid drop)"),
              pytest.mark.grader]


MODES = ["bwrap", "no-bwrap"] if ROOT and bwrap_works_for_a_sandbox_uid() else ["no-bwrap"]


class Canary:
    """A listener on a host loopback port: no submission may reach it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: List[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    self.received.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.received.append(b"(connected)")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


def _walk(root: Path):
    """Every path under `root`, links not followed, iteratively (x_deep is 1200 folders deep)."""
    stack = [root] if os.path.lexists(root) else []
    while stack:
        path = stack.pop()
        yield path
        if stat.S_ISDIR(os.lstat(path).st_mode):
            stack.extend(sorted(path.iterdir(), reverse=True))


def _tree_state(*roots: Path) -> Dict[str, str]:
    """mode and content hash of every file and folder under `roots` (links not followed; a file
    of over 1 MiB, like x_sparse's 40 GiB, by its size)."""
    state = {}
    for root in roots:
        for path in _walk(root):
            if "__pycache__" in path.parts:  # Python's own byte-code cache, rewritten at will
                continue
            st = os.lstat(path)
            digest = ""
            if stat.S_ISREG(st.st_mode) and st.st_mode & 0o444 and st.st_size <= 1 << 20:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISREG(st.st_mode):
                digest = f"{st.st_size} {st.st_mtime_ns}"
            state[os.fsdecode(path)] = f"{oct(st.st_mode)} {st.st_uid} {digest}"
    return state


def _scratch_leftovers() -> List[str]:
    return sorted(str(p) for d in SCRATCH for p in d.glob("canaduck-hostile-*"))


def _held_by_another_run(uid: int) -> bool:
    """Another test worker holds this uid now (tests/test_grade_sandbox.py keeps one for its
    module, with work folders of its own in /tmp): its files are not this run's leftovers."""
    lock = FileLock(str(locks_dir() / f"uid-{uid}.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


def _sandbox_uid_files() -> List[str]:
    """Files of a sandbox uid in the host's writable folders, but those of a uid another run
    holds."""
    found = subprocess.run(["find", *writable_places(), "-xdev", "-uid", f"+{SANDBOX_UID_BASE - 1}",
                            "-printf", "%U %p\n"], capture_output=True, text=True,
                           timeout=120).stdout
    owners = [line.split(" ", 1) for line in found.split("\n")[:-1]]
    return [path for uid, path in owners if not _held_by_another_run(int(uid))]


def _build(base: Path, planted: Dict[str, str], attackers: List[str]) -> Path:
    klass = base / "class"
    klass.mkdir()
    for name in VICTIMS:
        (klass / name).mkdir()
        shutil.copyfile(CORRECT, klass / name / "server.py")
    for name in (a for a in attackers if a not in BUILT):
        shutil.copytree(HOSTILE / name, klass / name)
        shutil.copyfile(HOSTILE / "_attack.py", klass / name / "_attack.py")
        shutil.copyfile(CORRECT, klass / name / "echo_server.py")
        for file, text in planted.items():
            (klass / name / file).write_text(text)
    for root, dirs, files in os.walk(base):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    if attackers:
        _build_issue19(klass)
    return klass


def _build_issue19(klass: Path) -> None:
    """The students of issue 19 that git cannot hold: links, depth, a sparse file, a fifo."""
    links = klass / "x_steplink"
    links.mkdir(mode=0o755)
    os.symlink("..", links / "etape_1")
    os.symlink(os.path.join("..", VICTIMS[0]), links / "step_1")
    (links / "notes.txt").write_text("my server is in etape_1/\n")
    for name in ("x_deep", "x_sparse"):
        (klass / name).mkdir(mode=0o755)
        shutil.copyfile(CORRECT, klass / name / "server.py")
    fd = os.open(klass / "x_deep", os.O_RDONLY)
    try:
        for _ in range(DEEP):  # relative to the last folder: no path grows past PATH_MAX
            os.mkdir("d", 0o755, dir_fd=fd)
            new = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
        os.close(os.open("deepest.py", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)
    with open(klass / "x_sparse" / "big.bin", "wb") as fh:
        fh.truncate(40 << 30)
    os.mkfifo(klass / "x_fifo" / "pipe")
    (klass / "x_fifo" / "secret.bin").write_text("unreadable\n")
    os.chmod(klass / "x_fifo" / "secret.bin", 0)


def _grade(klass: Path, out: Path, env: Dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.grade", str(klass), "--out", str(out),
                           *LIMITS, *extra], cwd=str(REPO), env=env, capture_output=True,
                          timeout=900, stdin=subprocess.DEVNULL)


def _scores(out: Path) -> Dict[str, str]:
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["student"].lstrip("'"): r["score"] for r in csv.DictReader(fh)}


def _grade_everything(base: Path) -> dict:
    token = "tok-" + secrets.token_hex(12)
    secret_dir, root_only = base / "secret", base / "root_only"
    secret_dir.mkdir(mode=0o700)
    root_only.mkdir(mode=0o700)
    # two words, like a line of /etc/shadow: the old relay made the second the server's host
    (secret_dir / "secret.txt").write_text(f"root SECRET-{secrets.token_hex(12)}\n")
    (root_only / "keep.txt").write_text("root's own file\n")
    for f in (secret_dir / "secret.txt", root_only / "keep.txt"):
        os.chmod(f, 0o600)
    planted_locks = [p for p in OLD_LOCKS if not p.exists()]
    for lock in planted_locks:  # the old fixed lock paths, taken by "another user"
        lock.write_text("")
        os.chown(lock, 65534, 65534)
        os.chmod(lock, 0o600)
    canary = Canary()
    env = dict(os.environ, CANADUCK_TEACHER_TOKEN=token)
    record: dict = {"token": token, "secret": (secret_dir / "secret.txt").read_text().split()[1],
                    "runs": {}}
    try:
        alone = base / "alone"
        alone.mkdir(mode=0o755)
        klass = _build(alone, {}, [])
        run = _grade(klass, alone / "out", env, *([] if "bwrap" in MODES else ["--no-bwrap"]))
        assert run.returncode == 0, run.stderr[-3000:]
        record["alone"] = _scores(alone / "out")
        for mode in MODES:
            where = base / mode
            where.mkdir(mode=0o755)
            planted = {"secret_path.txt": str(secret_dir / "secret.txt"),
                       "root_only_dir.txt": str(root_only), "canary_port.txt": str(canary.port)}
            klass = _build(where, planted, ATTACKERS)
            out = where / "out"
            (klass / "x_reader" / "targets.txt").write_text("\n".join(map(os.fsdecode, [
                klass / VICTIMS[0] / "server.py", klass / VICTIMS[0], out, out / "results",
                secret_dir / "secret.txt", root_only / "keep.txt"])))
            (klass / "x_killer" / "targets.txt").write_text("\n".join(map(str, [
                REPO / "conformance" / "conftest.py", REPO / "tools" / "grade" / "__main__.py"])))
            watched = (secret_dir, root_only, klass, REPO / "conformance", REPO / "tools",
                       *planted_locks)
            before, scratch_before = _tree_state(*watched), _scratch_leftovers()
            uid_files_before = _sandbox_uid_files()
            with subreaper():
                t0 = time.monotonic()
                run = _grade(klass, out, env, *(["--no-bwrap"] if mode == "no-bwrap" else []))
                wall = time.monotonic() - t0
                left = [cmd for _, cmd in leftovers(klass, out)]
            record["runs"][mode] = {
                "out": str(out), "returncode": run.returncode, "wall": wall, "left": left,
                "stdout": run.stdout.decode("utf-8", "replace"),
                "stderr": run.stderr.decode("utf-8", "replace"),
                "changed": sorted(k for k, v in _tree_state(*watched).items()
                                  if before.get(k) != v) + sorted(
                    set(before) - set(_tree_state(*watched))),
                "scratch": sorted(set(_scratch_leftovers()) - set(scratch_before)),
                "uid_files": sorted(set(_sandbox_uid_files()) - set(uid_files_before))}
            remove_tree(klass / "x_deep")  # pytest's own clean-up recurses
        record["canary"] = [b.decode("utf-8", "replace") for b in canary.received]
    finally:
        canary.close()
        for lock in planted_locks:
            lock.unlink()
        for path in _scratch_leftovers():
            os.unlink(path)
    return record


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict:
    """The hostile class graded once per mode (and the victims alone), shared by every check and
    every xdist worker (the first to get the lock grades, the others read its record)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    record = shared / "grade-hostile.json"
    with FileLock(str(shared / "grade-hostile.lock"), timeout=1800):
        if record.is_file():
            return json.loads(record.read_text(encoding="utf-8"))
        base = shared / "grade-hostile"
        remove_tree(base)
        base.mkdir(mode=0o755)
        done = _grade_everything(base)
        record.write_text(json.dumps(done), encoding="utf-8")
        return done


def _outputs(run: dict) -> Dict[str, bytes]:
    files = {str(p): p.read_bytes() for p in Path(run["out"]).rglob("*") if p.is_file()}
    files["terminal"] = (run["stdout"] + run["stderr"]).encode()
    return files


@pytest.mark.parametrize("mode", MODES)
def test_the_run_finishes_and_states_its_sandbox(graded, mode):
    run = graded["runs"][mode]
    assert run["returncode"] == 0, run["stderr"][-3000:]
    assert "sandbox: " in run["stderr"] and "NONE" not in run["stderr"]
    print(f"{mode}: the hostile class took {run['wall']:.1f} s")


@pytest.mark.parametrize("mode", MODES)
def test_no_planted_secret_in_any_output(graded, mode):
    """ready-file link to a root-only file, the environment, /proc/*/environ, other students'
    code and the grader's outputs (x_links, x_env_escape, x_reader, x_snatch)."""
    for name, data in _outputs(graded["runs"][mode]).items():
        for secret in (graded["secret"], graded["token"], "root's own file", "STOLEN"):
            assert secret.encode() not in data, (name, secret)
    assert graded["canary"] == []  # no submission reached the host's other loopback port


@pytest.mark.parametrize("mode", MODES)
def test_nothing_outside_the_graders_folders_changed(graded, mode):
    """root-only folder behind the pythonpath link (x_links), the suite's conftest.py
    (x_killer), the class, the old lock paths; no file left in /tmp, /dev/shm, /var/tmp."""
    run = graded["runs"][mode]
    assert run["changed"] == []
    assert run["scratch"] == []
    assert not any(Path(run["out"]).parent.rglob("PWNED"))


@pytest.mark.parametrize("mode", MODES)
def test_victims_score_as_if_graded_alone(graded, mode):
    """A classmate snatching their one client (x_snatch), a daemon sabotaging later copies
    (x_daemon), a grader-killer (x_killer): the victims' scores do not move."""
    scores = _scores(Path(graded["runs"][mode]["out"]))
    victims = [student_name(Path(v)) for v in VICTIMS]
    assert {v: scores[v] for v in victims} == {v: graded["alone"][v] for v in victims}
    assert float(graded["alone"][victims[0]]) > 0


@pytest.mark.parametrize("mode", MODES)
def test_nothing_of_the_class_is_left_running(graded, mode):
    assert graded["runs"][mode]["left"] == []


@pytest.mark.parametrize("mode", MODES)
def test_every_student_gets_every_output_with_a_clean_name(graded, mode):
    """Odd folder names graded and shown escaped; no raw control character, no private path
    (x_env_escape) in feedback, grades.csv or the terminal."""
    run = graded["runs"][mode]
    out = Path(run["out"])
    names = [student_name(Path(v)) for v in VICTIMS] + ATTACKERS
    assert sorted(_scores(out)) == sorted(names)
    for name in names:
        stem = file_stem(name)
        for rel in (f"results/{stem}.json", f"feedback/{stem}.md", f"classroom/{stem}.json",
                    f"gradescope/{stem}/results.json", f"prairielearn/{stem}/results.json"):
            assert (out / rel).is_file(), rel
    for name, data in _outputs(run).items():
        if name.endswith((".md", ".csv")) or name == "terminal":
            text = data.decode("utf-8")  # every output is valid UTF-8
            assert "\x1b" not in text and "\x07" not in text, name
            assert "/run/canaduck-grade" not in text and "canaduck-grade-" not in text, name
    feedback = (out / "feedback" / "x_env_escape.md").read_text(encoding="utf-8")
    assert "file=server.py" in feedback and "\\x1b]0;pwned" in feedback


def _rows(out: Path) -> Dict[str, Dict[str, str]]:
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["student"].lstrip("'"): r for r in csv.DictReader(fh)}


@pytest.mark.parametrize("mode", MODES)
def test_what_the_grader_refuses_is_said_once_without_a_path(graded, mode):
    """issue 19: a step folder linking to `..` or to a classmate, a tree 1200 deep, a 40 GiB
    sparse file, a fifo and an unreadable file: each student is graded on the rest (a correct
    server scores what the victims score), told in one line what was refused, and no machine
    path (class folder, private copy) is in any of it."""
    out = Path(graded["runs"][mode]["out"])
    rows = _rows(out)
    correct = graded["alone"][student_name(Path(VICTIMS[0]))]
    refused = {"x_deep": "deeper than 32 levels", "x_sparse": "over the 100M size limit",
               "x_fifo": "not regular files"}
    for name, words in refused.items():
        assert rows[name]["score"] == correct, (name, rows[name])
        assert words in rows[name]["reason"], (name, rows[name]["reason"])
        assert (out / "feedback" / f"{name}.md").read_text(encoding="utf-8").count(words) == 1
    assert rows["x_steplink"]["status"] == "no server" and float(rows["x_steplink"]["score"]) == 0
    for name, data in _outputs(graded["runs"][mode]).items():
        assert str(out.parent / "class").encode() not in data, name


@pytest.mark.parametrize("mode", MODES)
def test_a_name_holding_html_is_text_in_the_feedback(graded, mode):
    out = Path(graded["runs"][mode]["out"])
    text = (out / "feedback" / f"{file_stem(VICTIMS[2])}.md").read_text(encoding="utf-8")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


@pytest.mark.parametrize("mode", MODES)
def test_one_cause_is_said_once_in_the_feedback(graded, mode):
    """A fork bomb fails every check the same way: its feedback says that failure once."""
    out = Path(graded["runs"][mode]["out"])
    text = (out / "feedback" / "x_forkbomb.md").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if len(b) > 60 and not b.startswith("#")]
    assert len(blocks) == len(set(blocks)), text[:3000]


@pytest.mark.parametrize("mode", MODES)
def test_no_file_of_a_sandbox_uid_is_left(graded, mode):
    """x_setuid_plant and x_zz_hop plant setuid pythons in /run/lock, /var/tmp, /dev/shm, /tmp:
    none is left (covered by a private nosuid tmpfs, or removed after the submission)."""
    assert graded["runs"][mode]["scratch"] == []
    assert graded["runs"][mode]["uid_files"] == []


def _as_nobody_env(nobody_base: Path):
    python = student_python(True)  # an interpreter "nobody" can run (ours may be under /root)
    packages = sysconfig.get_paths()["purelib"]
    version = subprocess.run([python, "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60).stdout.strip()
    if version != str(sys.version_info[:2]) or not accessible_to_all(Path(packages)):
        pytest.skip("no interpreter of this version that another user can run with our packages")
    home = nobody_base / "home"
    home.mkdir(mode=0o755)
    os.chown(home, 65534, 65534)
    return python, home, {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
                          "PYTHONPATH": packages}


@pytest.fixture
def nobody_base():
    """A folder another user can reach (pytest's own tmp folders are 0700)."""
    base = Path(tempfile.mkdtemp(prefix="canaduck-nobody-"))
    os.chmod(base, 0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def test_without_any_sandbox_the_grader_refuses_unless_told(nobody_base):
    """A normal user without bubblewrap (simulated: `--no-bwrap`): no silent downgrade. With
    `--allow-unsandboxed`, grades.csv and the terminal say the class was graded unprotected."""
    python, home, env = _as_nobody_env(nobody_base)
    klass = nobody_base / "class"
    (klass / "ok").mkdir(parents=True)
    shutil.copyfile(CORRECT, klass / "ok" / "server.py")
    for p in (klass, klass / "ok", klass / "ok" / "server.py"):
        os.chmod(p, 0o755)

    def as_nobody(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([python, "-m", "tools.grade", str(klass), "--out",
                               str(home / "out"), "--no-bwrap", *LIMITS, *extra], cwd=str(REPO),
                              env=env, capture_output=True, text=True, timeout=300,
                              stdin=subprocess.DEVNULL, user=65534, group=65534, extra_groups=[])

    refused = as_nobody()
    assert refused.returncode == 2 and "install bubblewrap" in refused.stderr.lower(), \
        refused.stderr[-2000:]
    assert not (home / "out" / "grades.csv").exists()
    allowed = as_nobody("--allow-unsandboxed")
    assert allowed.returncode == 0, allowed.stderr[-2000:]
    assert "WITHOUT a sandbox" in allowed.stderr
    with open(home / "out" / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert "WITHOUT a sandbox" in row["reason"] and row["status"] == "graded"


@pytest.mark.parametrize("mode", MODES)
def test_a_setuid_file_gives_student_code_no_other_uid(nobody_base, mode):
    """issue 19: student code runs with no_new_privs, with and without bubblewrap: a setuid copy
    of python (owned by another sandbox uid, as one planted by a classmate) runs as the caller."""
    from tools.grade.uids import claim_uids, release

    (owner, runner), locks = claim_uids(2)
    try:
        planted = nobody_base / "planted"
        planted.mkdir(mode=0o755)
        python = Path(os.path.realpath(student_python(True)))
        shutil.copyfile(python, planted / "py")
        os.chown(planted / "py", owner, owner)
        os.chmod(planted / "py", 0o4755)
        work, tmp = nobody_base / "work", nobody_base / "tmp"
        for d in (work, tmp):
            d.mkdir(mode=0o700)
            os.chown(d, runner, runner)
        run = subprocess.run(
            [sys.executable, "-m", "tools.grade.sandbox", "--uid", str(runner),
             "--workdir", str(work), "--tmpdir", str(tmp), "--ro", str(planted),
             "--ro", str(python.parent.parent),
             "--bwrap", "always" if mode == "bwrap" else "never", "--",
             str(planted / "py"), "-c", "import os; print(os.geteuid())"],
            cwd=str(REPO), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        # on failure, also what else runs as that uid (another run's, if locks were not honoured)
        assert run.stdout.split() == [str(runner)], (run.stdout, run.stderr[-2000:],
                                                     [live_processes().get(p) for p in
                                                      uid_processes(runner)])
    finally:
        release(locks)


def test_a_non_root_teacher_is_told_which_limits_do_not_hold(nobody_base):
    """issue 19, as a normal user (nobody): a sparse 40 GiB file, a fifo and an unreadable file,
    a step folder linking to `..` beside a correct classmate: a row per student, the classmate
    scores as a correct server does, and the terminal and every row of grades.csv say that --mem
    (across processes) and --disk (while running) do not hold here."""
    python, home, env = _as_nobody_env(nobody_base)
    klass = nobody_base / "class"
    for name in ("ok", "x_sparse", "x_fifo", "x_steplink"):
        (klass / name).mkdir(parents=True, mode=0o755)
        if name != "x_steplink":
            shutil.copyfile(CORRECT, klass / name / "server.py")
            os.chmod(klass / name / "server.py", 0o644)
    os.chmod(klass, 0o755)
    with open(klass / "x_sparse" / "big.bin", "wb") as fh:
        fh.truncate(40 << 30)
    os.mkfifo(klass / "x_fifo" / "pipe")
    (klass / "x_fifo" / "secret.bin").write_text("nobody may read this\n")
    os.chmod(klass / "x_fifo" / "secret.bin", 0)
    os.symlink("..", klass / "x_steplink" / "etape_1")
    sandbox = [] if shutil.which("bwrap") and MODES[0] == "bwrap" else ["--allow-unsandboxed"]
    run = subprocess.run([python, "-m", "tools.grade", str(klass), "--out", str(home / "out"),
                          *LIMITS, *sandbox], cwd=str(REPO), env=env, capture_output=True,
                         text=True, timeout=600, stdin=subprocess.DEVNULL, user=65534,
                         group=65534, extra_groups=[])
    assert run.returncode == 0, run.stderr[-3000:]
    rows = _rows(home / "out")
    assert sorted(rows) == ["ok", "x_fifo", "x_sparse", "x_steplink"]
    assert float(rows["ok"]["score"]) > 0
    assert rows["x_sparse"]["score"] == rows["x_fifo"]["score"] == rows["ok"]["score"]
    assert "over the 100M size limit" in rows["x_sparse"]["reason"]
    assert "not regular files" in rows["x_fifo"]["reason"]
    assert "cannot read" in rows["x_fifo"]["reason"] and "secret.bin" in rows["x_fifo"]["reason"]
    for words in ("--mem 1G holds per process only", "--disk 100M holds for the copy"):
        assert run.stderr.count(words) == 1, run.stderr[-3000:]
        assert all(words in r["reason"] for n, r in rows.items() if n != "x_steplink")
    for data in [run.stderr] + [r["reason"] for r in rows.values()]:
        assert str(klass) not in data and "canaduck-grade/work" not in data
