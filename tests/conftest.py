"""Shared fixture for the suite's own tests: run the conformance suite as a program."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, NamedTuple

import pytest

from conformance.core.results import CLAUSE_RANK
from conformance.core.settings import QUICK_START_ARGS

REPO = Path(__file__).resolve().parent.parent


class SuiteRun(NamedTuple):
    returncode: int
    results: dict
    output: str

    def verdicts(self) -> Dict[str, str]:
        """Clause → failed / advice / not_reached / passed / skipped: the worst outcome of its checks
        (an error counts as failed), as the suite's own summary adds them up."""
        verdicts: Dict[str, str] = {}
        for check in self.results["checks"]:
            outcome = "failed" if check["outcome"] in ("failed", "error") else check["outcome"]
            previous = verdicts.get(check["clause"])
            if previous is None or CLAUSE_RANK[outcome] > CLAUSE_RANK[previous]:
                verdicts[check["clause"]] = outcome
        return verdicts

    def failed(self) -> List[str]:
        return sorted(c for c, v in self.verdicts().items() if v == "failed")


@pytest.fixture(scope="session")
def run_suite(tmp_path_factory):
    """``run_suite("--step", "3", ...)`` runs ``python -m pytest conformance`` and reads its results."""
    counter = [0]
    tmp_path = tmp_path_factory.mktemp("suite-runs")

    def run(*args: str, timeout: float = 280) -> SuiteRun:
        counter[0] += 1
        results = tmp_path / f"results{counter[0]}.json"
        command = [sys.executable, "-m", "pytest", "conformance", "-p", "no:cacheprovider", "-q", *QUICK_START_ARGS,
                   "--basetemp", str(tmp_path / f"base{counter[0]}"), "--results-json", str(results), *args]
        proc = subprocess.run(command, cwd=str(REPO), capture_output=True, text=True, timeout=timeout)
        data = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
        return SuiteRun(proc.returncode, data, proc.stdout + proc.stderr)

    return run


def pytest_configure(config):
    """`expensive`: a test that grades a class several times under load (minutes); `-m "not
    expensive"` leaves it out."""
    config.addinivalue_line("markers", "expensive: grades a class several times under load")
    # The test files that run the real grader (sandboxes under sandbox uids, fork bombs, CPU hogs,
    # classes graded with --jobs 2): `-m grader` runs them alone, `-m "not grader"` leaves them out.
    config.addinivalue_line("markers", "grader: runs the real grader (sandbox uids, fork bombs, CPU hogs)")

