"""Grading throughput: a generated class of correct step-7 servers graded as a teacher does.

The class is ``size`` copies of a proven-correct catalogue server (the handout's thread per client,
``tests/catalogue/step7/threads_handout_ok.py``), one folder per student. It is graded by
``python -m tools.grade`` as a program, so the figure includes everything a teacher waits for
(sandbox, suite runs, reports) and keeps meaning the same whatever the grader's insides become.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

from tools.catalogue import CATALOGUE_DIR, run_program

CORRECT_SERVER = CATALOGUE_DIR / "step7" / "threads_handout_ok.py"
STEP = 7
SHOWN = ("passed", "skipped")   # a clause's statuses that earn its points (tools/grade/model.py)
GRADE_TIMEOUT_PER_SUBMISSION = 300.0


def build_class(directory: Path, size: int) -> Path:
    """``size`` students, each with a copy of the correct step-7 server as ``server.py``."""
    for number in range(1, size + 1):
        student = directory / f"student_{number:03d}"
        student.mkdir(parents=True)
        shutil.copyfile(CORRECT_SERVER, student / "server.py")
    return directory


def _read_results(out: Path, size: int) -> "tuple[Dict[str, int], Dict[str, int]]":
    """From the grader's per-student results: MUST clause -> how many of the (identical, correct)
    students did not get it (``"(no result)"``: students without a results file), and score -> how
    many students got it. Any MUST clause, or more than one score, is a wrong verdict: every copy is
    the same correct server."""
    problems: Dict[str, int] = {}
    scores: Dict[str, int] = {}
    found = 0
    for path in sorted((out / "results").glob("*.json")):
        found += 1
        result = json.loads(path.read_text(encoding="utf-8"))
        score = f"{result.get('score')}/{result.get('max_score')}"
        scores[score] = scores.get(score, 0) + 1
        for clause in result.get("clauses", []):
            if clause.get("level") == "MUST" and clause.get("status") not in SHOWN:
                problems[clause["clause"]] = problems.get(clause["clause"], 0) + 1
    if found < size:
        problems["(no result)"] = size - found
    return problems, scores


def grade_class(size: int, jobs_options: Sequence[int]) -> List[Dict[str, object]]:
    """Grade the same generated class once per ``--jobs`` value (from scratch each time)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="canaduck-bench-class-") as tmp:
        submissions = build_class(Path(tmp) / "submissions", size)
        for jobs in jobs_options:
            out = Path(tmp) / f"grades-jobs{jobs}"
            argv = [sys.executable, "-m", "tools.grade", str(submissions), "--step", str(STEP),
                    "--out", str(out), "--jobs", str(jobs)]
            began = time.perf_counter()
            exit_code, output = run_program(argv, GRADE_TIMEOUT_PER_SUBMISSION * size)
            seconds = time.perf_counter() - began
            problems, scores = _read_results(out, size)
            ok = exit_code == 0 and not problems and len(scores) == 1
            rows.append({"jobs": jobs, "submissions": size, "seconds": seconds,
                         "per_minute": size * 60.0 / seconds if seconds > 0 else 0.0,
                         "must_not_passed": problems, "scores": scores, "verdict_ok": ok, "exit_code": exit_code,
                         "output_tail": "" if ok else output[-2000:]})
    return rows


def auto_jobs() -> int:
    """What ``--jobs auto`` means here: the grader's own default, one per core."""
    return max(1, os.cpu_count() or 1)
