"""--target's one server: which clause a check's outcome blames, and the failures recorded since the
server was last seen serving (``conformance.server_under_test.disruptive_last``)."""
from __future__ import annotations

from pathlib import Path

from conformance.server_under_test.disruptive_last import Barrier, blamed_clause


def test_a_failed_check_blames_its_own_clause():
    assert blamed_clause("CALC-2", True, False, "CALC-2 [MUST] broken") == "CALC-2"


def test_a_check_not_reached_blames_the_clause_its_cause_names():
    message = "not reached: /find did not answer with positions (see STORE-2; spec 7.8): no reply"
    assert blamed_clause("TEXT-1", False, True, message) == "STORE-2"
    assert blamed_clause("TURN-1", False, True, "not reached: no reply to '/find absent x'") is None
    assert blamed_clause("SESS-1", False, False, "") is None      # passed


def test_failures_are_kept_until_the_server_is_seen_alive(tmp_path: Path):
    barrier = Barrier(tmp_path, [])
    assert barrier.failed_since_alive() == []
    barrier.record_failure("STORE-2")
    barrier.record_failure("PAR-1")
    barrier.record_failure("STORE-2")
    assert barrier.failed_since_alive() == ["STORE-2", "PAR-1"]
    barrier.saw_alive()
    assert barrier.failed_since_alive() == []


def test_a_clause_only_named_by_a_check_not_reached_does_not_exempt_its_own_check(tmp_path):
    """--target: after CALC-2 killed the server, a CALC-2 check run anyway meets a refusal and is
    not reached "(see SEQ-1)"; SEQ-1's own check must still be gated (not reached, see CALC-2),
    not run on the dead server and failed."""
    barrier = Barrier(tmp_path, [])
    barrier.record_failure("CALC-2")
    barrier.record_failure("SEQ-1", own=False)
    assert barrier.failed_since_alive() == ["CALC-2", "SEQ-1"]
    assert barrier.own_failures_since_alive() == ["CALC-2"]
