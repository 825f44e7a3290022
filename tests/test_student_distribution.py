"""A student's install holds the spec and the suite, not the model answer nor the grader.

The students' copy of the kit (`python -m tools.student_kit`) installed the way the README says
(`pip install ./canaduck-kit`, here offline: --no-build-isolation, --no-deps, the venv seeing this
environment's pytest through a `.pth` line) has no `reference_impl` and no `tools`, on its path or
on disk, and `canaduck check` still works; without a server to check it says what to give. The
same distribution built from the kit itself with CANADUCK_DIST=student holds the same packages;
the kit's own build keeps everything.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parent.parent
SERVER = REPO / "tests" / "catalogue" / "step1" / "raw_oneshot_ok.py"
COPY_IGNORE = shutil.ignore_patterns(".venv*", ".git", "build", "*.egg-info", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "grades")


def _run(argv: List[str], cwd: Path, env_extra: dict = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTEST_ADDOPTS", "CANADUCK_DIST")}
    env.update(LANG="C.UTF-8", **(env_extra or {}))
    return subprocess.run(argv, cwd=str(cwd), capture_output=True, text=True, timeout=240,
                          env=env, stdin=subprocess.DEVNULL)


def _packages(wheel: Path) -> set:
    with zipfile.ZipFile(wheel) as zf:
        return {n.split("/", 1)[0] for n in zf.namelist() if "/" in n}


def _wheel(source: Path, dest: Path, **env: str) -> Path:
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                  "-w", str(dest), f"{source}/"], source.parent, env)
    assert built.returncode == 0, built.stdout + built.stderr
    return next(dest.glob("canaduck_kit-*.whl"))


@pytest.fixture(scope="module")
def student_venv(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("student")
    made = _run([sys.executable, "-m", "tools.student_kit", "--out", str(base / "canaduck-kit")],
                REPO)
    assert made.returncode == 0, made.stderr
    assert not (base / "canaduck-kit" / "reference_impl").exists()
    venv = base / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base).returncode == 0
    python = venv / "bin" / "python"
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                   base).stdout.strip()
    Path(purelib, "canaduck-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # The README's command, from the folder the teacher handed out (offline here).
    done = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                 "--no-deps", "--no-build-isolation", "./canaduck-kit"], base)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv


def test_the_students_install_has_no_model_answer_and_no_grader(student_venv):
    probe = ("import importlib.util as u, json, sys; print(json.dumps({m: bool(u.find_spec(m)) "
             "for m in ('conformance', 'reference_impl', 'tools')}))")
    done = _run([str(student_venv / "bin" / "python"), "-c", probe], student_venv)
    assert done.stdout.strip() == '{"conformance": true, "reference_impl": false, "tools": false}'
    on_disk = [p for p in student_venv.rglob("*") if p.name in ("reference_impl", "tools")]
    assert on_disk == []
    assert not (student_venv / "bin" / "canaduck-server").exists()
    assert not (student_venv / "bin" / "canaduck-grade").exists()


def test_canaduck_check_works_in_the_students_install(student_venv, tmp_path):
    shutil.copyfile(SERVER, tmp_path / "server.py")
    canaduck = str(student_venv / "bin" / "canaduck")
    done = _run([canaduck, "check", "server.py", "--step", "1", "-p", "no:cacheprovider",
                 "--basetemp", str(tmp_path / "bt")], tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "passed" in done.stdout
    # the suite with no server named checks the bundled reference server, which is not there: a
    # usage error says what to give (`canaduck check` alone says it too, its own way)
    python = str(student_venv / "bin" / "python")
    for lang, words in (("en", "no reference server"), ("fr", "pas de serveur de référence")):
        bare = _run([python, "-m", "pytest", "--pyargs", "conformance", "--step", "1", "--lang",
                     lang, "-p", "no:cacheprovider"], tmp_path)
        assert bare.returncode == 4, bare.stdout[-2000:] + bare.stderr[-2000:]
        assert words in bare.stderr + bare.stdout and "--server-cmd" in bare.stderr + bare.stdout


def test_one_repository_builds_both_distributions(tmp_path):
    source = tmp_path / "kit"
    shutil.copytree(REPO, source, ignore=COPY_IGNORE)
    full = _wheel(source, tmp_path / "full")
    # the same tree, built for students after the full build (its build/ folder still there)
    student = _wheel(source, tmp_path / "student", CANADUCK_DIST="student")
    assert {"conformance", "reference_impl", "tools"} <= _packages(full)
    assert "reference_impl" not in _packages(student) and "tools" not in _packages(student)
    assert "conformance" in _packages(student)
    with zipfile.ZipFile(student) as zf:  # the bind shim: a folder, not a package
        assert "conformance/bindshim/sitecustomize.py" in zf.namelist()
