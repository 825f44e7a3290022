"""The suite's wall time, step by step, against the bundled reference, beside its floor.

Each step is run as a student or a teacher runs it (``python -m pytest conformance --step N``), once
with ``-n 0`` and once with ``-n auto``, with the ``wire_counter`` plugin counting the round trips,
connections and server starts that the run made; ``floor`` prices them with the unit costs measured
in the same benchmark run.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Dict, List, Optional, Sequence

from tools.bench.floor import UnitCosts, floor_seconds
from tools.bench.wire_counter import COUNTS_ENV, read_counts
from tools.catalogue import run_program

SUITE_TIMEOUT = 600.0


@dataclass(frozen=True)
class SuiteTiming:
    """One run of the suite: what it did, how long it took, and its floor."""

    label: str              # "step 3", "nothing listening", "step2/ignores_fin_sess2"...
    parallel: bool          # run with -n auto
    workers: int            # xdist workers (counted from their reports; 0: -n 0)
    seconds: float
    floor: float
    start_up: float         # of the floor: until the last pytest process had collected its checks
    checks: int             # checks in the results file
    sends: int
    connects: int
    launches: int
    verdict_ok: bool        # the run ended as expected (all passed against the reference; the
                            # declared clauses failed on a faulty server; exit 3 on nothing listening)
    exit_code: Optional[int]

    def as_dict(self) -> Dict[str, object]:
        return asdict(self)


def run_conformance(label: str, args: Sequence[str], costs: UnitCosts, parallel: bool = False,
                    timeout: float = SUITE_TIMEOUT) -> "tuple[SuiteTiming, Optional[dict]]":
    """Run ``python -m pytest conformance *args`` (plus ``-n auto`` if ``parallel``) once, counted
    and timed; returns the timing and the results file's content. ``verdict_ok`` says "exit code 0":
    a caller expecting failures judges it again."""
    with tempfile.TemporaryDirectory(prefix="canaduck-bench-") as tmp:
        counts_path = os.path.join(tmp, "counts.jsonl")
        results_path = os.path.join(tmp, "results.json")
        argv = [sys.executable, "-m", "pytest", "conformance", "-p", "no:cacheprovider", "-q",
                "-p", "tools.bench.wire_counter", "--basetemp", os.path.join(tmp, "base"),
                "--results-json", results_path, *args] + (["-n", "auto"] if parallel else [])
        env = dict(os.environ, **{COUNTS_ENV: counts_path})
        spawned, began = time.time(), time.perf_counter()
        exit_code, _ = run_program(argv, timeout, env=env)
        seconds = time.perf_counter() - began
        counts = read_counts(counts_path, spawned)
        results = None
        if os.path.exists(results_path):
            with open(results_path, encoding="utf-8") as handle:
                results = json.load(handle)
    workers = max(1, counts["processes"] - 1) if parallel else 0
    checks = len((results or {}).get("checks", []))
    timing = SuiteTiming(label=label, parallel=parallel, workers=workers, seconds=seconds,
                         floor=floor_seconds(costs, counts, workers), start_up=counts["start_up"],
                         checks=checks, sends=int(counts["sends"]),
                         connects=int(counts["connects"]), launches=int(counts["launches"]),
                         verdict_ok=exit_code == 0, exit_code=exit_code)
    return timing, results


def time_steps(steps: Sequence[int], costs: UnitCosts) -> List[SuiteTiming]:
    """Every step against the bundled reference, ``-n 0`` then ``-n auto`` (side by side)."""
    timings = []
    for step in steps:
        for parallel in (False, True):
            timing, _ = run_conformance(f"step {step}", ["--step", str(step)], costs, parallel)
            timings.append(timing)
    return timings
