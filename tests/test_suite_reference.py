"""The suite against the bundled reference server: every applicable clause passes, raw and line,
with and without xdist; --target mode against a running reference."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conformance.plugin import PARTIAL_EXIT
from conformance.server_under_test.launcher import launch

STEP_TABLE = {   # spec section 8 (MUST clauses the suite checks)
    1: {"FRAME-1", "FRAME-2", "HELLO-1", "HELLO-2"},
    2: {"FRAME-1", "FRAME-2", "FRAME-3", "TEXT-1", "SIZE-1", "TURN-1", "ECHO-1", "SESS-1", "SESS-2", "SESS-3"},
    4: {"FRAME-1", "FRAME-2", "CHAT-1", "CHAT-2", "CHAT-3", "CHAT-4", "SEQ-1"},
    5: {"FRAME-1", "FRAME-2", "FRAME-3", "SESS-1", "SESS-2", "CALC-1", "CALC-2", "CALC-3", "CALC-4", "CALC-5",
        "SEQ-1", "ROBUST-1", "ROBUST-2", "ROBUST-3", "ROBUST-4"},
    6: {"FRAME-1", "FRAME-2", "FRAME-3", "TEXT-1", "SEQ-1", "ROBUST-1", "ROBUST-2", "ROBUST-3", "ROBUST-4"}
       | {f"CMD-{n}" for n in range(1, 9)},
    8: {"FRAME-1", "FRAME-2", "FRAME-3", "TEXT-1", "SESS-1", "SESS-2", "SEQ-1", "PAR-1",
        "ROBUST-1", "ROBUST-2", "ROBUST-3", "ROBUST-4"} | {f"STORE-{n}" for n in range(1, 6)},
}
STEP_TABLE[3] = STEP_TABLE[2] | {"SEQ-1", "ROBUST-1", "ROBUST-2", "ROBUST-3", "ROBUST-4"}
STEP_TABLE[7] = STEP_TABLE[3] | {"PAR-1", "PAR-2"}


@pytest.fixture(scope="module")
def reference_raw(run_suite):
    return run_suite()


def test_reference_raw_passes_every_clause_of_every_step(reference_raw):
    run = reference_raw
    assert run.returncode == 0, run.output[-3000:]
    assert run.results["started"] is True and run.results["framing"] == "raw"
    assert run.failed() == []
    for step, clauses in STEP_TABLE.items():
        checked = {c["clause"] for c in run.results["checks"] if c["step"] == step}
        assert clauses <= checked, (step, clauses - checked)
    outcomes = {c["outcome"] for c in run.results["checks"]}
    assert outcomes == {"passed", "skipped"}          # nothing not reached, no advice
    skipped = {c["clause"] for c in run.results["checks"] if c["outcome"] == "skipped"}
    assert skipped <= {"FRAME-2", "FRAME-3", "FRAME-5"}  # line-framing clauses only


def test_reference_raw_same_verdicts_with_xdist(run_suite, reference_raw):
    distributed = run_suite("-n", "4")
    assert distributed.returncode == 0, distributed.output[-3000:]
    assert distributed.verdicts() == reference_raw.verdicts()
    assert len(distributed.results["checks"]) == len(reference_raw.results["checks"])


def test_reference_line_framing(run_suite):
    run = run_suite("--framing", "line", "-n", "4")
    assert run.returncode == 0, run.output[-3000:]
    assert run.results["framing"] == "line"
    verdicts = run.verdicts()
    assert verdicts["FRAME-2"] == "passed" and verdicts["FRAME-3"] == "passed"
    assert run.failed() == []


@pytest.mark.parametrize("framing", ["raw", "line"])
def test_auto_detection_on_a_launched_reference(run_suite, framing):
    command = f"{sys.executable} -m reference_impl --step 3 --host 127.0.0.1 --port {{port}} --framing {framing}"
    run = run_suite("--server-cmd", command, "--step", "3", "-k", "not robust")
    assert run.results["framing"] == framing
    assert run.failed() == [], run.output[-3000:]


def test_target_mode_one_shot_step1_across_workers(run_suite):
    server = launch(f"{sys.executable} -m reference_impl --step 1 --host 127.0.0.1 --port {{port}}", 10)
    try:
        run = run_suite("--target", f"127.0.0.1:{server.port}", "--step", "1", "-n", "2")
    finally:
        server.stop()
    assert run.returncode == 0, run.output[-3000:]
    assert run.verdicts()["HELLO-1"] == "passed" and run.verdicts()["HELLO-2"] == "passed"


def test_target_mode_gentle_leaves_out_disruptive_checks(run_suite):
    """--gentle: the checks that may crash or freeze the server are "not run" (never "do not
    apply"), and the summary says the verdict is partial. The old --allow-disruptive is accepted."""
    server = launch(f"{sys.executable} -m reference_impl --step 3 --host 127.0.0.1 --port {{port}}", 10)
    try:
        run = run_suite("--target", f"[::1]:{server.port}" if server.host == "::1" else f"localhost:{server.port}",
                        "--step", "3", "-n", "2", "--gentle", "--allow-disruptive")
    finally:
        server.stop()
    assert run.returncode == PARTIAL_EXIT, run.output[-3000:]       # a partial verdict never exits 0
    robust = [c for c in run.results["checks"] if c["clause"].startswith("ROBUST-")]
    assert robust and all(c["outcome"] == "not_run" and "--gentle" in c["message"] for c in robust)
    assert run.failed() == []
    assert "PARTIAL VERDICT" in run.output
    assert not [line for line in run.output.splitlines() if "do not apply" in line and "ROBUST" in line]


def test_greeting_line_server_conforms(run_suite):
    """A non-reference conforming server: greets, line framing, socketserver (auto-detected)."""
    server = Path(__file__).resolve().parent / "suite_servers" / "step3_greeting_line.py"
    run = run_suite("--server-cmd", f"{sys.executable} {server}", "--step", "3")
    assert run.results["framing"] == "line"
    assert run.failed() == [], run.output[-3000:]
    assert run.returncode == 0


def test_several_steps(run_suite):
    run = run_suite("--step", "3", "--step", "6", "-k", "framing or echo")
    assert run.results["steps"] == [3, 6]
    assert sorted({c["step"] for c in run.results["checks"]}) == [3, 6]
    assert run.failed() == []
