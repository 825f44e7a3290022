"""The suite against small faulty servers: each fault fails its clause, and only that one.

Servers with a known verdict come from the catalogue (tests/catalogue/); tests/suite_servers/ holds
only what the catalogue lacks (servers that never answer, flood, crash at start, exit slowly...).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conformance.core.verdict import DID_NOT_START, NOT_REACHED
from conformance.plugin import DID_NOT_START_EXIT

TESTS = Path(__file__).resolve().parent
SERVERS = TESTS / "suite_servers"
CATALOGUE = TESTS / "catalogue"


def server_cmd(name: str) -> str:
    """A server of tests/suite_servers/ (``flood.py``) or of the catalogue (``step2/echo_prefix_echo1.py``)."""
    path = SERVERS / name if (SERVERS / name).is_file() else CATALOGUE / name
    return f"{sys.executable} {path}"


ECHO_PREFIX = "step2/echo_prefix_echo1.py"


@pytest.fixture(scope="module")
def echo_prefix_serial(run_suite):
    """One serial run on the echo-prefix server, shared by the two tests that need it."""
    return run_suite("--server-cmd", server_cmd(ECHO_PREFIX), "--step", "2")


@pytest.mark.parametrize("name, step, failed", [
    (ECHO_PREFIX, 2, ["ECHO-1"]),
    ("step3/spins_on_eof_robust1.py", 3, ["ROBUST-1"]),
    ("step5/calc_eval_calc3_calc4_calc5.py", 5, ["CALC-3", "CALC-4", "CALC-5"]),
    ("step6/cmd_unknown_silent_cmd7.py", 6, ["CMD-7"]),
    ("step7/sequential_par1_par2.py", 7, ["PAR-1", "PAR-2"]),
    ("step8/store_no_lock_store5.py", 8, ["STORE-5"]),
])
def test_one_fault_one_failed_clause(run_suite, echo_prefix_serial, name, step, failed):
    run = (echo_prefix_serial if name == ECHO_PREFIX else
           run_suite("--server-cmd", server_cmd(name), "--step", str(step)))
    assert run.results["started"] is True
    assert run.failed() == failed, run.output[-4000:]
    assert run.returncode == 1


def test_server_that_stops_after_fin_fails_seq1_only(run_suite):
    """SEQ-1's fault costs SEQ-1 alone, however slowly the server exits (it closes its listening
    socket long before it ends): checks on the shared server get a relaunched one, and ROBUST-3/4
    pass (the server answered after the bad bytes, then exited with code 0 on 'fin')."""
    run = run_suite("--server-cmd", server_cmd("step3_slow_exit_on_fin.py"), "--step", "3", "-n", "4",
                    "--reply-timeout", "1")
    assert run.failed() == ["SEQ-1"], run.output[-4000:]
    verdicts = run.verdicts()
    assert verdicts["ROBUST-3"] == verdicts["ROBUST-4"] == verdicts["SESS-2"] == "passed"
    assert not [c for c in run.results["checks"] if c["outcome"] == NOT_REACHED]


def test_no_welcome_costs_cmd1_only(run_suite):
    """Step 6's lenient probes (framing detection included) do not depend on the pseudo's reply:
    only CMD-1 fails, nothing is left unchecked. (An empty welcome is the catalogue's
    step6/cmd_empty_welcome_cmd1.py.)"""
    run = run_suite("--server-cmd", server_cmd("step6_silent_pseudo.py"), "--step", "6", "-n", "4",
                    "--reply-timeout", "1")
    assert run.failed() == ["CMD-1"], run.output[-4000:]
    assert not [c["clause"] for c in run.results["checks"] if c["outcome"] == NOT_REACHED]
    assert {"SEQ-1", "ROBUST-1", "ROBUST-2", "ROBUST-3", "ROBUST-4", "CMD-2", "CMD-7"} <= {
        clause for clause, verdict in run.verdicts().items() if verdict == "passed"}


def test_xdist_gives_the_same_verdicts_on_a_faulty_server(run_suite, echo_prefix_serial):
    distributed = run_suite("--server-cmd", server_cmd(ECHO_PREFIX), "--step", "2", "-n", "4")
    assert distributed.verdicts() == echo_prefix_serial.verdicts()
    assert distributed.failed() == ["ECHO-1"]


@pytest.mark.parametrize("name", ["never_answers.py", "flood.py"])
def test_silent_or_flooding_server_ends_the_run(run_suite, name):
    run = run_suite("--server-cmd", server_cmd(name), "--step", "3", timeout=120)
    verdicts = run.verdicts()
    assert verdicts["FRAME-1"] == "failed"
    assert "passed" not in verdicts.values()
    frame1 = next(c for c in run.results["checks"] if c["clause"] == "FRAME-1")
    assert frame1["transcript"]
    others = [c for c in run.results["checks"] if c["clause"] != "FRAME-1"]
    assert others and all(c["outcome"] == NOT_REACHED and "FRAME-1" in c["message"] for c in others)
    assert "clauses not reached" in run.output       # the terminal summary lists them, with the cause


@pytest.mark.parametrize("command, needle, jobs", [
    (server_cmd("crash_at_import.py"), "TypeError", "0"),
    (f"{sys.executable} {SERVERS / 'no_such_server.py'}", "No such file or directory", "2"),
])
def test_server_that_does_not_start_is_told_once(run_suite, command, needle, jobs):
    """Every check "did not start" (none failed, no SHOULD among failures), the start error with
    its traceback once in the summary, and an exit code of its own."""
    run = run_suite("--server-cmd", command, "--step", "3", "-n", jobs)
    assert run.returncode == DID_NOT_START_EXIT, run.output[-3000:]
    assert run.results["started"] is False
    assert needle in run.results["start_error"]
    assert {c["outcome"] for c in run.results["checks"]} == {DID_NOT_START}
    assert "server did not start" in run.results["checks"][0]["message"]
    assert run.output.count(needle) == 1, run.output[-3000:]
    assert "FAILED" not in run.output


def test_nothing_listening_is_one_clear_error(run_suite):
    run = run_suite("--target", "127.0.0.1:1", "--step", "3", "-n", "2")
    assert run.returncode == 3
    assert run.results["started"] is False and "nothing is listening at 127.0.0.1:1" in run.results["start_error"]
    assert run.results["checks"] == []
    assert "FAILED" not in run.output


@pytest.mark.parametrize("args, needle", [
    (["--target", "127.0.0.1:63000"], "--step is required with --target"),
    (["--server-cmd", "python x.py", "--step", "9"], "--step '9'"),
    (["--target", "nowhere"], "--target 'nowhere'"),
    (["--reply-timeout", "soon"], "--reply-timeout 'soon'"),
])
def test_usage_errors_name_the_option(run_suite, args, needle):
    run = run_suite(*args)
    assert run.returncode == 4
    assert needle in run.output
