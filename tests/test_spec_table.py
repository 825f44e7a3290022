"""The spec's step tables and the suite's checks say the same thing: a clause the table lists for a
step has a check at that step, and a MUST checked at a step is in that step's row (SHOULDs are
advice, outside the table). The servers' table (section 8) against the checks a server run
collects, the clients' table (section 9) against those a ``--client-cmd`` run collects.

The grader scores a step out of the clauses its row lists; a listed clause with no check would cost
every student its points ("not run"), an unlisted one would never count."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, Set

import pytest

from conformance.core.clauses import spec_clauses, step_clause_ids

REPO = Path(__file__).resolve().parent.parent
TEST_ID = re.compile(r"\[([A-Z]+-\d+)-step(\d)(?:-.*)?\]$")
MUSTS = {cid for cid, c in spec_clauses().items() if c.level.startswith("MUST")}


ROLE_OPTIONS = {"server": ["--target", "127.0.0.1:1"], "client": ["--client-cmd", "python3 client.py"]}


def collected(role: str) -> Dict[int, Set[str]]:
    """step -> clause IDs of the checks pytest collects for it in a run of that role (the ids
    carry both)."""
    run = subprocess.run([sys.executable, "-m", "pytest", "conformance", "--collect-only", "-q",
                          "-p", "no:cacheprovider", *ROLE_OPTIONS[role],
                          "--step", *map(str, range(1, 9))],
                         cwd=str(REPO), capture_output=True, text=True, timeout=120)
    found: Dict[int, Set[str]] = defaultdict(set)
    for line in run.stdout.splitlines():
        match = TEST_ID.search(line.strip())
        if match:
            found[int(match.group(2))].add(match.group(1))
    assert found, run.stdout[-2000:] + run.stderr[-2000:]
    return found


@pytest.fixture(scope="module")
def checked() -> Dict[str, Dict[int, Set[str]]]:
    return {role: collected(role) for role in ROLE_OPTIONS}


@pytest.mark.parametrize("role", sorted(ROLE_OPTIONS))
@pytest.mark.parametrize("step", range(1, 9))
def test_the_step_table_lists_exactly_the_clauses_checked_at_that_step(step, role, checked):
    listed = set(step_clause_ids(step, role=role))
    assert sorted(listed - checked[role][step]) == [], "listed for the step, but no check runs there"
    assert sorted((checked[role][step] & MUSTS) - listed) == [], "checked at the step, but not in its row of the table"


def test_a_run_collects_the_checks_of_its_role_only(checked):
    assert all(clause_id.startswith("CLIENT-") for ids in checked["client"].values() for clause_id in ids)
    assert not any(clause_id.startswith("CLIENT-") for ids in checked["server"].values() for clause_id in ids)
