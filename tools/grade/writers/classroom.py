"""classroom/<student>.json, the GitHub Classroom autograding runner result format (version 1)."""
from __future__ import annotations

import json
from pathlib import Path

from .. import model
from ..clipping import clip
from .describe import check_output


def _status(sub: model.Submission, clause: model.ClauseResult) -> str:
    """pass; fail for behaviour shown wrong (a failed check, advice not followed); error for
    what could not be judged (the check erred, was not reached, the server never ran)."""
    if clause.earned_all and sub.ran:
        return "pass"
    if not sub.ran or clause.status in (model.CLAUSE_ERROR, model.CLAUSE_NOT_REACHED):
        return "error"
    return "fail"


def write(sub: model.Submission, out: Path) -> Path:
    tests = [{
        "name": f"{c.clause} [{c.level}]",
        "status": _status(sub, c),
        "score": c.points,
        "max_score": c.max_points,
        "message": clip(check_output(c) or sub.reason, 2000),
        "test_code": ", ".join(chk.nodeid for chk in c.checks),
        "filename": "",
        "line_no": 0,
        "duration": round(sum(chk.duration for chk in c.checks) * 1000),
    } for c in sub.clauses]
    overall = "pass" if sub.ran and sub.score >= sub.max_score else ("fail" if sub.ran else "error")
    data = {"version": 1, "status": overall, "max_score": sub.max_score, "tests": tests}
    path = out / "classroom" / f"{sub.student}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return path
