"""Layouts, layout mistakes and the scoring rules of the grader, without running a server: where
each step's server is (etape_{step}/server.py, code/server{step}.py, a TOML map, detection), what
is said when it is not there, and scores a teacher can defend (tools/grade/README.md, "Points")."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.grade_helpers import check, results_json
from tools.grade import model
from tools.grade.lab import parse_steps
from tools.grade.layout import (ClassLayoutError, LayoutError, check_class_folder, near_misses,
                                parse_layout, place)
from tools.grade.points import PointsScheme
from tools.grade.session import complete, write_outputs
from tools.grade.spec_clauses import clauses_for_step, load_clauses
from tools.grade.suite_run import RunConfig, read_results
from tools.grade.writers import feedback, summary

pytestmark = pytest.mark.grader  # runs the real grader: one test at a time (README, .ci/run)

REPO = Path(__file__).resolve().parent.parent
CLAUSES = load_clauses()


def tree(base: Path, *files: str) -> Path:
    for rel in files:
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text("print('x')\n", encoding="utf-8")
    return base


def grade_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.grade", *args], cwd=str(REPO),
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


# -- steps and layouts --------------------------------------------------------------------------
def test_steps_lists_and_ranges():
    assert parse_steps("1-8") == list(range(1, 9))
    assert parse_steps("2,5,6") == [2, 5, 6] and parse_steps("1-3,7") == [1, 2, 3, 7]
    for bad in ("0-3", "9", "3-1", "a", "1-"):
        with pytest.raises(ValueError, match="--steps"):
            parse_steps(bad)


def test_code_layout_takes_server_py_as_step_1(tmp_path):
    alice = tree(tmp_path / "alice", "code/server.py", "code/server2.py", "code/server5.py")
    got = place(alice, [1, 2, 5, 6], parse_layout("code/server{step}.py"))
    assert got.found == {1: "code/server.py", 2: "code/server2.py", 5: "code/server5.py"}
    assert got.missing[6] == "no code/server6.py in the submission folder"


def test_layout_is_detected_per_student(tmp_path):
    etape = tree(tmp_path / "a", "etape_1/server.py", "etape_3/server.py", "etape_3/client.py")
    code = tree(tmp_path / "b", "code/server.py", "code/server3.py")
    flat = tree(tmp_path / "c", "server.py", "server2.py", "server3.py")
    assert place(etape, [1, 3], None).layout == "etape_{step}/server.py"
    assert place(code, [1, 3], None).found == {1: "code/server.py", 3: "code/server3.py"}
    # a repository with server.py, server2.py, server3.py graded for step 3 gets server3.py
    assert place(flat, [3], None).found == {3: "server3.py"}
    assert place(tree(tmp_path / "d", "server.py"), [3], None).found == {3: "server.py"}


def test_toml_map_and_bad_layouts(tmp_path):
    toml = tmp_path / "lab.toml"
    toml.write_text('[server]\n1 = "tp1/srv.py"\n2 = "tp2/main.py"\n', encoding="utf-8")
    got = place(tree(tmp_path / "e", "tp1/srv.py", "tp2/main.py"), [1, 2], parse_layout(str(toml)))
    assert got.found == {1: "tp1/srv.py", 2: "tp2/main.py"}
    toml.write_text('[server]\n9 = "x.py"\n', encoding="utf-8")
    with pytest.raises(LayoutError, match="step 1-8"):
        parse_layout(str(toml))
    for bad in ("../etape_{step}/server.py", "/abs/server.py", "etape_{step}/"):
        with pytest.raises(LayoutError, match="relative path to a .py file"):
            parse_layout(bad)


@pytest.mark.parametrize("files, found", [
    (["etape_3/serveur.py"], ["etape_3/serveur.py"]),
    (["etape_3/Server.py"], ["etape_3/Server.py"]),
    (["etape_3/projet/server.py"], ["etape_3/projet/server.py"]),
    (["Etape_3/server.py"], ["Etape_3/server.py"]),
    (["etape_3/tp3.py", "etape_3/client.py"], ["etape_3/tp3.py"]),  # the only other .py
    (["etape_3/a.py", "etape_3/b.py"], []),  # no guess between two
])
def test_near_misses_are_named(tmp_path, files, found):
    student = tree(tmp_path / "s", *files)
    assert near_misses(student, "etape_3/server.py") == found
    reason = place(student, [3], parse_layout("etape_{step}/server.py")).missing[3]
    assert reason.startswith("no etape_3/server.py")
    assert all(f in reason for f in found) and ("instead" in reason) == bool(found)


def test_server_file_option_accepts_another_name(tmp_path):
    student = tree(tmp_path / "s", "etape_3/serveur.py", "code/serveur2.py")
    assert place(student, [3], None, "serveur.py").found == {3: "etape_3/serveur.py"}
    assert place(student, [2], parse_layout("code/server{step}.py", "serveur.py")).found == \
        {2: "code/serveur2.py"}


def test_a_single_submission_or_an_empty_class_is_refused_naming_what_is_there(tmp_path):
    alice = tree(tmp_path / "class" / "alice", "etape_1/server.py", "etape_2/server.py")
    res = grade_cli(str(alice), "--steps", "1-2", "--out", str(tmp_path / "out"))
    assert res.returncode != 0
    assert "is itself a submission" in res.stderr and "etape_1/server.py" in res.stderr
    assert "--only alice" in res.stderr
    flat = tree(tmp_path / "bob", "server.py")
    res = grade_cli(str(flat), "--step", "2", "--out", str(tmp_path / "out"))
    assert res.returncode != 0 and "holds server.py" in res.stderr
    empty = tree(tmp_path / "empty", "a/notes.txt", "b/Serveur.py")
    res = grade_cli(str(empty), "--step", "2", "--out", str(tmp_path / "out"))
    assert res.returncode != 0 and "holds no submission" in res.stderr
    assert "a/, b/" in res.stderr and "found Serveur.py" in res.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "nobody").mkdir()
    with pytest.raises(ClassLayoutError, match="holds no student folder"):
        check_class_folder(tmp_path / "nobody", [], [2], {})


# -- scoring ------------------------------------------------------------------------------------
def _sub(tmp_path: Path, name: str, step: int, checks: list) -> model.Submission:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(results_json(checks)), encoding="utf-8")
    return read_results(path, name, RunConfig(step=step, points=PointsScheme(), clauses=CLAUSES))


def _calculator_as_step_2(tmp_path: Path) -> model.Submission:
    """What the suite reports on a step-5 calculator graded as step 2 (seen on
    tests/catalogue/step5/calc_ast_ok.py): transport and sessions hold, no reply carries the text."""
    wrong = "expected: the reply 'Bonjour'; seen: 'erreur: expression invalide'"
    checks = [check(c, "passed", step=2) for c in
              ("FRAME-1", "FRAME-2", "FRAME-3", "TURN-1", "SESS-1", "SESS-2", "SESS-3")]
    checks += [check(c, "failed", step=2, message=wrong) for c in ("ECHO-1", "TEXT-1", "SIZE-1")]
    return _sub(tmp_path, "calc", 2, checks)


def test_a_calculator_graded_as_step_2_scores_under_30_percent(tmp_path):
    sub = _calculator_as_step_2(tmp_path)
    assert sub.ran and sub.score / sub.max_score < 0.30
    assert "none of" in sub.off_step and "ECHO-1" in sub.off_step
    md = feedback.render(sub, CLAUSES)
    assert "Your server scores zero for this step" in md and "another step" in md


def test_one_fault_still_costs_one_clause_not_the_step(tmp_path):
    """An echo server with a prefix fails ECHO-1, but its replies carry the text: it keeps the
    rest (the step gate is for a server doing another step's job only)."""
    checks = [check(c, "passed", step=2) for c in
              ("FRAME-1", "TURN-1", "SESS-1", "SESS-2", "SESS-3", "TEXT-1", "SIZE-1")]
    checks += [check("ECHO-1", "failed", step=2), check("FRAME-2", "skipped", step=2),
               check("FRAME-3", "skipped", step=2)]
    sub = _sub(tmp_path, "prefix", 2, checks)
    assert not sub.off_step and sub.score == sub.max_score - 2
    # FRAME-2 and FRAME-3 do not apply to this raw server: held, the step's whole maximum
    assert sub.max_score == 2 * len(clauses_for_step(2, CLAUSES))
    assert not sub.clause("FRAME-2").applies and sub.clause("FRAME-2").points == 2


def test_csv_says_one_maximum_for_everyone_and_summary_counts_servers_that_ran(tmp_path):
    line = _sub(tmp_path, "line", 2, [check(c, "passed", step=2)
                                      for c in clauses_for_step(2, CLAUSES)])
    raw = _sub(tmp_path, "raw", 2, [check(c, "skipped" if c in ("FRAME-2", "FRAME-3") else
                                          "passed", step=2) for c in clauses_for_step(2, CLAUSES)])
    dead = _sub(tmp_path, "dead", 2, [check("ECHO-1", "failed", step=2)])
    dead.status = model.DID_NOT_START
    result = complete([line, raw, dead], 2, CLAUSES, PointsScheme())
    out = tmp_path / "out"
    out.mkdir()
    write_outputs(result, CLAUSES, out)
    rows = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv", encoding="utf-8-sig"))}
    assert rows["raw"]["FRAME-2 (/2)"] == "n/a" and rows["line"]["FRAME-2 (/2)"] == "2"
    assert rows["raw"]["max_score"] == rows["line"]["max_score"] == rows["dead"]["max_score"]
    assert rows["raw"]["percent"] == rows["line"]["percent"] == "100.0"
    assert result.failure_counts()["ECHO-1"] == 0  # the server that never ran is not counted
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "The average and the class summary count the 2 servers that ran." in html
    import io
    stream = io.StringIO()
    summary.write(result, stream, set())
    assert "class average: 100 % over the 2 servers that ran (1 did not)" in stream.getvalue()
