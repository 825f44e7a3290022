"""The student's path, as a student meets it: the kit built as a wheel and installed (not editable)
into a fresh virtual environment, then ``canaduck check server.py`` from a folder holding only that
file. It must give the verdicts of ``pytest conformance --server-cmd …`` run from the kit's root.

Lean and offline: one wheel and one venv for the module (``--no-build-isolation``, ``--no-deps``;
the venv sees this environment's pytest, xdist and filelock through a ``.pth`` line, while the kit
itself comes from the wheel alone).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

REPO = Path(__file__).resolve().parent.parent
SERVER = REPO / "tests" / "catalogue" / "step3" / "exits_on_fin_seq1.py"    # fails SEQ-1 only
BIN = "Scripts" if os.name == "nt" else "bin"


def _run(argv: List[str], cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS")}
    env["LANG"] = "C.UTF-8"
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    return subprocess.run(argv, cwd=str(cwd), capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with the kit installed from its wheel; returns the venv's folder."""
    base = tmp_path_factory.mktemp("install")
    source = base / "kit"      # a clean copy: no stale build/ or egg-info can leak into the wheel
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".venv*", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "grades"))
    wheels = base / "wheels"
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                  "-w", str(wheels), str(source)], base)
    assert built.returncode == 0, built.stdout + built.stderr
    target = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(target)], base)
    assert made.returncode == 0, made.stderr
    python = target / BIN / ("python.exe" if os.name == "nt" else "python")
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base)
    Path(purelib.stdout.strip(), "canaduck-test-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next(wheels.glob("canaduck_kit-*.whl"))
    installed = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                      str(wheel)], base)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return target


def _verdicts(results: Path) -> Dict[str, Tuple[str, str]]:
    data = json.loads(results.read_text(encoding="utf-8"))
    return {check["nodeid"]: (check["clause"], check["outcome"]) for check in data["checks"]}


def test_the_wheel_holds_the_suite_the_spec_and_the_shim(venv):
    python = venv / BIN / "python"
    probe = _run([str(python), "-c", "import conformance.core.clauses as c, conformance.server_under_test.launcher as l;"
                  " print(c.SPEC_DIR); print(l.BINDSHIM_DIR / 'sitecustomize.py')"], venv)
    spec_dir, shim = probe.stdout.split()
    assert Path(spec_dir).is_relative_to(venv) and Path(shim).is_relative_to(venv), probe.stdout
    assert (Path(spec_dir) / "protocol.md").is_file() and (Path(spec_dir) / "protocole.md").is_file()
    assert Path(shim).is_file()


def test_canaduck_check_from_a_student_folder_gives_the_kits_verdicts(venv, tmp_path):
    student = tmp_path / "etudiant"
    student.mkdir()
    shutil.copy(SERVER, student / "server.py")
    mine = _run([str(venv / BIN / "canaduck"), "check", "server.py", "--step", "3",
                 "--results-json", str(tmp_path / "student.json"), "--basetemp", str(tmp_path / "b1")], student)
    kit = _run([sys.executable, "-m", "pytest", "conformance", "-p", "no:cacheprovider",
                "--server-cmd", f"{sys.executable} {student / 'server.py'}", "--step", "3",
                "--results-json", str(tmp_path / "kit.json"), "--basetemp", str(tmp_path / "b2")], REPO)
    assert mine.returncode == kit.returncode == 1, mine.stdout[-3000:] + kit.stdout[-3000:]
    verdicts = _verdicts(tmp_path / "student.json")
    assert verdicts == _verdicts(tmp_path / "kit.json")
    assert {clause for clause, outcome in verdicts.values() if outcome == "failed"} == {"SEQ-1"}
    assert "conformance/checks/server/test_session.py::test_fin_closes[SESS-2-step3]" in verdicts
    assert sorted(os.listdir(student)) == ["server.py"]    # nothing left there, not even a cache (issue 20)


def test_canaduck_spec_prints_clauses_in_both_languages(venv):
    canaduck = str(venv / BIN / "canaduck")
    english = _run([canaduck, "spec", "CMD-5", "--lang", "en"], venv)
    assert english.stdout.startswith("CMD-5 [MUST] The pseudo in the replies of CMD-2 to CMD-4")
    french = _run([canaduck, "spec", "--step", "6", "--lang", "fr"], venv)
    lines = french.stdout.splitlines()
    assert lines[0] == "Étape 6 : les clauses qui s'appliquent"
    assert any(line.split()[:2] == ["CMD-5", "MUST"] and "pseudo" in line for line in lines)
    client = lines.index("Étape 6 : les clauses qui s'appliquent au client")
    assert [line.split()[0] for line in lines[1:client]][-4:] == ["ROBUST-1", "ROBUST-2", "ROBUST-3", "ROBUST-4"]
    assert [line.split()[0] for line in lines[client + 1:]] == [f"CLIENT-{n}" for n in range(1, 7)]
    unknown = _run([canaduck, "spec", "CMD-99"], venv)
    assert unknown.returncode == 2 and "CMD-99" in unknown.stderr
