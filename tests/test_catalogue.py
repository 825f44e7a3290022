"""The conformance suite judged by servers and clients whose verdict is known (tests/catalogue/).

Every catalogue program declares, in its docstring, the MUST clauses it breaks (none for a correct
one). The suite must fail exactly those: a correct program that fails a check means the suite is too
strict (or the catalogue program is wrong); a faulty program that passes means a check is missing or
blind; an extra failed clause means a check blames the wrong clause.

Modes: every server with ``--server-cmd`` (the suite starts it, fresh for disruptive checks) and
every client with ``--client-cmd`` (the suite starts it, plays its server, types on its stdin); a
representative subset of servers with ``--target`` (we start the server with the suite's launcher,
as a teacher would; the disruptive checks run last), and a subset with pytest-xdist inside the suite
(``-n 2`` / ``-n 4``). The subsets are kept small so that this file stays within a few minutes on
two cores; ``python -m tools.matrix`` is the place for the full picture.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest

from conformance.core.clauses import spec_clauses, step_clause_ids
from conformance.core.verdict import DID_NOT_START
from conformance.plugin import DID_NOT_START_EXIT
from tools.catalogue import (MODE_CLIENT_CMD, MODE_SERVER_CMD, MODE_TARGET, ROLE_CLIENT, ROLE_SERVER,
                             CatalogueError, Expectation, is_client_clause, load_catalogue, parse_expectation,
                             run_suite)

CATALOGUE = load_catalogue()
BY_NAME: Dict[str, Expectation] = {expectation.name: expectation for expectation in CATALOGUE}

# --target: correct servers of every multi-client step and framing, plus faulty ones whose fault
# does not take the server down (with --target one process serves every check).
TARGET_SUBSET = (
    "step3/raw_greeting_ok",
    "step3/line_socketserver_ok",
    "step5/calc_parser_ok",
    "step6/cmd_handout_ok",
    "step6/cmd_me_swapped_cmd2",
    "step7/threads_handout_ok",
    "step8/store_line_ok",
    "step8/store_find_commas_store2",
    # --target runs the checks that may crash or freeze the server last, by default: each of these
    # fails its own clause, and the other clauses keep their verdicts (issue 8).
    "step3/spins_on_eof_robust1",
    "step3/reset_kills_robust2",
    "step5/calc_no_power_limit_calc5",
    "step3/exits_on_fin_seq1",
    # a crash or a freeze on the one server: what follows is not reached, never failed (issue 21)
    "step5/calc_div0_kills_calc2",
    "step8/store_find_deadlock_store2",
    "step3/silent_after_first_reply_sess1",
)

# -n J inside the suite: the disruptive and concurrent checks spread over workers.
XDIST_SUBSET = {
    "step2/raw_handout_ok": 2,
    "step3/reset_kills_robust2": 2,
    "step6/cmd_socketserver_line_ok": 2,
    "step7/asyncio_ok": 4,
    "step8/store_no_lock_store5": 4,
    "step8/store_notifies_others_turn1": 4,
    "step8/store_broadcast_pseudo_store1_turn1_robust1_robust2_robust3_robust4": 4,
    # clients: the suite's client checks spread over workers, each starting its own client
    "step2/client_prompt_ok": 2,
    "step6/client_line_buffer_ok": 2,
    "step7/client_thread_ok": 2,
    "step7/client_thread_spins_client5": 2,
}

# MUST clauses that no catalogue server can break alone, with the reason (reported by tools.matrix).
UNCOVERED_MUST: Dict[str, str] = {}

REPLY_TIMEOUT = 1.0


def _cases() -> List[object]:
    cases = [pytest.param(expectation, expectation.default_mode, 0,
                          id=f"{expectation.name}[{expectation.default_mode}]")
             for expectation in CATALOGUE]
    cases += [pytest.param(BY_NAME[name], MODE_TARGET, 0, id=f"{name}[target]")
              for name in TARGET_SUBSET]
    cases += [pytest.param(BY_NAME[name], BY_NAME[name].default_mode, jobs,
                           id=f"{name}[{BY_NAME[name].default_mode},n{jobs}]")
              for name, jobs in XDIST_SUBSET.items()]
    return cases


@pytest.mark.parametrize(("expectation", "mode", "jobs"), _cases())
def test_suite_gives_the_declared_verdict(expectation: Expectation, mode: str, jobs: int) -> None:
    run = run_suite(expectation, mode=mode, jobs=jobs, reply_timeout=REPLY_TIMEOUT)
    assert run.results is not None, f"the suite wrote no results file\n{run.explain()}"
    if not expectation.starts:      # told once: one message, the traceback once, its own exit code
        assert run.results.get("started") is False, run.explain()
        assert run.returncode == DID_NOT_START_EXIT, run.explain()
        assert run.checks and {check["outcome"] for check in run.checks} == {DID_NOT_START}, run.explain()
        assert run.output.count(f"THE {expectation.role.upper()} DID NOT START") == 1, run.explain()
        assert run.output.count("Traceback (most recent call last)") <= 1, run.explain()
        assert "FAILED" not in run.output.replace("clauses FAILED", ""), run.explain()
        return
    assert run.results.get("started"), f"the {expectation.role} did not start\n{run.explain()}"
    assert run.checks, f"the suite ran no check\n{run.explain()}"
    assert run.results.get("role", ROLE_SERVER) == expectation.role, run.explain()
    failed = run.failed_must()
    missed, extra = sorted(expectation.fails - failed), sorted(failed - expectation.fails)
    assert failed == expectation.fails, (
        f"{expectation.name}: expected failed MUST clauses {sorted(expectation.fails)},"
        f" the suite failed {sorted(failed)} (not caught: {missed}, wrongly failed: {extra})\n"
        + run.explain(missed))
    if expectation.correct:
        assert not run.not_reached(), (
            f"{expectation.name} is correct, yet checks of {sorted(run.not_reached())} were not reached\n"
            + run.explain(sorted(run.not_reached())))


def test_every_mode_subset_names_catalogue_programs() -> None:
    assert set(TARGET_SUBSET) <= set(BY_NAME)
    assert set(XDIST_SUBSET) <= set(BY_NAME)
    assert all(MODE_TARGET in BY_NAME[name].modes for name in TARGET_SUBSET)


def test_catalogue_declares_only_must_clauses_of_the_spec() -> None:
    clauses = spec_clauses()
    for expectation in CATALOGUE:
        for clause_id in expectation.fails:
            assert clause_id in clauses, f"{expectation.name}: {clause_id} is not in the spec"
            assert clauses[clause_id].level == "MUST", f"{expectation.name}: {clause_id} is not a MUST"
            # a client breaks client clauses, a server the others: the suite checks one role per run
            assert is_client_clause(clause_id) == expectation.is_client, (
                f"{expectation.name}: a {expectation.role} cannot be caught on {clause_id}")
            assert clause_id in step_clause_ids(expectation.step, role=expectation.role), (
                f"{expectation.name}: {clause_id} is not checked at step {expectation.step} (spec step table)")


def test_every_must_clause_has_a_faulty_program() -> None:
    musts = {clause.id for clause in spec_clauses().values() if clause.level == "MUST"}
    covered = set().union(*(expectation.fails for expectation in CATALOGUE))
    assert musts - covered == set(UNCOVERED_MUST), sorted(musts - covered)


@pytest.mark.parametrize("role", [ROLE_SERVER, ROLE_CLIENT])
def test_every_step_has_a_correct_program(role: str) -> None:
    assert {e.step for e in CATALOGUE if e.correct and e.role == role} == set(range(1, 9))


def test_header_parser_reads_all_fields(tmp_path: Path) -> None:
    source = '"""A server.\ncanaduck-expect: step=6 fails=CMD-2,TEXT-1 framing=line modes=server-cmd\n"""\n'
    broken = '"""Does not compile.\ncanaduck-expect: step=3 starts=no\n"""\nx = (\n'
    assert not parse_expectation(tmp_path / "b.py", broken).starts
    expectation = parse_expectation(tmp_path / "s.py", source)
    assert (expectation.step, expectation.fails, expectation.framing, expectation.modes, expectation.role) == (
        6, frozenset({"CMD-2", "TEXT-1"}), "line", frozenset({MODE_SERVER_CMD}), ROLE_SERVER)
    assert expectation.summary == "A server."
    assert parse_expectation(tmp_path / "t.py", '"""canaduck-expect: step=3\n"""').correct


def test_header_parser_reads_a_client(tmp_path: Path) -> None:
    client = parse_expectation(tmp_path / "c.py", '"""A client.\ncanaduck-expect: step=2 role=client fails=CLIENT-4\n"""')
    assert (client.role, client.is_client, client.fails, client.framing, client.modes, client.default_mode) == (
        ROLE_CLIENT, True, frozenset({"CLIENT-4"}), "raw", frozenset({MODE_CLIENT_CMD}), MODE_CLIENT_CMD)
    line = parse_expectation(tmp_path / "l.py", '"""canaduck-expect: role=client step=6 framing=line\n"""')
    assert (line.framing, line.correct, line.step) == ("line", True, 6)
    server = parse_expectation(tmp_path / "s.py", '"""canaduck-expect: step=2 role=server\n"""')
    assert (server.role, server.framing, server.default_mode) == (ROLE_SERVER, "auto", MODE_SERVER_CMD)


@pytest.mark.parametrize("header", [
    "", "canaduck-expect: fails=ECHO-1", "canaduck-expect: step=9", "canaduck-expect: step=3 fails=echo",
    "canaduck-expect: step=3 framing=udp", "canaduck-expect: step=3 modes=ssh",
    "canaduck-expect: step=3 colour=blue", "canaduck-expect: step=3 step=4",
    "canaduck-expect: step=3\ncanaduck-expect: step=4",
    "canaduck-expect: step=2 role=student", "canaduck-expect: step=2 role=client role=server",
    "canaduck-expect: step=2 role=client framing=auto", "canaduck-expect: step=2 role=client modes=target",
    "canaduck-expect: step=2 role=client modes=server-cmd", "canaduck-expect: step=2 modes=client-cmd",
])
def test_header_parser_rejects_bad_headers(tmp_path: Path, header: str) -> None:
    with pytest.raises(CatalogueError):
        parse_expectation(tmp_path / "bad.py", f'"""A server.\n{header}\n"""\n')

