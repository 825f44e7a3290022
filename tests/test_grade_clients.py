"""The grader's client part (issue 12) without running anything: where each step's client is
(layouts, near misses), how the suite's client results (`"role": "client"`) are scored, and every
output with its client columns, section and tests. Fast: hand-made results JSON in the suite's
schema, no server or client started (tests/test_grade_clients_run.py runs them for real).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Dict, List

import pytest

from tests.grade_helpers import HOSTILE, check, results_json
from tools.grade import model
from tools.grade.lab import clients_wanted, combine, write_outputs, write_step_with_clients
from tools.grade.layout import LayoutError, parse_layout, place
from tools.grade.platforms import classroom as classroom_platform
from tools.grade.points import PointsScheme
from tools.grade.session import complete
from tools.grade.spec_clauses import clauses_for_step, load_clauses
from tools.grade.suite_run import (CLIENTS_AUTO, CLIENTS_OFF, CLIENTS_REQUIRED, RunConfig,
                                   empty_submission, read_results)
from tools.grade.writers import feedback

CLAUSES = load_clauses()


def _files(base: Path, names: List[str]) -> Path:
    for name in names:
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text("print('hi')\n", encoding="utf-8")
    return base


# -- where the clients are ------------------------------------------------------------------------
def test_each_layout_finds_the_client_beside_the_server(tmp_path):
    etape = place(_files(tmp_path / "a", ["etape_1/server.py", "etape_1/client.py",
                                          "etape_2/server.py", "etape_2/client.py"]), [1, 2], None)
    assert etape.clients == {1: "etape_1/client.py", 2: "etape_2/client.py"}
    code = place(_files(tmp_path / "b", ["code/server.py", "code/client.py", "code/server2.py",
                                         "code/client2.py"]), [1, 2], None)
    assert code.clients == {1: "code/client.py", 2: "code/client2.py"}
    flat = place(_files(tmp_path / "c", ["server.py", "client.py"]), [3], None)
    assert flat.locate_client(3) == ("client.py", "")
    french = place(_files(tmp_path / "d", ["etape_2/serveur.py", "etape_2/client.py"]), [2],
                   parse_layout("etape_{step}/server.py", "serveur.py"))
    assert french.clients == {2: "etape_2/client.py"}
    # a pattern with no `server` in its file name has no place for a client: none is guessed
    main = place(_files(tmp_path / "e", ["tp2/main.py", "tp2/client.py"]), [2],
                 parse_layout("tp{step}/main.py"))
    assert main.clients == {} and main.clients_missing[2] == "no client for step 2 in the layout"


def test_missing_clients_name_their_near_misses_like_servers(tmp_path):
    folder = _files(tmp_path / "s", ["etape_1/server.py", "etape_1/Client.py",
                                     "etape_2/server.py", "etape_2/projet/client.py",
                                     "etape_3/server.py"])
    p = place(folder, [1, 2, 3], None)
    assert p.clients == {}
    assert "found etape_1/Client.py instead: rename it to etape_1/client.py" in p.clients_missing[1]
    assert "found etape_2/projet/client.py instead" in p.clients_missing[2]
    assert p.clients_missing[3] == "no etape_3/client.py in the submission folder"
    code = place(_files(tmp_path / "c", ["code/server2.py", "code/tp/client2.py"]), [2], None)
    assert "found code/tp/client2.py instead: rename it to code/client2.py" in \
        code.clients_missing[2]


def test_toml_layout_maps_clients_in_a_client_table(tmp_path):
    toml = tmp_path / "lab.toml"
    toml.write_text('[server]\n1 = "tp1/srv.py"\n2 = "tp2/srv.py"\n[client]\n1 = "tp1/cli.py"\n',
                    encoding="utf-8")
    layout = parse_layout(str(toml))
    folder = _files(tmp_path / "s", ["tp1/srv.py", "tp1/cli.py", "tp2/srv.py", "tp2/cli.py"])
    p = place(folder, [1, 2], layout)
    assert p.clients == {1: "tp1/cli.py"} and "no client for step 2" in p.clients_missing[2]
    toml.write_text('[server]\n1 = "a.py"\n[client]\n9 = "b.py"\n', encoding="utf-8")
    with pytest.raises(LayoutError, match=r"\[client\] key '9'"):
        parse_layout(str(toml))


def test_a_step_gets_client_columns_when_asked_or_when_a_student_has_one(tmp_path):
    cfg = RunConfig(step=2, points=PointsScheme(), clauses=CLAUSES)
    with_one = {"a": place(_files(tmp_path / "a", ["etape_2/server.py", "etape_2/client.py"]),
                           [2, 3], None),
                "b": place(_files(tmp_path / "b", ["etape_2/server.py", "etape_3/server.py"]),
                           [2, 3], None)}
    assert clients_wanted(cfg, 2, with_one) and not clients_wanted(cfg, 3, with_one)
    assert clients_wanted(RunConfig(step=3, points=PointsScheme(), clauses=CLAUSES,
                                    clients=CLIENTS_REQUIRED), 3, with_one)
    assert not clients_wanted(RunConfig(step=2, points=PointsScheme(), clauses=CLAUSES,
                                        clients=CLIENTS_OFF), 2, with_one)


# -- scoring --------------------------------------------------------------------------------------
def _client_cfg(step: int = 2, clients: str = CLIENTS_AUTO) -> RunConfig:
    return RunConfig(step=step, points=PointsScheme(), clauses=CLAUSES, role=model.PART_CLIENT,
                     clients=clients)


def _client(tmp_path: Path, name: str, checks: List[Dict], started: bool = True,
            start_error: str = None, step: int = 2) -> model.Submission:
    data = dict(results_json(checks, started, start_error), role="client", steps=[step])
    path = tmp_path / f"{name}.client.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return read_results(path, name, _client_cfg(step))


GOOD = ["CLIENT-1", "CLIENT-2", "CLIENT-3", "CLIENT-4", "CLIENT-5", "CLIENT-6"]


def test_client_clauses_are_scored_like_server_clauses(tmp_path):
    sub = _client(tmp_path, "c", [check(c, "passed", step=2) for c in GOOD if c != "CLIENT-4"]
                  + [check("CLIENT-4", "failed", step=2, message="exit code 1, traceback"),
                     check("CLIENT-3", "not_reached", step=2,
                           message="not reached: no reply printed (see CLIENT-2)")])
    assert sub.role == model.PART_CLIENT and sub.status == model.GRADED
    by = {c.clause: c for c in sub.clauses}
    assert by["CLIENT-4"].status == model.CLAUSE_FAILED and by["CLIENT-4"].points == 0
    assert by["CLIENT-3"].status == model.CLAUSE_NOT_REACHED and by["CLIENT-3"].points == 0
    assert by["CLIENT-1"].points == by["CLIENT-1"].max_points == 2
    assert not sub.off_step  # the step gate is about what a server is for
    assert sub.score == sub.max_score - 4


def test_a_client_that_does_not_start_is_said_once_apart(tmp_path):
    error = ("client did not start: exit code 1\nclient stderr:\n  File \"client.py\", line 3\n"
             "SyntaxError: invalid syntax")
    sub = _client(tmp_path, "dead", [check(c, "did_not_start", step=2) for c in GOOD],
                  started=False, start_error=error)
    assert sub.status == model.DID_NOT_START and sub.score == 0
    assert sub.reason == "client did not start: exit code 1 (SyntaxError: invalid syntax)"
    md = feedback.render(sub, CLAUSES)
    assert md.count("**Your client did not start**") == 1 and "python client.py" in md
    assert "Your server" not in md


def test_a_missing_client_counts_for_nothing_unless_clients_are_required():
    auto = empty_submission("x", _client_cfg(2), model.NO_CLIENT, "no etape_2/client.py")
    assert (auto.score, auto.max_score, auto.clauses) == (0, 0, [])
    required = empty_submission("x", _client_cfg(2, CLIENTS_REQUIRED), model.NO_CLIENT,
                                "no etape_2/client.py")
    table = clauses_for_step(2, CLAUSES, role="client")
    assert required.max_score == sum(PointsScheme().points_for(c, CLAUSES[c].level)
                                     for c in table)
    md = feedback.render(auto, CLAUSES)
    assert "No client was found" in md and "does not count in your grade" in md
    assert table and "does not count" not in feedback.render(required, CLAUSES)


# -- outputs --------------------------------------------------------------------------------------
def _step(tmp_path: Path, step: int = 2):
    """A step-2 class: ana (server and client right), ben (client breaks CLIENT-4, hostile
    output), carl (client does not start), dora (no client)."""
    cfg = RunConfig(step=step, points=PointsScheme(), clauses=CLAUSES)
    servers = []
    for name in ("ana", "ben", "carl", "dora"):
        path = tmp_path / f"{name}.server.json"
        path.write_text(json.dumps(results_json(
            [check(c, "passed", step=step) for c in clauses_for_step(step, CLAUSES)])))
        sub = read_results(path, name, cfg)
        sub.server_file = f"etape_{step}/server.py"
        servers.append(sub)
    clients = [
        _client(tmp_path, "ana", [check(c, "passed", step=step) for c in GOOD], step=step),
        _client(tmp_path, "ben", [check(c, "passed", step=step) for c in GOOD if c != "CLIENT-4"]
                + [check("CLIENT-4", "failed", step=step, message=HOSTILE,
                         transcript="C> fin\n", server_output=HOSTILE)], step=step),
        _client(tmp_path, "carl", [], started=False, start_error="client did not start: exit "
                "code 1\nSyntaxError: invalid syntax", step=step),
        empty_submission("dora", _client_cfg(step), model.NO_CLIENT,
                         f"no etape_{step}/client.py in the submission folder"),
    ]
    for c in clients[:3]:
        c.server_file = f"etape_{step}/client.py"
    return (complete(servers, step, CLAUSES, PointsScheme()),
            complete(clients, step, CLAUSES, PointsScheme()))


def _rows(out: Path) -> Dict[str, Dict[str, str]]:
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


@pytest.fixture
def one_step(tmp_path) -> Path:
    servers, clients = _step(tmp_path)
    lab = combine({(2, model.PART_SERVER): servers, (2, model.PART_CLIENT): clients},
                  {n: "etape_{step}/server.py" for n in ("ana", "ben", "carl", "dora")})
    out = tmp_path / "out"
    out.mkdir()
    write_step_with_clients(lab, CLAUSES, out)
    return out


def test_one_step_csv_has_client_columns_and_totals_count_them(one_step):
    rows = _rows(one_step)
    header = list(rows["ana"])
    assert header.index("client: status") > header.index("ECHO-1 (/2)")
    assert {"client: file", "client: CLIENT-4 (/2)", "client: score", "client: max"} <= set(header)
    ana, ben, carl, dora = (rows[n] for n in ("ana", "ben", "carl", "dora"))
    assert ana["client: status"] == "graded" and ana["client: file"] == "etape_2/client.py"
    assert float(ana["score"]) == float(ana["max_score"]) > float(ana["client: max"]) > 0
    assert ben["client: CLIENT-4 (/2)"] == "0" and ben["percent"] != "100.0"
    assert carl["client: status"] == "did not start" and "client: client did not start" in \
        carl["reason"]
    # no client, not asked for: "no client", counted in neither score nor maximum
    assert dora["client: status"] == "no client" and dora["client: max"] == "0"
    assert dora["percent"] == "100.0" and dora["client: CLIENT-4 (/2)"] == ""


def test_one_step_report_shows_client_columns(one_step):
    html = (one_step / "report.html").read_text(encoding="utf-8")
    assert "<th class='client'>client</th>" in html
    assert "<th class='client' title='CLIENT-4" in html or ">CLIENT-4</th>" in html
    assert "data-detail='c1-" in html  # ben's client cells open their details
    assert "<script>document.title" not in html and "&lt;script&gt;document.title" in html
    assert "1 of 4 clients ran" not in html and "of 4 clients ran" in html


def test_one_step_feedback_has_a_client_section(one_step):
    ben = (one_step / "feedback" / "ben.md").read_text(encoding="utf-8")
    server, client = ben.split("\n---\n")
    assert "# Feedback for ben: step 2" in server and "client" not in server.splitlines()[0]
    assert client.lstrip().startswith("# Feedback for ben: step 2, client")
    assert "CLIENT-4" in client and "`C>` your client, `S>` the grader playing the server" in client
    carl = (one_step / "feedback" / "carl.md").read_text(encoding="utf-8")
    assert carl.count("Your client did not start") == 1 and "client: " not in carl


def test_one_step_platform_outputs_carry_client_tests(one_step):
    gs = json.loads((one_step / "gradescope" / "ben" / "results.json").read_text("utf-8"))
    names = [t["name"] for t in gs["tests"]]
    assert "CLIENT-4 [MUST] (step 2 client)" in names and "ECHO-1 [MUST] (step 2)" in names
    assert gs["score"] == float(_rows(one_step)["ben"]["score"])
    assert "Step 2 client:" in gs["output"]
    pl = json.loads((one_step / "prairielearn" / "carl" / "results.json").read_text("utf-8"))
    assert pl["gradable"] is True  # the server ran; the client's failure to start is a grade
    assert any(t["name"] == "step 2 client CLIENT-1" for t in pl["tests"])
    cr = json.loads((one_step / "classroom" / "dora.json").read_text("utf-8"))
    assert cr["status"] == "pass"  # a client not asked for does not fail the run


def test_lab_outputs_put_the_client_group_beside_the_server(tmp_path):
    servers, clients = _step(tmp_path)
    lab = combine({(2, model.PART_CLIENT): clients, (2, model.PART_SERVER): servers},
                  {n: "etape_{step}/server.py" for n in ("ana", "ben", "carl", "dora")})
    assert lab.groups == [(2, "server"), (2, "client")]
    out = tmp_path / "lab"
    out.mkdir()
    write_outputs(lab, RunConfig(step=2, points=PointsScheme(), clauses=CLAUSES), out, "layout")
    rows = _rows(out)
    header = list(rows["ana"])
    assert header.index("step 2 client: status") > header.index("step 2 server: max")
    assert rows["carl"]["step 2 client: status"] == "did not start"
    assert rows["dora"]["notes"] == ""  # no client, not asked for: nothing to note
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<th>step 2 client</th>" in html and "href='step2/client/report.html'" in html
    # ana and ben's clients ran, of the 3 handed in (dora's, not asked for, is not counted)
    assert "<td>step 2 client</td><td>2 / 3</td>" in html
    assert "<h1>CanaDuck grades: steps 2</h1>" in html


def test_required_clients_missing_are_noted_like_missing_servers():
    row = model.StudentLab("dora", "etape_{step}/server.py")
    for step in (2, 3):
        row.parts[(step, model.PART_SERVER)] = model.Submission("dora", step, model.GRADED)
        row.parts[(step, model.PART_CLIENT)] = empty_submission(
            "dora", _client_cfg(step, CLIENTS_REQUIRED), model.NO_CLIENT, "no client.py")
    assert row.notes == ["no client found for steps 2, 3 (layout etape_{step}/server.py)"]


def test_classroom_check_reads_the_clients_result(tmp_path, capsys):
    _, clients = _step(tmp_path)
    by = {s.student: s for s in clients.submissions}
    classroom_platform.save_steps([by["ben"]], tmp_path / "res")
    assert (tmp_path / "res" / "step2-client.json").is_file()
    import io
    log = io.StringIO()
    assert classroom_platform.check(tmp_path / "res", 2, ["CLIENT-1"], log, "client") == 0
    assert classroom_platform.check(tmp_path / "res", 2, ["CLIENT-4"], log, "client") == 1
    assert classroom_platform.check(tmp_path / "res", 3, ["CLIENT-4"], log, "client") == 1
    assert "found no client for step 3" in log.getvalue()
