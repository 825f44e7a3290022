"""The grader end to end on a class of step-3 submissions (tests/grade_helpers.build_class: the
catalogue's servers plus the hostile ones of tests/grade_fixtures/step3): correct, faulty, broken
and hostile servers, graded with --jobs 2 by the real conformance suite.

One grading run is shared by the checks below, across pytest-xdist workers too (it is the slow
part: ~40 s on 2 idle cores, ~55 s with `pytest -n 4` on 2 busy ones).
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest
from filelock import FileLock

from tests.grade_helpers import build_class, bwrap_works_for_a_sandbox_uid, leftovers, subreaper
from tools.grade.submissions import suite_version

REPO = Path(__file__).resolve().parent.parent
CORRECT = ["alice_raw", "bob_line", "chloe_threads", "lea_snoop"]
FAULTY = ["david_prefix", "emma_spins", "felix_fin_stops", "gaspard_decode"]
BROKEN = ["hugo_import_hang", "ines_forkbomb", "jules_bigalloc", "karim_nobind", "maud_nbsp"]
# Verdicts that depend on time, with room for CI (`pytest -n 4` on 2 busy cores): a correct server
# listens within ~1 s and replies within ~0.5 s there. Only servers that never bind or never
# answer wait these out, so each second added costs about that much wall time.
START = "10"   # seconds for a server to listen
REPLY = "3"    # seconds the suite waits for each reply (its default: 2)
# Servers only: alice's client.py is graded in tests/test_grade_clients_run.py (the clients' class).
LIMITS = ("--start-timeout", START, "--reply-timeout", REPLY, "--timeout", "120",
          "--clients", "off")


ISOLATED = bwrap_works_for_a_sandbox_uid()

pytestmark = [pytest.mark.skipif(not (REPO / "conformance" / "plugin.py").is_file(),
                                reason="the conformance suite is not there yet"),
              pytest.mark.grader]


def grade(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """The grader as a teacher runs it; every run is bounded in wall-clock time."""
    return subprocess.run([sys.executable, "-m", "tools.grade", *args], cwd=str(REPO),
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


class Graded(NamedTuple):
    klass: Path
    out: Path
    returncode: int
    stderr: str
    wall: float    # seconds the grading took
    suite: str     # suite_version() when it started


def _grade_the_class(base: Path) -> Graded:
    klass, out = base / "class", base / "out"
    build_class(klass)
    for root, dirs, _ in os.walk(base):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    (klass / "lea_snoop" / "targets.txt").write_text("\n".join(str(p) for p in [
        klass / "alice_raw" / "server.py", klass / "alice_raw", out, out / "results",
        out / "results" / "alice_raw.json", out / "feedback" / "alice_raw.md"]))
    version = suite_version()
    with subreaper():
        t0 = time.monotonic()
        run = grade(str(klass), "--step", "3", "--jobs", "2", "--out", str(out), *LIMITS)
        wall = time.monotonic() - t0
    return Graded(klass, out, run.returncode, run.stderr, wall, version)


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    """The class graded once for the whole test session, even with pytest-xdist: workers share
    pytest's base folder, and the first one to get there grades while the others wait on a lock
    and read the same outputs (four workers grading the class at once would each take four
    times as long). Tests only read it; one that changes a submission works on a copy."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    record = shared / "grade-class.json"
    with FileLock(str(shared / "grade-class.lock"), timeout=900):
        if record.is_file():
            data = json.loads(record.read_text(encoding="utf-8"))
            return Graded(**{**data, "klass": Path(data["klass"]), "out": Path(data["out"])})
        base = shared / "grade-class"
        shutil.rmtree(base, ignore_errors=True)  # what a worker that failed half-way left
        base.mkdir(mode=0o755)
        done = _grade_the_class(base)
        record.write_text(json.dumps({**done._asdict(), "klass": str(done.klass),
                                      "out": str(done.out)}), encoding="utf-8")
        return done


@pytest.fixture
def adopting():
    with subreaper():
        yield


def rows(out: Path) -> dict:
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


def musts_lost(out: Path, name: str) -> list:
    """The MUST clauses a student lost points on."""
    res = json.loads((out / "results" / f"{name}.json").read_text(encoding="utf-8"))
    return [c["clause"] for c in res["clauses"]
            if c["level"] == "MUST" and c["points"] < c["max_points"]]


def test_run_succeeds_and_says_where_outputs_are(graded):
    assert graded.returncode == 0, graded.stderr[-3000:]
    assert "class average" in graded.stderr
    print(f"grading the class took {graded.wall:.1f} s")


def test_grades_order_correct_then_faulty_then_broken(graded):
    out = graded.out
    r = rows(out)
    assert set(r) == set(CORRECT + FAULTY + BROKEN)
    score = {name: float(row["score"]) for name, row in r.items()}
    top = {name: float(row["max_score"]) for name, row in r.items()}
    # one maximum for everyone (tools/grade/scoring.py): what does not apply to a server (FRAME-2
    # and FRAME-3 for raw framing) counts as held, a server that never ran scores 0 of it all
    assert len(set(top.values())) == 1 and max(top.values()) > 0
    assert r["alice_raw"]["FRAME-2 (/2)"] == "n/a"
    assert {n: musts_lost(out, n) for n in CORRECT} == {n: [] for n in CORRECT}
    assert all(musts_lost(out, n) for n in FAULTY), {n: musts_lost(out, n) for n in FAULTY}
    assert all(0 < score[n] < top[n] for n in FAULTY), score
    # SHOULD clauses are advice, worth nothing by default: a correct server has full marks
    assert all(score[n] == top[n] for n in CORRECT), r
    assert all(score[n] == 0 for n in BROKEN), {n: score[n] for n in BROKEN}
    assert all(r[n]["status"] == "did not start" for n in BROKEN)
    assert all(r[n]["status"] == "graded" for n in CORRECT + FAULTY)


def to_fix(feedback: str) -> str:
    """The "What to fix" section of a feedback file ("" when there is none)."""
    parts = feedback.split("\n## What to fix", 1)
    return parts[1].split("\n## ", 1)[0] if len(parts) == 2 else ""


def test_reasons_name_the_faults(graded):
    out = graded.out
    fb = {p.stem: p.read_text(encoding="utf-8") for p in (out / "feedback").glob("*.md")}
    assert "SyntaxError" in fb["maud_nbsp"] and "did not start" in fb["maud_nbsp"]
    assert 'File "server.py", line' in fb["maud_nbsp"]  # not the grader's private copy path
    assert "MemoryError" in fb["jules_bigalloc"]
    assert "bound nothing" in fb["karim_nobind"] and "bound nothing" in fb["hugo_import_hang"]
    assert "### ECHO-1 [MUST]: failed" in to_fix(fb["david_prefix"])
    assert "### ROBUST-1 [MUST]: failed" in to_fix(fb["emma_spins"])
    assert "### SEQ-1 [MUST]: failed" in to_fix(fb["felix_fin_stops"])
    # a correct server has nothing to fix; SHOULD advice is apart, worth no points
    assert to_fix(fb["alice_raw"]) == "" and "## Advice (worth no points)" in fb["alice_raw"]


def test_every_output_exists_and_parses(graded):
    out = graded.out
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
    klass, out = graded.klass, graded.out
    assert leftovers(klass, out) == []
    everything = "".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in out.rglob("*") if p.is_file())
    if not ISOLATED:  # then lea reads the class folder (world-readable) and refuses to start
        pytest.skip("bubblewrap unusable for a sandbox uid: other students' files are readable")
    assert "LEAKED" not in everything
    assert rows(out)["lea_snoop"]["status"] == "graded" and musts_lost(out, "lea_snoop") == []


def test_rerun_skips_unchanged_and_only_regrades_one(graded, tmp_path, adopting):
    if suite_version() != graded.suite:
        pytest.skip("conformance/ changed since the class was graded: everyone is re-graded")
    klass, out = tmp_path / "class", tmp_path / "out"  # a copy: other tests read the original
    shutil.copytree(graded.klass, klass)
    shutil.copytree(graded.out, out)
    before = rows(out)
    again = grade(str(klass), "--step", "3", "--jobs", "2", "--out", str(out), *LIMITS)
    assert again.returncode == 0, again.stderr[-2000:]
    assert again.stderr.count("unchanged") >= len(before)
    assert rows(out) == before
    (klass / "david_prefix" / "server.py").write_text(
        (klass / "alice_raw" / "server.py").read_text())  # david fixes his server
    fixed = grade(str(klass), "--step", "3", "--out", str(out), "--only", "david_prefix",
                  *LIMITS)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert "[1/1] david_prefix" in fixed.stderr
    after = rows(out)
    assert after["david_prefix"]["score"] == after["alice_raw"]["score"]
    assert musts_lost(out, "david_prefix") == []
    assert {k: v for k, v in after.items() if k != "david_prefix"} == \
        {k: v for k, v in before.items() if k != "david_prefix"}
    assert leftovers(klass, out) == []


def test_merge_of_split_outputs_gives_the_same_grades(graded, tmp_path):
    out = graded.out
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


def test_a_run_past_its_wall_clock_limit_is_stopped(tmp_path, adopting):
    klass, out = tmp_path / "class", tmp_path / "out"
    build_class(klass, ["hugo_import_hang"])
    res = grade(str(klass), "--step", "3", "--out", str(out), "--timeout", "2",
                "--start-timeout", "30")
    assert res.returncode == 0, res.stderr[-2000:]
    row = rows(out)["hugo_import_hang"]
    assert row["status"] == "timed out" and float(row["score"]) == 0
    assert "Grading was stopped" in (out / "feedback" / "hugo_import_hang.md").read_text()
    assert leftovers(klass, out) == []


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_cleanly_and_keeps_what_is_done(tmp_path, adopting):
    klass, out = tmp_path / "class", tmp_path / "out"
    build_class(klass, ["alice_raw", "hugo_import_hang", "karim_nobind"])
    # As from a terminal: Ctrl-C works. Started from a background job of a script, this test would
    # hand its ignored SIGINT down, and Python keeps an ignored SIGINT ignored.
    proc = subprocess.Popen([sys.executable, "-m", "tools.grade", str(klass), "--step", "3",
                             "--jobs", "1", "--out", str(out), "--start-timeout", "20"],
                            cwd=str(REPO), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_default_sigint)
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
