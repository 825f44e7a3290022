"""Clients graded for real (issue 12): a small step-2 class with server.py and client.py, graded
with `--jobs 2` by the real suite (`--client-cmd`, the suite playing the server), in the sandbox:
once with bubblewrap, once without it (root: namespaces and a uid per slot) and `--clients
required`. The clients come from tests/catalogue (their verdicts proven by tests/test_catalogue.py)
and connect to a hard-coded ("127.0.0.1", 63000): a correct one passing every client clause inside
the box proves the suite's CANADUCK_CONNECT_PORT and the bind shim reach it there.

Each mode's class is graded once for the module (~15 s each on 2 busy cores).
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Dict, NamedTuple

import pytest

from tests.grade_helpers import CATALOGUE, bwrap_works_for_a_sandbox_uid, leftovers, subreaper

pytestmark = pytest.mark.grader  # runs the real grader: one test at a time (README, .ci/run)

REPO = Path(__file__).resolve().parent.parent
LIMITS = ("--step", "2", "--jobs", "2", "--start-timeout", "10", "--reply-timeout", "3",
          "--timeout", "120")
STUDENTS = ("ana", "ben", "carl", "dora", "eve", "fanny", "mallory")  # dora: no client
# mallory's client is hostile: before anything, it looks for the teacher's variables, reads a
# classmate's file and the outputs, and connects (past the bind shim, with _socket) to a port
# the test listens on outside the box; then it prints what it found and exits, so its report is
# the "did not start" error the grader keeps (the client's output).
HOSTILE = """import _socket, os, sys
found = [k for k in os.environ if "TEACHER" in k]
for path in sys.argv[1:] or open(os.path.join(os.path.dirname(__file__), "targets.txt")).read().split():
    try:
        open(path, "rb").read(1)
        found.append("read " + path)
    except OSError:
        pass
port = int(open(os.path.join(os.path.dirname(__file__), "port.txt")).read())
s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
s.settimeout(2)
try:
    s.connect(("127.0.0.1", port))
    found.append("connected outside")
except OSError:
    pass
print("FOUND:", found or "nothing")
sys.exit(3)
"""
CLIENTS = {  # student -> (file in their folder, catalogue client or the text of one)
    "ana": ("client.py", "step2/client_prompt_ok.py"),
    "ben": ("client.py", "step2/client_no_break_on_fin_client4.py"),
    "carl": ("client.py", "import socket\nprint('never closed'\n"),   # does not compile
    "eve": ("Client.py", "step2/client_handout_ok.py"),                  # a near miss
    "fanny": ("client.py", "step2/client_line_ok.py"),   # line framing, as her server
    "mallory": ("client.py", HOSTILE),
}
SERVER = "step2/raw_handout_ok.py"
SERVERS = {"fanny": "step2/line_readline_ok.py"}


class Graded(NamedTuple):
    klass: Path
    out: Path
    returncode: int
    stderr: str


def _build(klass: Path) -> None:
    for name in STUDENTS:
        (klass / name).mkdir(parents=True)
        shutil.copyfile(CATALOGUE / SERVERS.get(name, SERVER), klass / name / "server.py")
        if name in CLIENTS:
            file, source = CLIENTS[name]
            if source.endswith(".py"):
                shutil.copyfile(CATALOGUE / source, klass / name / file)
            else:
                (klass / name / file).write_text(source, encoding="utf-8")
    for root, dirs, files in os.walk(klass.parent):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)


def _grade(base: Path, *extra: str) -> Graded:
    klass, out = base / "class", base / "out"
    _build(klass)
    outside = socket.socket()
    outside.bind(("127.0.0.1", 0))
    outside.listen(5)
    outside.settimeout(0.2)
    (klass / "mallory" / "port.txt").write_text(str(outside.getsockname()[1]))
    (klass / "mallory" / "targets.txt").write_text("\n".join(str(p) for p in [
        klass / "ana" / "client.py", out, out / "client"]))
    env = dict(os.environ, CANADUCK_TEACHER_TOKEN="tok-123")
    try:
        with subreaper():
            run = subprocess.run([sys.executable, "-m", "tools.grade", str(klass), "--out",
                                  str(out), *LIMITS, *extra], cwd=str(REPO), capture_output=True,
                                 text=True, timeout=600, stdin=subprocess.DEVNULL, env=env)
        try:
            outside.accept()[0].close()
            reached = True
        except OSError:
            reached = False
    finally:
        outside.close()
    assert not reached, "a client reached a port outside its box"
    return Graded(klass, out, run.returncode, run.stderr)


BWRAP = bwrap_works_for_a_sandbox_uid()


@pytest.fixture(scope="module")
def boxed(tmp_path_factory) -> Graded:
    """bubblewrap (the default where it works), clients graded where found (`--clients auto`)."""
    if not BWRAP:
        pytest.skip("bubblewrap cannot make the grader's boxes here")
    return _grade(tmp_path_factory.mktemp("bwrap"))


@pytest.fixture(scope="module")
def unboxed(tmp_path_factory) -> Graded:
    """Without bubblewrap (root: network and mount namespaces, a uid per slot), clients required."""
    if os.geteuid() != 0:
        pytest.skip("without bubblewrap the sandbox needs root")
    return _grade(tmp_path_factory.mktemp("nobwrap"), "--no-bwrap", "--clients", "required")


def rows(out: Path) -> Dict[str, Dict[str, str]]:
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


def client_result(out: Path, name: str) -> dict:
    return json.loads((out / "client" / "results" / f"{name}.json").read_text("utf-8"))


def lost(res: dict) -> list:
    return [c["clause"] for c in res["clauses"] if c["points"] < c["max_points"]]


@pytest.fixture(params=["bwrap", "no-bwrap"])
def graded(request) -> Graded:
    return request.getfixturevalue("boxed" if request.param == "bwrap" else "unboxed")


def test_clients_are_graded_in_the_sandbox_beside_their_servers(graded):
    assert graded.returncode == 0, graded.stderr[-3000:]
    r = rows(graded.out)
    ana, ben, carl = r["ana"], r["ben"], r["carl"]
    # the correct client connects to its hard-coded port inside the box and passes everything
    assert ana["client: status"] == "graded" and ana["client: file"] == "client.py"
    assert lost(client_result(graded.out, "ana")) == [], client_result(graded.out, "ana")
    # a line client is checked in the framing of its student's server: line
    fanny = client_result(graded.out, "fanny")
    assert fanny["framing"] == "line" and lost(fanny) == [], fanny
    # --clients auto (bwrap): a client is a bonus, its points added to the score, its maximum to
    # nothing; --clients required (no-bwrap): part of the total
    score, top = float(ana["client: score"]), float(ana["client: max"])
    assert score > 0 and top == (score if "nobwrap" in str(graded.out) else 0)
    assert float(ana["score"]) == float(ana["step 2 score"]) + float(ana["client: score"])
    # one fault, one clause: the client that does not stop after fin loses CLIENT-4 only
    assert lost(client_result(graded.out, "ben")) == ["CLIENT-4"]
    assert ben["client: CLIENT-4 (/2)"] == "0"
    # a client that does not compile: "did not start", once, with its error
    assert carl["client: status"] == "did not start" and carl["client: score"] == "0"
    assert "SyntaxError" in carl["reason"]
    feedback = (graded.out / "feedback" / "carl.md").read_text(encoding="utf-8")
    assert feedback.count("**Your client did not start**") == 1 and "SyntaxError" in feedback
    assert 'File "client.py", line 2' in feedback  # the student's path, not the private copy's
    assert "CLIENT-" in (graded.out / "report.html").read_text(encoding="utf-8")
    assert leftovers(graded.klass, graded.out) == []


def test_a_missing_client_counts_only_when_required(boxed, unboxed):
    auto, required = rows(boxed.out), rows(unboxed.out)
    for r in (auto, required):
        assert r["dora"]["client: status"] == r["eve"]["client: status"] == "no client"
        assert "found Client.py instead: rename it to client.py" in r["eve"]["reason"]
    assert auto["dora"]["client: max"] == "0" and auto["dora"]["percent"] == "100.0"
    assert required["dora"]["client: max"] == required["ana"]["client: max"]
    assert float(required["dora"]["percent"]) < 100
    assert "3 clients that ran (2 did not, 2 without one)" in boxed.stderr
    assert "3 clients that ran (4 did not)" in unboxed.stderr
    # the terminal ends on one table of both parts, as grades.csv totals them
    together = boxed.stderr.split("== step 2, server and client together ==\n")[1].splitlines()
    assert together[0].split() == ["student", "s2", "s2c", "total", "%"]
    assert [line.split()[0] for line in together[1:1 + len(STUDENTS)]] == sorted(STUDENTS)


def test_a_hostile_client_finds_nothing_outside_its_box(graded):
    res = client_result(graded.out, "mallory")
    assert res["status"] == "did_not_start" and "FOUND: nothing" in res["start_error"], res


def test_platform_outputs_carry_the_client(boxed):
    gs = json.loads((boxed.out / "gradescope" / "ben" / "results.json").read_text("utf-8"))
    failed = [t["name"] for t in gs["tests"] if t["status"] == "failed"]
    assert failed == ["CLIENT-4 [MUST] (step 2 client)"], failed
    assert gs["score"] == float(rows(boxed.out)["ben"]["score"])
    pl = json.loads((boxed.out / "prairielearn" / "carl" / "results.json").read_text("utf-8"))
    assert pl["gradable"] and pl["score"] == 1  # carl's client (a bonus) costs nothing


def test_rerun_keeps_every_server_and_client(boxed, tmp_path):
    klass, out = tmp_path / "class", tmp_path / "out"
    shutil.copytree(boxed.klass, klass)
    shutil.copytree(boxed.out, out)
    again = subprocess.run([sys.executable, "-m", "tools.grade", str(klass), "--out", str(out),
                            *LIMITS], cwd=str(REPO), capture_output=True, text=True, timeout=300,
                           stdin=subprocess.DEVNULL)
    assert again.returncode == 0, again.stderr[-2000:]
    assert again.stderr.count("kept the previous grade") == 2 * len(STUDENTS), again.stderr
    assert rows(out) == rows(boxed.out)


def test_merge_of_split_outputs_keeps_the_clients(boxed, tmp_path):
    out = boxed.out
    parts = [tmp_path / "a", tmp_path / "b"]
    for i, part in enumerate(parts):
        for sub in ("", "client/"):
            (part / sub / "results").mkdir(parents=True)
            for name in STUDENTS[i::2]:
                shutil.copy(out / sub / "results" / f"{name}.json", part / sub / "results")
    merged = tmp_path / "merged"
    res = subprocess.run([sys.executable, "-m", "tools.grade", "--merge", *map(str, parts),
                          "--out", str(merged)], cwd=str(REPO), capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    assert rows(merged) == rows(out)
    assert (merged / "client" / "report.html").is_file()
