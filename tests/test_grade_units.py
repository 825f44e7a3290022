"""The grader's parts that do not need the conformance suite: points, scoring, model, writers,
merge. Fast (no server is started)."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.grade_helpers import HOSTILE, check, results_json
from tools.grade import model
from tools.grade.__main__ import main
from tools.grade.merge import merge
from tools.grade.points import PointsError, PointsScheme, load_points
from tools.grade.session import complete, write_outputs
from tools.grade.spec_clauses import clauses_for_step, load_clauses
from tools.grade.suite_run import RunConfig, read_results
from tools.grade.writers import feedback, grades_csv, junit, summary

CLAUSES = load_clauses()


def _cfg(points: PointsScheme = PointsScheme()) -> RunConfig:
    return RunConfig(step=3, points=points, clauses=CLAUSES)


def _sub(tmp_path: Path, name: str, data: dict, cfg: RunConfig = None) -> model.Submission:
    path = tmp_path / f"{name}.results.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return read_results(path, name, cfg or _cfg())


# -- points -------------------------------------------------------------------------------------
def test_default_points_make_should_advice_worth_nothing():
    """The handout asks for no SHOULD clause: by default they are advice (issue 17: correct servers
    got 29/30, 32/34, 35/37 for advice nobody asked for)."""
    p = PointsScheme()
    assert p.points_for("ECHO-1", "MUST") == 2
    assert p.points_for("FRAME-4", "SHOULD") == 0
    assert p.bonus_steps == (7, 8) and p.bonus_clauses == ("CALC-2", "CALC-3")


def test_points_file_groups_and_most_specific_key(tmp_path):
    f = tmp_path / "points.toml"
    f.write_text('[levels]\nMUST = 3\n[clauses]\n"ROBUST-*" = 1\n"ROBUST-3" = 5\n')
    p = load_points(f, CLAUSES)
    assert (p.points_for("ROBUST-1", "MUST"), p.points_for("ROBUST-3", "MUST"),
            p.points_for("ECHO-1", "MUST")) == (1, 5, 3)


@pytest.mark.parametrize("body, words", [
    ('[clauses]\n"ECHO-9" = 2\n', ["'ECHO-9'", "unknown clause"]),
    ('[clauses]\n"NOPE-*" = 2\n', ["'NOPE-*'", "matches no clause"]),
    ('[clauses]\n"ECHO-1" = -1\n', ["clauses.ECHO-1"]),
    ('[levels]\nMAYBE = 1\n', ["'MAYBE'"]),
    ('[clause]\n', ["unknown table"]),
    ('[steps.9]\npoints = 3\n', ["steps.9", "1 to 8"]),
    ('[steps.2]\nweight = 3\n', ["steps.2", "'weight'"]),
    ('[steps.2]\nbonus = 1\n', ["steps.2.bonus"]),
    ('[bonus]\nclauses = ["CALC-9"]\n', ["'CALC-9'", "[bonus]"]),
    ('not toml = = 1', ["not valid TOML"]),
])
def test_bad_points_file_names_file_and_key(tmp_path, body, words):
    f = tmp_path / "bad.toml"
    f.write_text(body)
    with pytest.raises(PointsError) as err:
        load_points(f, CLAUSES)
    for w in words + [str(f)]:
        assert w in str(err.value)


def test_cli_rejects_unknown_clause_in_points_file(tmp_path, capsys):
    f = tmp_path / "p.toml"
    f.write_text('[clauses]\n"CALK-1" = 2\n')
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path), "--step", "3", "--points", str(f)])
    assert exit_info.value.code == 2
    assert "CALK-1" in capsys.readouterr().err


# -- scoring ------------------------------------------------------------------------------------
def test_step_table_of_the_spec_is_read():
    assert clauses_for_step(1, CLAUSES) == ["FRAME-1", "FRAME-2", "HELLO-1", "HELLO-2"]
    step7 = clauses_for_step(7, CLAUSES)
    assert {"ECHO-1", "SEQ-1", "ROBUST-4", "PAR-1", "PAR-2"} <= set(step7)
    assert "CALC-1" not in step7


def test_clause_scores_all_or_nothing_and_what_does_not_apply_is_held(tmp_path):
    sub = _sub(tmp_path, "a", results_json([
        check("ECHO-1", "passed"), check("ECHO-1", "failed", message="got 'Echo: x'"),
        check("FRAME-2", "skipped"), check("TEXT-1", "passed"), check("SEQ-1", "error"),
        check("FRAME-4", "passed", level="SHOULD")]))
    by = {c.clause: c for c in sub.clauses}
    assert by["ECHO-1"].status == model.CLAUSE_FAILED and by["ECHO-1"].points == 0
    assert by["FRAME-2"].status == model.CLAUSE_NOT_APPLICABLE
    assert (by["FRAME-2"].points, by["FRAME-2"].max_points) == (2, 2)  # held: the same maximum
    assert by["SEQ-1"].status == model.CLAUSE_ERROR and by["SEQ-1"].points == 0
    assert by["FRAME-4"].max_points == 0 and by["FRAME-4"].points == 0  # SHOULD: advice
    # every clause the spec lists for step 3 is there, unrun ones score 0
    assert set(clauses_for_step(3, CLAUSES)) <= set(by)
    assert by["ROBUST-1"].status == model.CLAUSE_NOT_RUN and by["ROBUST-1"].points == 0
    assert sub.status == model.GRADED and 0 < sub.score < sub.max_score


NO_FRAMING = "no framing found (see FRAME-1): no reply within 2 s"


def _not_reached(clause: str, form: str, why: str = NO_FRAMING, **extra) -> dict:
    """A check the suite could not make, as the suite reports it now (`not_reached`) or did before
    (`skipped` with a message starting "not reached:"): the grader must read both."""
    outcome = "not_reached" if form == "new" else "skipped"
    return check(clause, outcome, message=f"not reached: {why}", **extra)


def _advice(clause: str, form: str) -> dict:
    outcome = "advice" if form == "new" else "skipped"
    return check(clause, outcome, level="SHOULD",
                 message=f"advice ({clause} [SHOULD]): expected a newline; seen none")


@pytest.mark.parametrize("form", ["new", "legacy"])
def test_frame1_failed_and_the_rest_not_reached_scores_only_what_does_not_apply(tmp_path, form):
    """A server that never answers shows nothing: it scores 0, even for the clauses that do not
    apply (held only for a server that shows something), out of the step's whole maximum, and
    the step gate has nothing to add (nothing was earned)."""
    step3 = clauses_for_step(3, CLAUSES)
    not_applicable = ["FRAME-2", "FRAME-3"]
    checks = [check("FRAME-1", "failed", message="no reply within 2 s")]
    checks += [check(c, "skipped", message="does not apply: raw framing") for c in not_applicable]
    checks += [_not_reached(c, form) for c in step3 if c not in ["FRAME-1"] + not_applicable]
    checks.append(_not_reached("ECHO-1", form))  # a second check of a clause, not reached too
    sub = _sub(tmp_path, "mute", results_json(checks))
    by = {c.clause: c for c in sub.clauses}
    assert sub.status == model.GRADED
    assert by["FRAME-1"].status == model.CLAUSE_FAILED and by["FRAME-1"].points == 0
    for cid in not_applicable:
        assert by[cid].status == model.CLAUSE_NOT_APPLICABLE
        assert by[cid].points == 0 and by[cid].max_points == 2
    unreached = [c for c in step3 if c not in ["FRAME-1"] + not_applicable]
    assert unreached and all(by[c].status == model.CLAUSE_NOT_REACHED and by[c].points == 0
                             for c in unreached)
    assert sub.score == 0 and sub.max_score == sum(by[c].max_points for c in step3) > 0
    assert all(chk.outcome == "not_reached" for c in unreached for chk in by[c].checks)
    md = feedback.render(sub, CLAUSES)
    fix, unchecked = md.split("## Not checked", 1)
    assert "FRAME-1" in fix and "ECHO-1" not in fix  # nothing to fix in what was not checked
    assert "### ECHO-1 [MUST]: not checked, 0 / 2 points" in unchecked
    assert f"could not be checked because {NO_FRAMING}" in unchecked


def test_a_passed_check_does_not_earn_a_clause_whose_other_check_was_not_reached(tmp_path):
    sub = _sub(tmp_path, "half", results_json([
        check("ECHO-1", "passed"), _not_reached("ECHO-1", "new", "the server closed after one"),
        check("TEXT-1", "passed"), check("TEXT-1", "skipped")]))
    assert sub.clause("ECHO-1").status == model.CLAUSE_NOT_REACHED
    assert sub.clause("ECHO-1").points == 0
    assert sub.clause("TEXT-1").status == model.CLAUSE_PASSED and sub.clause("TEXT-1").points == 2


@pytest.mark.parametrize("form", ["new", "legacy"])
def test_advice_earns_none_of_the_should_clause_points(tmp_path, form):
    sub = _sub(tmp_path, "adv", results_json([check("ECHO-1", "passed"), _advice("FRAME-4", form),
                                               check("FRAME-2", "skipped")]))
    frame4 = sub.clause("FRAME-4")
    assert frame4.status == model.CLAUSE_ADVICE and (frame4.points, frame4.max_points) == (0, 0)
    assert sub.clause("FRAME-2").status == model.CLAUSE_NOT_APPLICABLE
    md = feedback.render(sub, CLAUSES)
    assert "FRAME-4" in md.split("## Advice (worth no points)")[1]  # worth nothing by default
    paid = _sub(tmp_path, "adv", results_json([check("ECHO-1", "passed"), _advice("FRAME-4", form)]),
                _cfg(PointsScheme(levels={"MUST": 2, "SHOULD": 1, "MAY": 0})))
    assert (paid.clause("FRAME-4").points, paid.clause("FRAME-4").max_points) == (0, 1)
    md = feedback.render(paid, CLAUSES)
    assert "### FRAME-4 [SHOULD]: advice, 0 / 1 points" in md.split("## What works")[0]


def test_an_unknown_check_outcome_earns_nothing(tmp_path):
    sub = _sub(tmp_path, "odd", results_json([check("ECHO-1", "xpassed")]))
    assert sub.clause("ECHO-1").status == model.CLAUSE_ERROR and sub.clause("ECHO-1").points == 0


def test_every_writer_tells_not_checked_and_advice_apart(tmp_path):
    sub = _sub(tmp_path, "mute", results_json([
        check("FRAME-1", "failed"), _not_reached("ECHO-1", "new"), _advice("FRAME-4", "legacy")]))
    out = tmp_path / "out"
    out.mkdir()
    write_outputs(complete([sub], 3, CLAUSES, PointsScheme()), CLAUSES, out)
    row = next(csv.DictReader(open(out / "grades.csv", encoding="utf-8-sig")))
    assert row["ECHO-1 (/2)"] == "0" and "ECHO-1" in row["not checked"].split()
    assert row["advice"] == "FRAME-4"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "class='cell not_reached'" in html and "class='cell advice'" in html
    legend = html.split("<div class=\"legend\">", 1)[1].split("</div>", 1)[0]
    assert "class='not_reached'" in legend and "class='advice'" in legend
    assert f"could not be checked because {NO_FRAMING}" in html
    tests = {t["name"].split()[0]: t for t in
             json.loads((out / "gradescope" / "mute" / "results.json").read_text())["tests"]}
    assert tests["ECHO-1"]["status"] == "failed" and tests["ECHO-1"]["score"] == 0
    assert tests["ECHO-1"]["output"].startswith("not checked\nCould not be checked because")
    assert tests["FRAME-4"]["output"].startswith("advice")
    gh = {t["name"].split()[0]: t for t in
          json.loads((out / "classroom" / "mute.json").read_text())["tests"]}
    assert (gh["ECHO-1"]["status"], gh["FRAME-4"]["status"], gh["FRAME-1"]["status"]) == \
        ("error", "fail", "fail")
    pl = {t["name"]: t for t in
          json.loads((out / "prairielearn" / "mute" / "results.json").read_text())["tests"]}
    assert pl["ECHO-1"]["message"] == "not checked" and pl["FRAME-4"]["message"] == "advice"


def test_server_that_never_started_scores_zero_out_of_the_same_total(tmp_path):
    ok = _sub(tmp_path, "ok", results_json([check("ECHO-1", "passed")]))
    dead = _sub(tmp_path, "dead", results_json(
        [check("ECHO-1", "failed", message="server did not start")], started=False,
        start_error="the server exited with code 1\nSyntaxError: invalid non-printable character"))
    assert dead.status == model.DID_NOT_START and dead.score == 0
    assert dead.max_score == ok.max_score
    assert "SyntaxError" in feedback.render(dead, CLAUSES)
    assert "did not start" in feedback.render(dead, CLAUSES)


def test_model_round_trips_through_json(tmp_path):
    sub = _sub(tmp_path, "a", results_json([check("ECHO-1", "failed", transcript="C> é\nS> É")]))
    again = model.Submission.from_dict(json.loads(json.dumps(sub.to_dict())))
    assert again == sub


# -- writers ------------------------------------------------------------------------------------
def _class(tmp_path: Path) -> model.ClassResult:
    good = _sub(tmp_path, "zoé", results_json([check(c, "passed")
                                               for c in clauses_for_step(3, CLAUSES)]))
    bad = _sub(tmp_path, "evil<b>", results_json([
        check("ECHO-1", "failed", message=HOSTILE, transcript=HOSTILE, server_output=HOSTILE),
        check("TEXT-1", "passed")]))
    dead = _sub(tmp_path, "dead", results_json([], started=False, start_error=HOSTILE))
    return complete([good, bad, dead], 3, CLAUSES, PointsScheme())


def test_every_writer_output_parses_and_escapes_hostile_text(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = _class(tmp_path)
    write_outputs(result, CLAUSES, out)
    rows = list(csv.DictReader(open(out / "grades.csv", encoding="utf-8-sig")))
    assert [r["student"] for r in rows] == ["dead", "evil<b>", "zoé"]
    assert float(rows[2]["score"]) == float(rows[2]["max_score"]) > float(rows[1]["score"]) > 0
    assert rows[0]["score"] == "0" and "did not start" in rows[0]["status"]
    for name in ("zoé", "evil<b>", "dead"):
        gs = json.loads((out / "gradescope" / name / "results.json").read_text())
        assert {"score", "tests"} <= set(gs)
        assert all({"name", "score", "max_score", "status", "output", "visibility"} <= set(t)
                   for t in gs["tests"])
        assert all(t["status"] in ("passed", "failed") for t in gs["tests"])
        gh = json.loads((out / "classroom" / f"{name}.json").read_text())
        assert gh["version"] == 1 and gh["max_score"] == gs_max(gs)
        pl = json.loads((out / "prairielearn" / name / "results.json").read_text())
        assert 0.0 <= pl["score"] <= 1.0
        assert (out / "feedback" / f"{name}.md").is_file()
    assert json.loads((out / "prairielearn" / "dead" / "results.json").read_text())["gradable"] is False
    assert json.loads((out / "prairielearn" / "zoé" / "results.json").read_text())["score"] == 1.0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>document.title" not in html and "<img id=pwned" not in html
    assert "&lt;script&gt;document.title" in html
    assert "evil&lt;b&gt;" in html
    assert "http://" not in html and "https://" not in html  # self-contained
    md = (out / "feedback" / "evil<b>.md").read_text(encoding="utf-8")
    assert "ECHO-1" in md and "The server replies to each message" in md  # the clause text
    assert "````" in md  # a fence longer than the ``` inside the hostile output


def gs_max(gs: dict) -> float:
    return sum(t["max_score"] for t in gs["tests"])


def test_junit_writer_keeps_pytest_xml_as_is(tmp_path):
    xml = b'<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="1"/></testsuites>'
    path = junit.write("a", xml, tmp_path)
    assert path.read_bytes() == xml and ET.parse(path).getroot().tag == "testsuites"
    assert junit.write("a", None, tmp_path) is None and not path.exists()


def test_merge_reproduces_grades_from_split_folders(tmp_path):
    result = _class(tmp_path)
    whole, part1, part2, merged = (tmp_path / n for n in ("whole", "p1", "p2", "merged"))
    for d in (whole, part1, part2):
        d.mkdir()
    write_outputs(result, CLAUSES, whole)
    subs = result.submissions
    write_outputs(complete(subs[:1], 3, CLAUSES, PointsScheme()), CLAUSES, part1)
    write_outputs(complete(subs[1:], 3, CLAUSES, PointsScheme()), CLAUSES, part2)
    junit.write(subs[0].student, b"<testsuites/>", part1)
    assert main(["--merge", str(part1), str(part2), "--out", str(merged)]) == 0
    assert (merged / "grades.csv").read_text(encoding="utf-8-sig") == \
        (whole / "grades.csv").read_text(encoding="utf-8-sig")
    assert (merged / "junit" / f"{subs[0].student}.xml").is_file()


def test_merge_refuses_a_folder_without_results(tmp_path):
    with pytest.raises(ValueError, match="no results"):
        merge([tmp_path], tmp_path / "o", None, CLAUSES, PointsScheme(), io.StringIO())


def test_terminal_summary_shows_no_control_characters(tmp_path):
    dead = _sub(tmp_path, "x\x1b[2Jy", results_json([], started=False,
                                                   start_error="boom\n\x1b[31mred\x07"))
    stream = io.StringIO()
    summary.write(complete([dead], 3, CLAUSES, PointsScheme()), stream, set())
    text = stream.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "x?[2Jy" in text


def test_one_grader_failure_does_not_stop_the_class_and_reruns_skip(tmp_path, monkeypatch):
    from tools.grade import session
    klass, out = tmp_path / "class", tmp_path / "out"
    for name in ("ann", "bea", "cid"):
        (klass / name).mkdir(parents=True)
        (klass / name / "server.py").write_text(f"# {name}\n")
    calls = []

    def fake_grade_one(folder, cfg, uid, cancel):
        calls.append(folder.name)
        if folder.name == "bea":
            raise OSError("disk full")
        path = tmp_path / f"{folder.name}.json"
        path.write_text(json.dumps(results_json([check("ECHO-1", "passed")])))
        return read_results(path, folder.name, cfg), b"<testsuites/>"

    monkeypatch.setattr(session, "grade_one", fake_grade_one)
    log = io.StringIO()
    outcome = session.grade(klass, _cfg(), out, jobs=2, force=False, only=None, stream=log)
    status = {s.student: s.status for s in outcome.result.submissions}
    assert status == {"ann": model.GRADED, "bea": model.SUITE_ERROR, "cid": model.GRADED}
    assert "disk full" in log.getvalue() or "disk full" in (out / "grades.csv").read_text()
    assert sorted(calls) == ["ann", "bea", "cid"]
    calls.clear()
    (klass / "cid" / "server.py").write_text("# cid, fixed\n")
    session.grade(klass, _cfg(), out, jobs=2, force=False, only=None, stream=log)
    # unchanged and graded: skipped; changed, or failed last time for the grader's fault: re-run
    assert sorted(calls) == ["bea", "cid"]


def test_csv_cells_from_students_cannot_be_formulas(tmp_path):
    sub = _sub(tmp_path, "=HYPERLINK(\"x\")", results_json([check("ECHO-1", "passed")]))
    grades_csv.write(complete([sub], 3, CLAUSES, PointsScheme()), tmp_path)
    row = next(csv.DictReader(open(tmp_path / "grades.csv", encoding="utf-8-sig")))
    assert row["student"] == "'=HYPERLINK(\"x\")"
