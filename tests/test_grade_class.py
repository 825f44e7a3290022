"""The grader end to end on a class of step-3 submissions (tests/grade_fixtures/step3): correct,
faulty, broken and hostile servers, graded with --jobs 2 by the real conformance suite.

One grading run is shared by the checks below (it is the slow part: ~30 s on 2 cores).
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.grade_helpers import leftovers, subreaper
from tools.grade.submissions import suite_version
from tools.grade.suite_run import bwrap_usable
from tools.grade.uids import claim_uids, release

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "grade_fixtures" / "step3"
CORRECT = ["alice_raw", "bob_line", "chloe_threads", "lea_snoop"]
FAULTY = ["david_prefix", "emma_spins", "felix_oneshot", "gaspard_decode"]
BROKEN = ["hugo_import_hang", "ines_forkbomb", "jules_bigalloc", "karim_nobind", "maud_nbsp"]
ROOT = os.geteuid() == 0
START = "6"  # seconds for a server to listen: generous, a loaded 2-core machine is slow

def _bwrap_works_for_a_sandbox_uid() -> bool:
    uids, locks = claim_uids(1)
    try:
        return bwrap_usable(uids[0])
    finally:
        release(locks)


ISOLATED = _bwrap_works_for_a_sandbox_uid()

pytestmark = pytest.mark.skipif(not (REPO / "conformance" / "conftest.py").is_file(),
                                reason="the conformance suite is not there yet")


def grade(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """The grader as a teacher runs it; every run is bounded in wall-clock time."""
    return subprocess.run([sys.executable, "-m", "tools.grade", *args], cwd=str(REPO),
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class copied to a world-readable folder (so only the sandbox keeps students apart),
    graded once; yields (class folder, output folder, completed process)."""
    base = Path(tempfile.mkdtemp(prefix="canaduck-class-"))
    os.chmod(base, 0o755)
    klass, out = base / "class", base / "out"
    shutil.copytree(FIXTURES, klass)
    for root, dirs, files in os.walk(base):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    (klass / "lea_snoop" / "targets.txt").write_text("\n".join(str(p) for p in [
        klass / "alice_raw" / "server.py", klass / "alice_raw", out, out / "results",
        out / "results" / "alice_raw.json", out / "feedback" / "alice_raw.md"]))
    version = suite_version()
    with subreaper():
        t0 = time.monotonic()
        run = grade(str(klass), "--step", "3", "--jobs", "2", "--out", str(out),
                    "--start-timeout", START, "--timeout", "120")
        run.wall = time.monotonic() - t0
        run.suite = version
        try:
            yield klass, out, run
        finally:
            shutil.rmtree(base, ignore_errors=True)


def rows(out: Path) -> dict:
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


def test_run_succeeds_and_says_where_outputs_are(graded):
    _, out, run = graded
    assert run.returncode == 0, run.stderr[-3000:]
    assert "class average" in run.stderr
    print(f"grading the class took {run.wall:.1f} s")


def test_grades_order_correct_then_faulty_then_broken(graded):
    _, out, run = graded
    r = rows(out)
    assert set(r) == set(CORRECT + FAULTY + BROKEN)
    score = {name: float(row["score"]) for name, row in r.items()}
    total = float(r["alice_raw"]["max_score"])
    assert total > 0 and all(float(row["max_score"]) == total for row in r.values())
    assert all(score[n] == total for n in CORRECT), {n: score[n] for n in CORRECT}
    assert all(0 < score[n] < total for n in FAULTY), {n: score[n] for n in FAULTY}
    assert all(score[n] == 0 for n in BROKEN), {n: score[n] for n in BROKEN}
    assert all(r[n]["status"] == "did not start" for n in BROKEN)
    assert all(r[n]["status"] == "graded" for n in CORRECT + FAULTY)


def test_reasons_name_the_faults(graded):
    _, out, _ = graded
    fb = {p.stem: p.read_text(encoding="utf-8") for p in (out / "feedback").glob("*.md")}
    assert "SyntaxError" in fb["maud_nbsp"] and "did not start" in fb["maud_nbsp"]
    assert 'File "server.py", line' in fb["maud_nbsp"]  # not the grader's private copy path
    assert "MemoryError" in fb["jules_bigalloc"]
    assert "bound nothing" in fb["karim_nobind"] and "bound nothing" in fb["hugo_import_hang"]
    assert "ECHO-1" in fb["david_prefix"].split("## What works")[0]
    assert "ROBUST-1" in fb["emma_spins"].split("## What works")[0]
    assert "SEQ-1" in fb["felix_oneshot"].split("## What works")[0]
    assert "What to fix" not in fb["alice_raw"]


def test_every_output_exists_and_parses(graded):
    _, out, _ = graded
    for name in CORRECT + FAULTY + BROKEN:
        res = json.loads((out / "results" / f"{name}.json").read_text(encoding="utf-8"))
        assert res["schema"] == "canaduck-grade/1" and res["student"] == name
        gs = json.loads((out / "gradescope" / name / "results.json").read_text(encoding="utf-8"))
        assert gs["score"] == res["score"] and gs["tests"]
        gh = json.loads((out / "classroom" / f"{name}.json").read_text(encoding="utf-8"))
        assert gh["version"] == 1 and gh["status"] in ("pass", "fail", "error")
        pl = json.loads((out / "prairielearn" / name / "results.json").read_text(encoding="utf-8"))
        assert pl["gradable"] == (name not in BROKEN)
        tree = ET.parse(out / "junit" / f"{name}.xml")  # pytest's own JUnit XML
        assert tree.getroot().iter("testcase")
    parser = HTMLParser()
    parser.feed((out / "report.html").read_text(encoding="utf-8"))
    parser.close()


def test_hostile_submissions_are_contained(graded):
    klass, out, _ = graded
    assert leftovers(klass, out) == []
    everything = "".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in out.rglob("*") if p.is_file())
    if ISOLATED or not ROOT:
        assert "LEAKED" not in everything
    assert float(rows(out)["lea_snoop"]["score"]) == float(rows(out)["lea_snoop"]["max_score"])


def test_rerun_skips_unchanged_and_only_regrades_one(graded):
    klass, out, run = graded
    if suite_version() != run.suite:
        pytest.skip("conformance/ changed since the class was graded: everyone is re-graded")
    before = rows(out)
    again = grade(str(klass), "--step", "3", "--jobs", "2", "--out", str(out),
                  "--start-timeout", START, "--timeout", "120")
    assert again.returncode == 0, again.stderr[-2000:]
    assert again.stderr.count("unchanged") >= len(before)
    assert rows(out) == before
    (klass / "david_prefix" / "server.py").write_text(
        (klass / "alice_raw" / "server.py").read_text())  # david fixes his server
    fixed = grade(str(klass), "--step", "3", "--out", str(out), "--only", "david_prefix",
                  "--start-timeout", START, "--timeout", "120")
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert "[1/1] david_prefix" in fixed.stderr
    after = rows(out)
    assert after["david_prefix"]["score"] == after["david_prefix"]["max_score"]
    assert {k: v for k, v in after.items() if k != "david_prefix"} == \
        {k: v for k, v in before.items() if k != "david_prefix"}
    assert leftovers(klass, out) == []


def test_merge_of_split_outputs_gives_the_same_grades(graded, tmp_path):
    _, out, _ = graded
    parts = [tmp_path / "a", tmp_path / "b"]
    names = sorted(p.stem for p in (out / "results").glob("*.json"))
    for i, part in enumerate(parts):
        (part / "results").mkdir(parents=True)
        (part / "junit").mkdir()
        for name in names[i::2]:
            shutil.copy(out / "results" / f"{name}.json", part / "results")
            shutil.copy(out / "junit" / f"{name}.xml", part / "junit")
    merged = tmp_path / "merged"
    res = grade("--merge", *map(str, parts), "--out", str(merged))
    assert res.returncode == 0, res.stderr
    assert rows(merged) == rows(out)
    assert sorted(p.name for p in (merged / "junit").iterdir()) == [f"{n}.xml" for n in names]


@pytest.fixture
def adopting():
    with subreaper():
        yield


def test_a_run_past_its_wall_clock_limit_is_stopped(tmp_path, adopting):
    klass, out = tmp_path / "class", tmp_path / "out"
    klass.mkdir()
    shutil.copytree(FIXTURES / "hugo_import_hang", klass / "hugo_import_hang")
    res = grade(str(klass), "--step", "3", "--out", str(out), "--timeout", "2",
                "--start-timeout", "30")
    assert res.returncode == 0, res.stderr[-2000:]
    row = rows(out)["hugo_import_hang"]
    assert row["status"] == "timed out" and float(row["score"]) == 0
    assert "Grading was stopped" in (out / "feedback" / "hugo_import_hang.md").read_text()
    assert leftovers(klass, out) == []


def test_ctrl_c_stops_cleanly_and_keeps_what_is_done(tmp_path, adopting):
    klass, out = tmp_path / "class", tmp_path / "out"
    klass.mkdir()
    for name in ("alice_raw", "hugo_import_hang", "karim_nobind"):
        shutil.copytree(FIXTURES / name, klass / name)
    proc = subprocess.Popen([sys.executable, "-m", "tools.grade", str(klass), "--step", "3",
                             "--jobs", "1", "--out", str(out), "--start-timeout", "20"],
                            cwd=str(REPO), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not (out / "results" / "alice_raw.json").exists():  # first one done
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert "alice_raw" in rows(out)
    assert not (out / "results" / "karim_nobind.json").exists()
    assert leftovers(klass, out) == []
