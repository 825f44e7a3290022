"""The Gradescope and PrairieLearn packages run inside a simulation of their platform's container
(tests/platform_confinement.py: Docker's default capabilities and seccomp filter, so namespaces
are refused for real; read-only cgroupfs; this machine's checkouts of the kit hidden, as a
container has none). The kit is installed from the package's own wheel into a virtual environment
of its own, as setup.sh and run.sh do (the dependencies copied from this environment: no index).

Each submission gets valid results that say the platform's container was the box: the correct
server full marks on its clauses, the faulty one loses the clause it breaks, one that never starts
and a fork bomb get 0 with nothing left running, a thief (its server.py runs the kit's own
reference server, imported or found on disk) gets 0, and a submission of stale results (no
server, a results folder committed) gets 0.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Iterator

import pytest

from tests.grade_helpers import CATALOGUE, leftovers, subreaper
from tools.grade.writers import results_json
from tests.platform_confinement import docker_default, fresh_view, supported
from tests.test_grade_platforms import (BROKEN, CORRECT, FAULTY, generate, validate_gradescope,
                                        validate_prairielearn)

pytestmark = [pytest.mark.skipif(not supported(), reason="needs root on x86_64 or aarch64"),
              pytest.mark.grader]

REPO = Path(__file__).resolve().parent.parent
# A container has no other copy of the kit: this machine's checkouts (/work) and whatever other
# runs left in /tmp are not in its view.
COVERED = ["/tmp", "/work", str(REPO)]
FORK_BOMB = (REPO / "tests/grade_fixtures/step3/ines_forkbomb/server.py").read_text()
# The student who hands in the kit's model answer: imported if the kit is on its path, else
# searched for on the disk (a package folder or the kit's wheel), then run on the handout's port.
THIEF = '''import os, sys, time
def find():
    try:
        import reference_impl.server  # the kit, installed where this interpreter looks
        return ""
    except Exception:
        pass
    stop, todo = time.monotonic() + 8, ["/"]
    while todo and time.monotonic() < stop:
        folder = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False) and e.path not in ("/proc", "/sys", "/dev"):
                if e.name == "reference_impl" and os.path.isfile(e.path + "/server.py"):
                    return folder
                todo.append(e.path)
            elif e.name.startswith("canaduck_kit") and e.name.endswith(".whl"):
                return e.path
    return None
where = find()
print("thief found:", where, file=sys.stderr, flush=True)
if where is not None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [where, os.environ.get("PYTHONPATH")])))
    os.execve(sys.executable, [sys.executable, "-m", "reference_impl", "--step", "1"], env)
sys.exit(1)
'''
STALE_GRADESCOPE = {"score": 16, "tests": [], "output": "full marks"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("packages")
    generate("gradescope", out / "gs", "--steps", "1", "--clients", "off", "--no-deps-wheels")
    generate("prairielearn", out / "pl", "--steps", "1", "--clients", "off", "--no-deps-wheels")
    return {"gradescope": out / "gs" / "autograder.zip", "prairielearn": out / "pl"}


@pytest.fixture(scope="module")
def world() -> Iterator[Path]:
    """A folder every uid may traverse, as a container's / is (pytest's own are 0700: a thief
    could not look there anyway, which would prove nothing)."""
    folder = Path(tempfile.mkdtemp(prefix="canaduck-container-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def place(world, tmp_path) -> Iterator[Path]:
    """This test's stand-in for the container's / (world-traversable), gone after it: a
    container holds one submission's package."""
    folder = world / tmp_path.name
    folder.mkdir(mode=0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def kit_venv(packages, world) -> Path:
    """A virtual environment with the kit from the package's wheel, as setup.sh makes it."""
    venv = world / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    site = next(venv.glob("lib/python3*/site-packages"))
    ours = Path(next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()))
    skip = ("__editable__", "canaduck_kit", "hypothesis", "_hypothesis", "pip", "setuptools",
            "_distutils_hack", "distutils-precedence", "pkg_resources", "__pycache__")
    for entry in ours.iterdir():
        if not entry.name.startswith(skip):
            (shutil.copytree if entry.is_dir() else shutil.copyfile)(entry, site / entry.name)
    with zipfile.ZipFile(packages["gradescope"]) as zf:
        wheel = next(n for n in zf.namelist() if n.startswith("wheels/canaduck_kit"))
        with zf.open(wheel) as fh, zipfile.ZipFile(fh) as whl:
            whl.extractall(site)
    return venv


def confined(argv, env_extra: dict, cwd: Path, world: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", **env_extra}
    with subreaper():
        return subprocess.run(argv, cwd=str(cwd), env=env, capture_output=True, text=True,
                              timeout=400, stdin=subprocess.DEVNULL,
                              preexec_fn=docker_default(COVERED, keep=[str(world)]))


def hand_in(folder: Path, kind: str) -> None:
    folder.mkdir(parents=True)
    server = folder / "server.py"
    if kind == "correct":
        shutil.copyfile(CATALOGUE / CORRECT, server)
    elif kind == "faulty":
        shutil.copyfile(CATALOGUE / FAULTY, server)
    elif kind == "never starts":
        server.write_text(BROKEN, encoding="utf-8")
    elif kind == "fork bomb":
        server.write_text(FORK_BOMB, encoding="utf-8")
    elif kind == "thief":
        server.write_text(THIEF, encoding="utf-8")
    elif kind == "stale results":
        for name in ("results/results.json", ".canaduck/step1.json", "grades/results.json"):
            (folder / name).parent.mkdir(exist_ok=True)
            (folder / name).write_text(json.dumps(STALE_GRADESCOPE), encoding="utf-8")


def gradescope_scores(root: Path) -> dict:
    data = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    validate_gradescope(data)
    assert "container" in data["extra_data"]["isolation"] or data["score"] == 0, data
    return data


@pytest.mark.parametrize("kind", ["correct", "faulty", "never starts", "fork bomb", "thief",
                                  "stale results"])
def test_gradescope_in_its_container(packages, kit_venv, world, place, kind):
    root = place / "autograder"
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(packages["gradescope"]) as zf:
        zf.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    os.chmod(root / "run_autograder", 0o755)
    hand_in(root / "submission", kind)
    run = confined([str(root / "run_autograder")],
                   {"CANADUCK_GRADESCOPE_ROOT": str(root), "CANADUCK_VENV": str(kit_venv)}, root,
                   world)
    assert run.returncode == 0, run.stderr[-3000:]
    data = gradescope_scores(root)
    failed = {t["name"].split()[0] for t in data["tests"] if t["status"] == "failed"}
    if kind == "correct":
        assert "container" in data["extra_data"]["isolation"], data
        assert failed <= {"HELLO-3"} and data["score"] > 0, data
    elif kind == "faulty":
        assert "HELLO-2" in failed and data["score"] > 0, data
    else:
        assert data["score"] == 0, data
    assert leftovers(root) == []


@pytest.mark.parametrize("kind", ["correct", "thief", "stale results"])
def test_prairielearn_in_its_container(packages, kit_venv, world, place, kind):
    root = place / "grade"
    shutil.copytree(packages["prairielearn"] / "tests", root / "tests")
    hand_in(root / "student", kind)
    run = confined(["bash", str(root / "tests" / "run.sh")],
                   {"CANADUCK_PRAIRIELEARN_ROOT": str(root), "CANADUCK_VENV": str(kit_venv)},
                   root, world)
    assert run.returncode == 0, run.stderr[-3000:]
    data = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    validate_prairielearn(data)
    if kind == "correct":
        assert data["gradable"] and data["score"] > 0.8 and "container" in data["output"], data
    else:
        assert data["score"] == 0, data
    assert leftovers(root) == []


def test_the_thief_steals_where_the_kit_is_within_reach(tmp_path):
    """The thief is a real one: run with the kit's own environment (importable), it finds the
    reference server and starts it."""
    (tmp_path / "server.py").write_text(THIEF, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(tmp_path / "server.py")], cwd=str(tmp_path),
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            stdin=subprocess.DEVNULL)
    try:
        line = proc.stderr.readline()
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert line.startswith("thief found: ") and "None" not in line, line


@pytest.mark.parametrize("mode", ["bwrap", "unshare"])
def test_the_thief_scores_nothing_in_every_mode(tmp_path, mode):
    """Outside the platforms too (`python -m tools.grade` as root, with bubblewrap or with the
    grader's own namespaces), the kit the grader runs is out of the student's reach: not on the
    interpreter's path, covered on disk. The machine's other checkouts (/work) and other runs'
    files (/tmp) are left out of the view, as they are the machine's and not the kit's."""
    if mode == "bwrap" and shutil.which("bwrap") is None:
        pytest.skip("bubblewrap is not installed")
    hand_in(tmp_path / "class" / "thief", "thief")
    argv = [sys.executable, "-m", "tools.grade", str(tmp_path / "class"), "--step", "1",
            "--out", str(tmp_path / "out"), "--jobs", "1", "--clients", "off",
            "--start-timeout", "20", *(["--no-bwrap"] if mode == "unshare" else [])]
    with subreaper():
        run = subprocess.run(argv, cwd=str(REPO), capture_output=True, text=True, timeout=400,
                             stdin=subprocess.DEVNULL, preexec_fn=lambda: fresh_view(
                                 ["/tmp", "/work"], keep=[str(tmp_path), str(REPO)]))
    assert run.returncode == 0, run.stderr[-3000:]
    sub = results_json.read_all(tmp_path / "out")["thief"]
    assert ("bubblewrap" if mode == "bwrap" else "own network") in sub.sandbox, sub.sandbox
    assert sub.score == 0, (sub.status, sub.reason)
    assert leftovers(tmp_path) == []
