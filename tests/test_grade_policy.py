"""The grading policy of issue 17, on hand-written suite results (fast, no server started): the step
gate speaks the handout, SHOULD clauses are advice, bonus steps, clauses and clients add to the
score and not to the maximum, step weights, every student graded out of the same total, and a
grader's problem is not a score. The statuses below are the ones the suite gives the catalogue's
servers named in each test (measured with `python -m tools.grade`, see the issue's report)."""
from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path
from typing import Dict, List

from tests.grade_helpers import check, results_json
from tools.grade import model
from tools.grade.lab import bonus_step, combine
from tools.grade.points import PointsScheme, load_points
from tools.grade.session import complete
from tools.grade.spec_clauses import clauses_for_step, load_clauses
from tools.grade.suite_run import RunConfig, empty_submission, read_results
from tools.grade.writers import feedback, gradescope, grades_csv, prairielearn, summary

CLAUSES = load_clauses()


def _graded(tmp_path: Path, name: str, step: int, statuses: Dict[str, str],
            points: PointsScheme = PointsScheme(), part_bonus: bool = False,
            role: str = model.PART_SERVER) -> model.Submission:
    """A submission whose clauses have `statuses` (clause → check outcome); the rest of the
    step's table passes."""
    table = clauses_for_step(step, CLAUSES, role=role)
    outcomes = {cid: "passed" for cid in table}
    outcomes.update(statuses)
    checks = [check(cid, outcome, level=CLAUSES[cid].level, step=step)
              for cid, outcome in outcomes.items()]
    path = tmp_path / f"{name}-{step}-{role}.json"
    path.write_text(json.dumps(results_json(checks)), encoding="utf-8")
    cfg = RunConfig(step=step, points=points, clauses=CLAUSES, part_bonus=part_bonus, role=role)
    return read_results(path, name, cfg)


# What the suite says of tests/catalogue/step8/store_handout_no_find_store2_store3.py: the
# handout's own step 8 (no /find, no /get).
HANDOUT_STEP8 = {"TEXT-1": "not_reached", "TEXT-2": "advice", "FRAME-2": "skipped",
                 "FRAME-3": "skipped", "FRAME-4": "advice", "STORE-1": "not_reached",
                 "STORE-2": "failed", "STORE-3": "failed", "STORE-4": "not_reached",
                 "STORE-5": "not_reached", "STORE-6": "advice"}


def test_the_handouts_step8_keeps_every_clause_it_passes(tmp_path):
    """Issue 17 row 1: 0/37 "is this the server of another step?" before."""
    sub = _graded(tmp_path, "handout", 8, HANDOUT_STEP8)
    assert not sub.off_step
    lost = {c.clause for c in sub.clauses if c.points < c.max_points}
    assert lost == {"TEXT-1", "STORE-1", "STORE-2", "STORE-3", "STORE-4", "STORE-5"}
    assert sub.score >= sub.max_score / 2 and sub.score > 0


def test_a_store_server_without_its_acknowledgement_loses_one_clause(tmp_path):
    """store_no_ack_store1: STORE-1 fails, /find and /get hold: one fault, one clause."""
    sub = _graded(tmp_path, "noack", 8, {"STORE-1": "failed"})
    assert not sub.off_step and sub.score == sub.max_score - 2


def test_an_echo_server_handed_in_as_step8_is_not_paid_for_storing(tmp_path):
    """A server failing what the handout asks (STORE-1 shown wrong) with no /find or /get: gated."""
    sub = _graded(tmp_path, "calc", 8, {"STORE-1": "failed", "STORE-2": "failed",
                                        "STORE-3": "failed"})
    assert "step 8" in sub.off_step and sub.score == 0


def test_a_step3_server_handed_in_as_step7_is_gated(tmp_path):
    """Issue 17 row 2: sequential_par1_par2 scored 28/34 as step 7; step 7's gate has its PAR
    group. A threaded server with one PAR fault loses that clause only."""
    sequential = _graded(tmp_path, "seq", 7, {"PAR-1": "failed", "PAR-2": "failed"})
    assert "PAR-1, PAR-2" in sequential.off_step and sequential.score == 0
    pool = _graded(tmp_path, "pool", 7, {"PAR-2": "failed"})
    assert not pool.off_step and pool.score == pool.max_score - 2


def test_step3_is_gated_on_successive_clients_only_when_neither_seq_clause_holds(tmp_path):
    one_client = _graded(tmp_path, "once", 3, {"SEQ-1": "failed", "SEQ-2": "not_reached"})
    assert "SEQ-1" in one_client.off_step and one_client.score == 0
    exits_on_fin = _graded(tmp_path, "fin", 3, {"SEQ-1": "failed"})  # SEQ-2 holds
    assert not exits_on_fin.off_step


def test_every_student_of_a_step_is_graded_out_of_the_same_maximum(tmp_path):
    """Issue 17 row 8: Gradescope maxima 239, 230, 232 for three students of one lab."""
    raw = _graded(tmp_path, "raw", 3, {"FRAME-2": "skipped", "FRAME-3": "skipped",
                                       "FRAME-4": "advice"})
    line = _graded(tmp_path, "line", 3, {})
    cfg = RunConfig(step=3, points=PointsScheme(), clauses=CLAUSES)
    missing = empty_submission("none", cfg, model.NO_SERVER, "no server.py")
    result = complete([raw, line, missing], 3, CLAUSES, PointsScheme())
    assert len({s.max_score for s in result.submissions}) == 1
    assert raw.score == line.score == raw.max_score  # advice and n/a cost nothing
    assert missing.score == 0
    tops = set()
    for sub in result.submissions:
        doc = gradescope.render([sub])
        tops.add(sum(t["max_score"] for t in doc["tests"]))
    assert tops == {raw.max_score}


def test_bonus_steps_and_clauses_add_to_the_score_not_to_the_maximum(tmp_path):
    """Issue 17 row 7: a perfect steps 1-6 without 7-8 got about 63 %."""
    points = PointsScheme()
    assert bonus_step(RunConfig(step=7, points=points, clauses=CLAUSES), 7, [1, 2, 7, 8])
    assert not bonus_step(RunConfig(step=8, points=points, clauses=CLAUSES), 8, [8])  # alone
    cfg = RunConfig(step=8, points=points, clauses=CLAUSES, part_bonus=True)
    step2 = _graded(tmp_path, "perfect", 2, {})
    step8 = empty_submission("perfect", cfg, model.NO_SERVER, "no etape_8/server.py")
    assert step8.max_score == 0 and all(c.bonus for c in step8.clauses)
    lab = combine({(2, "server"): complete([step2], 2, CLAUSES, points),
                   (8, "server"): complete([step8], 8, CLAUSES, points, True)}, {})
    assert lab.students[0].score == lab.students[0].max_score  # 100 % without the bonus step
    done8 = _graded(tmp_path, "perfect", 8, {}, part_bonus=True)
    assert done8.max_score == 0 and done8.score > 0
    calc = _graded(tmp_path, "calc", 5, {"CALC-2": "failed", "CALC-3": "failed"})
    assert not calc.off_step  # CALC-1 holds
    assert calc.score == calc.max_score  # error detection is the handout's bonus
    assert "bonus" in feedback.render(done8, CLAUSES)


def test_handing_in_a_client_never_lowers_the_grade(tmp_path):
    """Issue 17 row 6: with --clients auto, 94.8 % with the client, 98.2 % without."""
    server = _graded(tmp_path, "s", 2, {"ECHO-1": "failed"})
    client = _graded(tmp_path, "s", 2, {"CLIENT-4": "failed"}, part_bonus=True,
                     role=model.PART_CLIENT)
    without = server.score / server.max_score
    with_client = (server.score + client.score) / (server.max_score + client.max_score)
    assert with_client >= without and client.max_score == 0 and client.score > 0
    required = _graded(tmp_path, "s", 2, {"CLIENT-4": "failed"}, role=model.PART_CLIENT)
    assert required.max_score > 0  # --clients required: a client is part of the total


def test_step_weights_scale_a_steps_table(tmp_path):
    f = tmp_path / "points.toml"
    f.write_text('[steps.2]\npoints = 10\n[steps.8]\nbonus = false\n[bonus]\nclauses = []\n')
    points = load_points(f, CLAUSES)
    assert points.bonus_steps == (7,) and points.bonus_clauses == ()
    sub = _graded(tmp_path, "w", 2, {"ECHO-1": "failed"}, points=points)
    assert abs(sub.max_score - 10) < 1e-6 and 0 < sub.score < 10
    assert "step 2 worth 10" in points.describe()
    assert "étape 2 : 10 points" in points.describe("fr")


def test_the_policy_is_said_in_one_line_in_the_feedback_and_the_report(tmp_path):
    sub = _graded(tmp_path, "p", 2, {})
    for lang, words in (("en", "counts as held"), ("fr", "compte comme respectée")):
        line = PointsScheme().describe(lang)
        assert words in line and "\n" not in line
    assert PointsScheme().describe() in feedback.render(sub, CLAUSES)


def test_a_graders_problem_is_not_a_score(tmp_path):
    cfg = RunConfig(step=2, points=PointsScheme(), clauses=CLAUSES)
    sub = empty_submission("busy", cfg, model.SUITE_ERROR, "the machine was too busy")
    result = complete([sub, _graded(tmp_path, "ok", 2, {})], 2, CLAUSES, PointsScheme())
    grades_csv.write(result, tmp_path)
    with open(tmp_path / "grades.csv", encoding="utf-8-sig") as fh:
        rows = {r["student"]: r for r in csv.DictReader(fh)}
    assert rows["busy"]["score"] == "" and rows["busy"]["percent"] == ""
    assert rows["busy"]["status"] == "not graded (grader's problem)"
    assert rows["ok"]["score"] == rows["ok"]["max_score"]
    assert prairielearn.render([sub])["gradable"] is False
    assert "not your fault and it is not a grade" in feedback.render(sub, CLAUSES)


def _did_not_start(why: str) -> model.Submission:
    cfg = RunConfig(step=2, points=PointsScheme(), clauses=CLAUSES)
    sub = empty_submission("s", cfg, model.DID_NOT_START, why)
    sub.start_error = f"server did not start: {why}\nserver stderr: (empty)"
    return sub


BUSY = ("the server bound nothing within 1 s of its own time (7.0 s of wall time, 6.8 s of "
        "them waiting for the machine; the machine was too busy to judge the start: 6.8 s of "
        "7.0 s waiting for it) (expected a listening socket on port 4000)")
SLOWED = ("the server bound nothing within 1 s of its own time (2.0 s of wall time, 1.0 s of "
          "them waiting for the machine) (expected a listening socket on port 4000)")
BARELY = ("the server bound nothing within 20 s of its own time (21.4 s of wall time, 1.3 s of "
          "them waiting for the machine) (expected a listening socket on port 4000)")
NAMESPACE = ("the server exited with code 1 before listening\nserver stderr:\n"
             "bwrap: Creating new namespace failed: Resource temporarily unavailable")


def _runs(monkeypatch, outcomes: List[model.Submission]):
    """session._graded_fairly over these successive suite runs (no pause between them)."""
    from tools.grade import session
    calls = iter(outcomes)
    monkeypatch.setattr(session, "grade_one", lambda *a: (next(calls), None))
    monkeypatch.setattr(session, "RETRY_PAUSE", 0.0)
    return session._graded_fairly(Path("."), RunConfig(step=2, points=PointsScheme(),
                                                       clauses=CLAUSES), None,
                                  threading.Event())[0]


def test_a_start_the_machine_delayed_is_run_again_and_kept_when_it_works(tmp_path, monkeypatch):
    ok = _graded(tmp_path, "s", 2, {})
    sub = _runs(monkeypatch, [_did_not_start(SLOWED), ok])
    assert sub is ok and sub.attempts == 2 and sub.status == model.GRADED


def test_what_the_machine_spoils_three_times_is_not_graded(monkeypatch):
    for why in (BUSY, NAMESPACE):
        sub = _runs(monkeypatch, [_did_not_start(why) for _ in range(3)])
        assert sub.status == model.SUITE_ERROR and sub.attempts == 3
        assert "grader's problem" in sub.reason and sub.score == 0


def test_a_server_that_never_listens_on_an_idle_machine_is_the_students(monkeypatch):
    """input() before listen: its own time, no retry, "did not start" (a grade)."""
    sub = _runs(monkeypatch, [_did_not_start("the server bound nothing within 1 s (expected a "
                                             "listening socket on port 4000)")])
    assert sub.status == model.DID_NOT_START and sub.attempts == 1
    # a start slowed by the machine, but within the extension: its own full time, its grade
    sub = _runs(monkeypatch, [_did_not_start(SLOWED) for _ in range(3)])
    assert sub.status == model.DID_NOT_START and sub.attempts == 3
    # the machine took little of it (a fork bomb's own crowd on idle CPUs): one run, its grade
    sub = _runs(monkeypatch, [_did_not_start(BARELY)])
    assert sub.status == model.DID_NOT_START and sub.attempts == 1


def test_the_terminal_shows_a_bonus_part_as_points_added_not_a_percentage(tmp_path):
    """A client handed in when clients are not required scored "12/0  0 %" and the class average
    "0 %" over it: a bonus has no maximum, so its points are shown as added."""
    client = _graded(tmp_path, "s", 2, {"CLIENT-4": "failed"}, part_bonus=True,
                     role=model.PART_CLIENT)
    stream = io.StringIO()
    summary.write(complete([client], 2, CLAUSES, PointsScheme(), True), stream, set())
    line = next(ln for ln in stream.getvalue().splitlines() if ln.startswith("s "))
    assert f"+{client.score:g}" in line and "/0" not in line and " 0  " not in line
    assert "bonus points" in stream.getvalue() and " 0 %" not in stream.getvalue()


def test_the_platforms_results_speak_the_students_language(tmp_path):
    """Issue 20: a French run's Gradescope and PrairieLearn results said "graded. the server does
    not do what step 7 asks: ..." and "failed" in English."""
    seq = _graded(tmp_path, "seq", 7, {"PAR-1": "failed", "PAR-2": "failed"})
    gs = gradescope.render([seq], lang="fr")
    assert gs["output"].startswith("noté. le serveur ne fait pas ce que l'étape 7 demande"), gs
    assert "(étape 7)" in gs["tests"][0]["name"]
    assert {t["output"].split("\n")[0] for t in gs["tests"]} <= {
        "réussie", "échouée", "erreur", "conseil", "non vérifiée", "ne s'applique pas", "non lancée"}
    pl = prairielearn.render([seq], lang="fr")
    assert pl["message"].startswith("noté. le serveur ne fait pas"), pl["message"]
    assert all("étape 7" in t["description"] for t in pl["tests"])
    english = gradescope.render([seq])
    assert english["output"].startswith("graded. the server does not do what step 7 asks")


def test_classrooms_check_lines_speak_the_students_language(tmp_path):
    """The Actions log is what a Classroom student reads: French in a French run."""
    from tools.grade.platforms import classroom
    seq = _graded(tmp_path, "seq", 7, {"PAR-1": "failed", "PAR-2": "failed"})
    classroom.save_steps([seq], tmp_path / "results")
    out = io.StringIO()
    assert classroom.check(tmp_path / "results", 7, ["PAR-1"], out, lang="fr") == 1
    assert out.getvalue().startswith("étape 7 : noté. le serveur ne fait pas ce que l'étape 7"), \
        out.getvalue()
    out = io.StringIO()
    assert classroom.check(tmp_path / "results", 3, ["SEQ-1"], out, lang="fr") == 1
    assert out.getvalue().startswith("étape 3 : pas de résultat"), out.getvalue()
    ok = _graded(tmp_path, "ok", 2, {"ECHO-1": "failed"})
    classroom.save_steps([ok], tmp_path / "r2")
    out = io.StringIO()
    assert classroom.check(tmp_path / "r2", 2, ["ECHO-1", "SESS-1"], out, lang="fr") == 1
    assert "ECHO-1 : échouée" in out.getvalue() and "SESS-1 : réussie" in out.getvalue()
    out = io.StringIO()
    assert classroom.check(tmp_path / "r2", 2, ["SESS-1"], out) == 0
    assert out.getvalue() == "SESS-1: passed\n"  # English by default
