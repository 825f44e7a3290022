"""How check reports become results-JSON outcomes and the terminal summary (conformance.core.results),
without running a server: made-up reports as pytest's workers send them."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from conformance.core.results import PROPERTY, Results
from conformance.core.settings import build_settings
from conformance.core.verdict import ADVICE, DID_NOT_START, ERROR, FAILED, NOT_REACHED, NOT_RUN, PASSED, SKIPPED


def _results() -> Results:
    return Results(build_settings(target=None, server_cmd=None, steps=["3"], framing=None, reply_timeout="2",
                                  start_timeout="10", quiet_gap="0.15", gentle=False,
                                  results_json=None))


def _report(nodeid, clause, when, outcome, message="", skipped_as=None, start_error=None):
    info = {"clause": clause, "level": "MUST", "step": 3, "message": message, "framing": "raw",
            "start_error": start_error, "skipped_as": skipped_as}
    longrepr = ("file.py", 1, message) if outcome == "skipped" else None
    return SimpleNamespace(nodeid=nodeid, when=when, passed=outcome == "passed", failed=outcome == "failed",
                           skipped=outcome == "skipped", duration=0.01, longrepr=longrepr,
                           user_properties=[(PROPERTY, info)])


@pytest.mark.parametrize("when, outcome, skipped_as, expected", [
    ("call", "passed", None, PASSED),
    ("call", "failed", None, FAILED),
    ("setup", "failed", None, ERROR),
    ("call", "skipped", None, SKIPPED),
    ("setup", "skipped", None, SKIPPED),
    ("call", "skipped", NOT_REACHED, NOT_REACHED),
    ("setup", "skipped", NOT_REACHED, NOT_REACHED),     # e.g. the scenario fixture found no framing
    ("call", "skipped", ADVICE, ADVICE),
])
def test_outcome_comes_from_the_report_and_its_property(when, outcome, skipped_as, expected):
    results = _results()
    results.add(_report("t::a", "SESS-2", "setup", "passed"))
    results.add(_report("t::a", "SESS-2", when, outcome, "some message", skipped_as))
    assert results.as_json()["checks"][0]["outcome"] == expected


def test_the_message_prefix_alone_does_not_make_an_outcome():
    """Only the Check's property says not_reached/advice: a plain skip stays 'does not apply'."""
    results = _results()
    results.add(_report("t::a", "FRAME-2", "call", "skipped", "not reached: looks like one"))
    assert results.as_json()["checks"][0]["outcome"] == SKIPPED


def test_clauses_add_up_worst_first_and_not_reached_is_listed_with_its_cause():
    results = _results()
    results.add(_report("t::a", "SEQ-1", "call", "failed", "SEQ-1 [MUST] broken"))
    results.add(_report("t::b", "ROBUST-3", "call", "passed"))
    results.add(_report("t::c", "ROBUST-3", "call", "skipped", "not reached: no framing found (see FRAME-1): x",
                        NOT_REACHED))
    results.add(_report("t::d", "FRAME-2", "call", "skipped", "raw framing", None))
    results.add(_report("t::e", "TEXT-2", "call", "skipped", "advice (TEXT-2 [SHOULD]): expected ...", ADVICE))
    assert dict(results.clauses()) == {"SEQ-1": FAILED, "ROBUST-3": NOT_REACHED, "FRAME-2": SKIPPED,
                                       "TEXT-2": ADVICE}
    summary = "\n".join(results.summary_lines())
    assert "clauses FAILED (1): SEQ-1" in summary
    assert "clauses passed (0)" in summary            # a clause with a check not reached is not passed
    assert "  ROBUST-3: no framing found (see FRAME-1): x" in summary
    assert "advice, SHOULD not followed (1): TEXT-2" in summary
    assert "do not apply to this server's framing (1): FRAME-2" in summary


def test_identical_not_reached_causes_are_grouped_and_not_run_makes_a_partial_verdict():
    results = _results()
    for index, clause in enumerate(("ECHO-1", "TEXT-1", "SIZE-1")):
        results.add(_report(f"t::{index}", clause, "call", "skipped", "not reached: no framing found (see FRAME-1): x",
                            NOT_REACHED))
    results.add(_report("t::r", "ROBUST-1", "setup", "skipped", "not run: --gentle: left out", NOT_RUN))
    summary = results.summary_lines()
    assert "  TEXT-1 SIZE-1 ECHO-1: no framing found (see FRAME-1): x" in summary
    assert sum("no framing found" in line for line in summary) == 1
    assert "clauses not run (1): ROBUST-1" in summary and any("PARTIAL VERDICT" in line for line in summary)


def test_a_server_that_did_not_start_is_told_once():
    results = _results()
    results.not_started = "the server exited with code 1 before listening\nTraceback (most recent call last):\nX"
    for index, clause in enumerate(("SESS-1", "TEXT-2")):
        results.add(_report(f"t::{index}", clause, "setup", "skipped", "server did not start: exit", DID_NOT_START))
    data = results.as_json()
    assert data["started"] is False and "exited with code 1" in data["start_error"]
    assert {check["outcome"] for check in data["checks"]} == {DID_NOT_START}
    summary = "\n".join(results.summary_lines())
    assert summary.count("Traceback") == 1 and "FAILED" not in summary


def test_a_server_that_never_started_is_an_error_not_a_failure():
    results = _results()
    results.add(_report("t::a", "SESS-1", "setup", "failed", "server did not start", start_error="exit 1"))
    assert results.as_json()["checks"][0]["outcome"] == ERROR
    assert results.as_json()["started"] is False
