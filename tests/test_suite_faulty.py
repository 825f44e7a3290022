"""The suite against small faulty servers: each fault fails its clause, and only that one."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

SERVERS = Path(__file__).resolve().parent / "suite_servers"


def server_cmd(name: str) -> str:
    return f"{sys.executable} {SERVERS / name}"


@pytest.mark.parametrize("name, step, failed", [
    ("step2_echo_prefix.py", 2, ["ECHO-1"]),
    ("step3_spin_on_eof.py", 3, ["ROBUST-1"]),
    ("step5_eval.py", 5, ["CALC-4", "CALC-5"]),
    ("step6_silent_unknown.py", 6, ["CMD-7"]),
    ("step7_sequential.py", 7, ["PAR-1", "PAR-2"]),
    ("step8_racy.py", 8, ["STORE-5"]),
])
def test_one_fault_one_failed_clause(run_suite, name, step, failed):
    run = run_suite("--server-cmd", server_cmd(name), "--step", str(step))
    assert run.results["started"] is True
    assert run.failed() == failed, run.output[-4000:]
    assert run.returncode == 1


def test_xdist_gives_the_same_verdicts_on_a_faulty_server(run_suite):
    serial = run_suite("--server-cmd", server_cmd("step2_echo_prefix.py"), "--step", "2")
    distributed = run_suite("--server-cmd", server_cmd("step2_echo_prefix.py"), "--step", "2", "-n", "4")
    assert distributed.verdicts() == serial.verdicts()
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
    assert others and all(c["outcome"] == "skipped" and c["message"].startswith("not reached") for c in others)


def test_server_that_does_not_start(run_suite):
    run = run_suite("--server-cmd", server_cmd("crash_at_import.py"), "--step", "3")
    assert run.results["started"] is False
    assert "TypeError" in run.results["start_error"]
    assert {c["outcome"] for c in run.results["checks"]} == {"error"}
    assert "server did not start" in run.results["checks"][0]["message"]


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
