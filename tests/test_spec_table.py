"""The spec's step table and the suite's checks say the same thing: a clause the table lists for a
step has a check at that step, and a MUST checked at a step is in that step's row (SHOULDs are
advice, outside the table).

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

from conformance.clauses import spec_clauses, step_clause_ids

REPO = Path(__file__).resolve().parent.parent
TEST_ID = re.compile(r"\[([A-Z]+-\d+)-step(\d)(?:-.*)?\]$")
MUSTS = {cid for cid, c in spec_clauses().items() if c.level.startswith("MUST")}


@pytest.fixture(scope="module")
def checked() -> Dict[int, Set[str]]:
    """step -> clause IDs of the checks pytest collects for it (the ids carry both)."""
    run = subprocess.run([sys.executable, "-m", "pytest", "conformance", "--collect-only", "-q",
                          "-p", "no:cacheprovider", "--target", "127.0.0.1:1",
                          "--step", *map(str, range(1, 9))],
                         cwd=str(REPO), capture_output=True, text=True, timeout=120)
    found: Dict[int, Set[str]] = defaultdict(set)
    for line in run.stdout.splitlines():
        match = TEST_ID.search(line.strip())
        if match:
            found[int(match.group(2))].add(match.group(1))
    assert found, run.stdout[-2000:] + run.stderr[-2000:]
    return found


@pytest.mark.parametrize("step", range(1, 9))
def test_the_step_table_lists_exactly_the_clauses_checked_at_that_step(step, checked):
    listed = set(step_clause_ids(step))
    assert sorted(listed - checked[step]) == [], "listed for the step, but no check runs there"
    assert sorted((checked[step] & MUSTS) - listed) == [], "checked at the step, but not in its row of the table"
