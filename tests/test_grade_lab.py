"""The whole lab in one command (`--steps 1-8`) on two small classes built from the catalogue's
servers: one laid out as etape_N/server.py, one as code/serverN.py (step 1 as code/server.py).

Each class is graded once for the module (`--jobs 2`); the tests read the outputs. Kept lean:
two students per class, most steps of the second student missing or near misses (no server to
run), so each class costs about one full run of the eight steps.
"""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, NamedTuple

import pytest

from tests.grade_helpers import CATALOGUE, leftovers, subreaper

pytestmark = pytest.mark.grader  # runs the real grader: one test at a time (README, .ci/run)

REPO = Path(__file__).resolve().parent.parent
CORRECT = {1: "step1/raw_oneshot_ok.py", 2: "step2/raw_handout_ok.py",
           3: "step3/raw_robust_ok.py", 4: "step4/chat_handout_ok.py",
           5: "step5/calc_ast_ok.py", 6: "step6/cmd_handout_ok.py",
           7: "step7/threads_handout_ok.py", 8: "step8/store_lock_ok.py"}
LIMITS = ("--start-timeout", "20", "--reply-timeout", "5", "--timeout", "240")


class Graded(NamedTuple):
    klass: Path
    out: Path
    returncode: int
    stderr: str


def _build(klass: Path, files: Dict[str, str]) -> None:
    for target, source in files.items():
        (klass / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CATALOGUE / source, klass / target)


def _grade(base: Path, files: Dict[str, str], *extra: str) -> Graded:
    klass, out = base / "class", base / "out"
    _build(klass, files)
    with subreaper():
        run = subprocess.run([sys.executable, "-m", "tools.grade", str(klass), "--steps", "1-8",
                              "--jobs", "2", "--out", str(out), *LIMITS, *extra],
                             cwd=str(REPO), capture_output=True, text=True, timeout=900,
                             stdin=subprocess.DEVNULL)
    return Graded(klass, out, run.returncode, run.stderr)


@pytest.fixture(scope="module")
def etape(tmp_path_factory) -> Graded:
    """ana: every step right, and clients for steps 1 and 4. ben: a calculator handed in as step 2,
    his step 3 named serveur.py, step 6 with /me's words swapped and a client that breaks
    CLIENT-4, the rest missing."""
    files = {f"ana/etape_{n}/server.py": src for n, src in CORRECT.items()}
    files.update({"ben/etape_2/server.py": CORRECT[5],
                  "ben/etape_3/serveur.py": CORRECT[3],
                  "ben/etape_6/server.py": "step6/cmd_me_swapped_cmd2.py"})
    # clients for some steps: ana's right (steps 1 and 4), ben's step 6 stops on fin, not /bye
    files.update({"ana/etape_1/client.py": "step1/client_handout_ok.py",
                  "ana/etape_4/client.py": "step4/client_chat_ok.py",
                  "ben/etape_6/client.py": "step6/client_stops_on_fin_not_bye_client4.py"})
    return _grade(tmp_path_factory.mktemp("etape"), files)


@pytest.fixture(scope="module")
def code(tmp_path_factory) -> Graded:
    """chloe: code/server.py (step 1), server2.py, server5.py, client2.py. dan: server3.py
    spinning on EOF, server8.py right, a Server4.py, and his step 3 client one folder down."""
    files = {"chloe/code/server.py": CORRECT[1], "chloe/code/server2.py": CORRECT[2],
             "chloe/code/server5.py": CORRECT[5], "dan/code/server3.py":
             "step3/spins_on_eof_robust1.py", "dan/code/server8.py": CORRECT[8],
             "dan/code/Server4.py": CORRECT[4],
             "chloe/code/client2.py": "step2/client_handout_ok.py",        # code/client{step}.py
             "dan/code/tp/client3.py": "step3/client_lan_address_ok.py"}   # one folder down
    return _grade(tmp_path_factory.mktemp("code"), files)


def rows(out: Path) -> dict:
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


def step_result(out: Path, step: int, name: str) -> dict:
    return json.loads((out / f"step{step}" / "results" / f"{name}.json").read_text("utf-8"))


def musts_lost(res: dict) -> list:
    return [c["clause"] for c in res["clauses"]
            if c["level"] == "MUST" and c["points"] < c["max_points"]]


def test_etape_class_all_steps_in_one_run(etape):
    assert etape.returncode == 0, etape.stderr[-3000:]
    assert "layout (detected): etape_{step}/server.py (2 students)" in etape.stderr
    r = rows(etape.out)
    assert set(r) == {"ana", "ben"}
    header = list(r["ana"])
    for n in range(1, 9):  # a column group per step, with room for a client part beside it
        assert f"step {n} server: score" in header and f"step {n} server: max" in header
    ana = r["ana"]
    for n in range(1, 9):
        assert ana[f"step {n} server: status"] == "graded"
        assert ana[f"step {n} server: file"] == f"etape_{n}/server.py"
        assert musts_lost(step_result(etape.out, n, "ana")) == [], n
    # the total: every step's server, and the clients ana handed in (steps 1 and 4)
    total = sum(float(ana[h]) for h in header if h.endswith(": score"))
    assert float(ana["score"]) == total and float(ana["max_score"]) == sum(
        float(ana[h]) for h in header if h.endswith(": max"))
    assert {h.split(":")[0] for h in header if h.endswith(": score")} == {
        f"step {n} server" for n in range(1, 9)} | {"step 1 client", "step 4 client",
                                                    "step 6 client"}
    assert float(ana["percent"]) > 90  # only SHOULD advice separates it from full marks
    assert leftovers(etape.klass, etape.out) == []


def test_a_calculator_handed_in_as_step_2_scores_under_30_percent(etape):
    ben = rows(etape.out)["ben"]
    score, top = float(ben["step 2 server: score"]), float(ben["step 2 server: max"])
    assert ben["step 2 server: status"] == "graded" and top > 0 and score / top < 0.30
    assert "step 2 server: the server does not do what step 2 asks" in ben["notes"]


def test_layout_mistakes_are_named_for_the_student_and_the_teacher(etape):
    ben = rows(etape.out)["ben"]
    assert ben["step 3 server: status"] == "no server"
    assert "found etape_3/serveur.py instead" in ben["notes"]
    assert "no server found for steps 1, 4, 5, 7, 8 (layout etape_{step}/server.py)" in ben["notes"]
    feedback = (etape.out / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "found etape_3/serveur.py instead: rename it to etape_3/server.py" in feedback
    report = (etape.out / "report.html").read_text(encoding="utf-8")
    assert "etape_3/serveur.py" in report and "step1/report.html" in report
    # one fault, one clause: the swapped /me costs CMD-2 (and what it implies), not the step
    assert "CMD-2" in musts_lost(step_result(etape.out, 6, "ben"))
    assert 0 < float(ben["step 6 server: score"]) < float(ben["step 6 server: max"])


def test_code_class_all_steps_in_one_run(code):
    assert code.returncode == 0, code.stderr[-3000:]
    assert "code/server{step}.py (2 students)" in code.stderr
    r = rows(code.out)
    chloe, dan = r["chloe"], r["dan"]
    assert chloe["step 1 server: file"] == "code/server.py"
    assert chloe["step 5 server: file"] == "code/server5.py"
    assert musts_lost(step_result(code.out, 5, "chloe")) == []
    assert "ROBUST-1" in musts_lost(step_result(code.out, 3, "dan"))
    assert musts_lost(step_result(code.out, 8, "dan")) == []
    assert dan["step 4 server: status"] == "no server" and "code/Server4.py" in dan["notes"]
    # the summary of a step counts the servers that ran only
    report = (code.out / "report.html").read_text(encoding="utf-8")
    assert "<td>step 5</td><td>1 / 2</td>" in report
    gs = json.loads((code.out / "gradescope" / "dan" / "results.json").read_text("utf-8"))
    assert gs["score"] == float(dan["score"])
    assert {t["name"].rsplit("(", 1)[1] for t in gs["tests"]} >= {"step 3)", "step 8)"}
    assert leftovers(code.klass, code.out) == []


def test_clients_sit_beside_their_servers_in_the_lab(etape, code):
    r = rows(etape.out)
    header = list(r["ana"])
    for n in (1, 4, 6):  # steps where a student has a client: a client group after the server's
        assert header.index(f"step {n} client: status") > header.index(f"step {n} server: max")
    assert "step 2 client: status" not in header  # nobody has one: no columns
    ana, ben = r["ana"], r["ben"]
    assert ana["step 1 client: file"] == "etape_1/client.py"
    for n in (1, 4):
        assert ana[f"step {n} client: status"] == "graded"
        res = json.loads((etape.out / f"step{n}" / "client" / "results" / "ana.json")
                         .read_text("utf-8"))
        assert [c["clause"] for c in res["clauses"] if c["points"] < c["max_points"]] == [], n
    assert ana["step 6 client: status"] == "no client" and ana["step 6 client: max"] == "0"
    assert ben["step 6 client: CLIENT-4 (/2)"] == "0"
    assert float(ana["score"]) == sum(float(ana[h]) for h in header if h.endswith(": score"))
    report = (etape.out / "report.html").read_text(encoding="utf-8")
    assert "<th>step 4 client</th>" in report and "step4/client/report.html" in report
    assert (etape.out / "step4" / "client" / "report.html").is_file()
    feedback = (etape.out / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "| 6 (client) | `etape_6/client.py` |" in feedback and "step 6, client" in feedback
    gs = json.loads((etape.out / "gradescope" / "ben" / "results.json").read_text("utf-8"))
    assert "CLIENT-4 [MUST] (step 6 client)" in [t["name"] for t in gs["tests"]
                                                 if t["status"] == "failed"]
    c = rows(code.out)
    assert c["chloe"]["step 2 client: file"] == "code/client2.py"
    assert c["chloe"]["step 2 client: status"] == "graded"
    assert c["dan"]["step 3 client: status"] == "no client"
    assert "step 3 client: no code/client3.py in the submission folder; found code/tp/client3.py" \
        " instead" in c["dan"]["notes"]


def test_rerun_of_the_lab_reuses_every_step(code, tmp_path):
    klass, out = tmp_path / "class", tmp_path / "out"
    shutil.copytree(code.klass, klass)
    shutil.copytree(code.out, out)
    again = subprocess.run([sys.executable, "-m", "tools.grade", str(klass), "--steps", "1-8",
                            "--layout", "code/server{step}.py", "--out", str(out), *LIMITS],
                           cwd=str(REPO), capture_output=True, text=True, timeout=300,
                           stdin=subprocess.DEVNULL)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "layout (given): code/server{step}.py" in again.stderr
    # 2 students x 8 steps, and the client groups of steps 2 and 3
    assert again.stderr.count("kept the previous grade") == 16 + 4, again.stderr
    assert rows(out) == rows(code.out)
