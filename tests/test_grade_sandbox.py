"""The launcher that confines a student's server (tools/grade/sandbox.py), run directly on small
hostile programs: limits hold, the uid is dropped, bubblewrap hides the rest of the disk, and
nothing is left running afterwards."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tools.grade import statedir
from tools.grade.cgroups import SubmissionCgroup
from tools.grade.hygiene import clean_text, student_name
from tools.grade.reaper import leftover_processes, reap
from tools.grade.suite_run import bwrap_usable, mount_disk, student_python, unmount
from tools.grade.uids import claim_uids, release

pytestmark = pytest.mark.grader  # runs the real grader: one test at a time (README, .ci/run)

ROOT = os.geteuid() == 0
PYTHON = student_python(ROOT)
# Held for the whole module: no concurrent grading run (another test worker) uses this uid.
(UID,), _LOCKS = claim_uids(1)
BWRAP = bwrap_usable(UID)


def teardown_module() -> None:
    release(_LOCKS)


@pytest.fixture
def box(tmp_path_factory):
    """A world-traversable work folder with `src` (the copy) and `tmp`, owned by the sandbox uid."""
    work = Path(tempfile.mkdtemp(prefix="canaduck-sandbox-test-"))
    os.chmod(work, 0o755)
    src, tmp = work / "src", work / "tmp"
    src.mkdir()
    tmp.mkdir()
    if ROOT:
        for d in (src, tmp):
            os.chown(d, UID, UID)
    yield work
    reap(work, UID)
    subprocess.run(["rm", "-rf", str(work)], check=False, timeout=60)


def _argv(work: Path, script: str, *extra: str, bwrap: bool = BWRAP) -> list:
    (work / "src" / "prog.py").write_text(script, encoding="utf-8")
    argv = [sys.executable, "-m", "tools.grade.sandbox", "--workdir", str(work / "src"),
            "--tmpdir", str(work / "tmp"), "--bwrap", "always" if bwrap else "never", *extra]
    if ROOT:
        argv += ["--uid", str(UID)]
    return argv + ["--", PYTHON, str(work / "src" / "prog.py")]


def _run(work: Path, script: str, *extra: str, bwrap: bool = BWRAP) -> subprocess.CompletedProcess:
    return subprocess.run(_argv(work, script, *extra, bwrap=bwrap), capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_ten_gigabytes_is_refused(box):
    res = _run(box, "x = bytearray(10 * 1024 ** 3)\nprint('allocated')\n")
    assert res.returncode != 0
    assert "MemoryError" in res.stderr and "allocated" not in res.stdout


def test_hundreds_of_threads_still_fit(box):
    script = ("import threading\nev = threading.Event()\n"
              "ts = [threading.Thread(target=ev.wait) for _ in range(300)]\n"
              "[t.start() for t in ts]\nev.set()\n[t.join() for t in ts]\nprint('ok', len(ts))\n")
    res = _run(box, script)
    assert res.returncode == 0, res.stderr
    assert "ok 300" in res.stdout


@pytest.mark.skipif(not ROOT, reason="dropping to another uid needs root")
@pytest.mark.parametrize("bwrap", [False, True] if BWRAP else [False])
def test_runs_as_the_dedicated_uid(box, bwrap):
    res = _run(box, "import os\nprint(os.getuid(), os.getgid())\n", bwrap=bwrap)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [str(UID), str(UID)]


@pytest.mark.skipif(not BWRAP, reason="bubblewrap is not installed or cannot run here")
def test_bwrap_hides_other_folders_but_keeps_the_copy_writable(box):
    secret_dir = Path(tempfile.mkdtemp(prefix="canaduck-other-student-"))
    try:
        os.chmod(secret_dir, 0o755)
        (secret_dir / "server.py").write_text("SECRET")
        os.chmod(secret_dir / "server.py", 0o644)
        script = (f"import os\ntry:\n    print(open({str(secret_dir / 'server.py')!r}).read())\n"
                  "except OSError as e:\n    print('blocked', type(e).__name__)\n"
                  "open('mine.txt', 'w').write('x')\nopen('/tmp/t.txt', 'w').write('y')\n"
                  "print('wrote')\n")
        res = _run(box, script)
        assert res.returncode == 0, res.stderr
        assert "SECRET" not in res.stdout and "blocked" in res.stdout and "wrote" in res.stdout
        assert (box / "src" / "mine.txt").read_text() == "x"
    finally:
        subprocess.run(["rm", "-rf", str(secret_dir)], check=False, timeout=60)


def test_fork_bomb_is_bounded_and_leaves_nothing(box):
    nproc = 60
    script = ("import os, time\nwhile True:\n    try:\n        os.fork()\n"
              "    except OSError:\n        time.sleep(0.05)\n")
    proc = subprocess.Popen(_argv(box, script, "--nproc", str(nproc), "--cpu", "20"),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        peak, deadline = 0, time.monotonic() + 15
        # The bomb grows until the limit stops it: watch until the count stops growing.
        while time.monotonic() < deadline:
            count = len(leftover_processes(box, UID))
            peak = max(peak, count)
            if peak >= nproc - 5:
                break
            time.sleep(0.05)
        for _ in range(10):
            peak = max(peak, len(leftover_processes(box, UID)))
        assert peak >= 5, "the fork bomb did not even start"
        # the limit counts per user (dedicated uid as root); as another user it is a budget on top
        # of that user's tasks, which other programs change meanwhile: no bound to check then
        if ROOT:
            assert peak <= nproc + 3
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        reap(box, UID)
    assert leftover_processes(box, UID) == []


def test_the_server_gets_a_clean_environment_and_the_shim(box):
    """(A client too.) No variable of the grader's (a token) reaches the student; HOME is the copy; the bind shim
    comes from the folder the grader gave (--shim), not from the grader's PYTHONPATH."""
    shim = Path(tempfile.mkdtemp(prefix="canaduck-shim-"))
    try:
        os.chmod(shim, 0o755)
        (shim / "sitecustomize.py").write_text("import os\nos.environ['SHIM'] = 'on'\n")
        os.chmod(shim / "sitecustomize.py", 0o644)
        script = ("import os, json\nprint(json.dumps(dict(os.environ)))\n")
        env = dict(os.environ, CANADUCK_TEACHER_TOKEN="tok-123", PYTHONPATH="/nonexistent",
                   PORT="4242", CANADUCK_READY_FILE="/tmp/x", CANADUCK_CONNECT_PORT="4343")
        res = subprocess.run(_argv(box, script, "--shim", str(shim)), capture_output=True,
                             text=True, timeout=60, stdin=subprocess.DEVNULL, env=env)
        assert res.returncode == 0, res.stderr
        seen = json.loads(res.stdout)
        assert "tok-123" not in res.stdout and "CANADUCK_READY_FILE" not in seen
        assert seen["SHIM"] == "on" and seen["PYTHONPATH"] == str(shim)
        assert seen["HOME"] == str(box / "src") and seen["PORT"] == "4242"
        assert seen["CANADUCK_CONNECT_PORT"] == "4343"  # a client's connect() goes to the suite
        assert seen["TMPDIR"] == ("/tmp" if BWRAP else str(box / "tmp"))
        assert seen["PATH"] == "/usr/local/bin:/usr/bin:/bin" and seen["LANG"] == "C.UTF-8"
    finally:
        shutil.rmtree(shim, ignore_errors=True)


@pytest.mark.skipif(not ROOT, reason="cgroups are made by root")
def test_memory_is_limited_for_the_submission_as_a_whole(box):
    """Three processes of 80 MB each fit their own address-space limit, not a 128 MB cgroup."""
    group = SubmissionCgroup.create(f"test-{os.getpid()}", 128 << 20, 512)
    if group is None:
        pytest.skip("no cgroup controllers writable here")
    script = ("import os, time\nkids = []\nfor _ in range(3):\n    pid = os.fork()\n"
              "    if pid == 0:\n        b = bytearray(80 << 20)\n        b[::4096] = b'x' * len(b[::4096])\n"
              "        time.sleep(1)\n        os._exit(0)\n    kids.append(pid)\n"
              "codes = [os.waitpid(k, 0)[1] for k in kids]\nprint('killed', sum(c != 0 for c in codes))\n")
    try:
        args = [a for p in group.procs_files() for a in ("--cgroup-procs", p)]
        res = _run(box, script, "--mem", "1G", *args)
        assert res.returncode == 0, res.stderr
        assert res.stdout.split() == ["killed", res.stdout.split()[1]]
        assert int(res.stdout.split()[1]) >= 1, res.stdout
    finally:
        group.kill()
        group.remove()


@pytest.mark.skipif(not ROOT, reason="only root mounts the submission's tmpfs")
def test_disk_is_limited_for_the_submission_as_a_whole(tmp_path):
    """Files of 10 MB each (under the per-file limit) stop at the submission's 32 MB."""
    where = tmp_path / "disk"
    where.mkdir()
    assert mount_disk(where, "32M")
    try:
        written = 0
        with pytest.raises(OSError):
            for i in range(10):
                (where / f"f{i}").write_bytes(b"x" * (10 << 20))
                written += 10
        assert written <= 32
    finally:
        unmount(where)


def test_the_state_folder_refuses_a_planted_one(tmp_path, monkeypatch):
    """A folder someone else made (or a link) is refused, not used or followed."""
    target = tmp_path / "elsewhere"
    target.mkdir()
    link = tmp_path / "state"
    link.symlink_to(target)
    monkeypatch.setattr(statedir, "_base", lambda: link)
    with pytest.raises(statedir.StateDirError):
        statedir.state_dir()
    link.unlink()
    link.mkdir(mode=0o777)
    os.chmod(link, 0o777)
    with pytest.raises(statedir.StateDirError):
        statedir.state_dir()


def test_names_and_text_are_made_safe():
    name = student_name(Path(os.fsdecode(b"-a $(x) \"q' \xff\x1b[31m\\")))
    assert name == "-a $(x) \"q' \\xff\\x1b[31m\\\\" and name.isprintable()
    assert clean_text("ok\n\x1b]0;t\x07 \u202eevil\tend") == "ok\n\\x1b]0;t\\x07 \\u202eevil\tend"
