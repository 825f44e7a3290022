"""prairielearn/<student>/results.json, PrairieLearn's external grader results format.

`score` is a fraction in [0, 1]; `gradable` is false when the student's code never ran, so
PrairieLearn shows "not gradable" rather than a zero for a wrong answer.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import model
from ..clipping import clip
from .describe import CLAUSE_WORDS, STATUS_WORDS, check_output


def write(sub: model.Submission, out: Path) -> Path:
    data = {
        "gradable": sub.ran,
        "score": round(sub.score / sub.max_score, 6) if sub.max_score and sub.ran else 0.0,
        "message": f"{STATUS_WORDS.get(sub.status, sub.status)}. {sub.reason}".strip(),
        "tests": [{
            "name": c.clause,
            "description": f"[{c.level}] step {c.step}: {CLAUSE_WORDS.get(c.status, c.status)}",
            "points": c.points,
            "max_points": c.max_points,
            "message": CLAUSE_WORDS.get(c.status, c.status),
            "output": clip(check_output(c), 4000),
        } for c in sub.clauses],
    }
    path = out / "prairielearn" / sub.student / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return path
