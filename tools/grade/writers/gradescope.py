"""gradescope/<student>/results.json, Gradescope's autograder results format.

One test per clause: name, score, max_score, status, output, visibility; top-level score.
Gradescope knows only "passed" and "failed": a clause not checked or only advised earns nothing,
so it is "failed", and its output starts with what it really was ("not checked" and why,
"advice").
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import model
from ..clipping import clip
from .describe import CLAUSE_WORDS, STATUS_WORDS, check_output


def write(sub: model.Submission, out: Path) -> Path:
    tests = [{
        "name": f"{c.clause} [{c.level}] (step {c.step})",
        "score": c.points,
        "max_score": c.max_points,
        "status": "passed" if c.earned_all and sub.ran else "failed",
        "output": clip(f"{CLAUSE_WORDS.get(c.status, c.status)}\n{check_output(c)}".strip()),
        "visibility": "visible",
    } for c in sub.clauses]
    data = {
        "score": sub.score,
        "output": f"{STATUS_WORDS.get(sub.status, sub.status)}. {sub.reason}".strip(),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    path = out / "gradescope" / sub.student / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return path
