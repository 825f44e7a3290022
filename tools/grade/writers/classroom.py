"""classroom/<student>.json, the GitHub Classroom autograding runner result format (version 1)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Sequence

from .. import model
from ..clipping import clip
from .jsonfile import dump
from .describe import check_output, part_name
from ..hygiene import file_stem


def _status(sub: model.Submission, clause: model.ClauseResult) -> str:
    """pass; fail for behaviour shown wrong (a failed check, advice not followed, another step's
    job); error for what could not be judged (the check erred, was not reached, the server never
    ran)."""
    if clause.earned_all and sub.ran:
        return "pass"
    if not sub.ran or clause.status in (model.CLAUSE_ERROR, model.CLAUSE_NOT_REACHED):
        return "error"
    return "fail"


def render(subs: Sequence[model.Submission]) -> Dict[str, Any]:
    tests = [{
        "name": f"{c.clause} [{c.level}]" + (f" ({part_name(sub)})" if len(subs) > 1 else ""),
        "status": _status(sub, c),
        "score": c.points,
        "max_score": c.counted_max,
        "message": clip(check_output(c) or sub.off_step or sub.reason, 2000),
        "test_code": ", ".join(chk.nodeid for chk in c.checks),
        "filename": "",
        "line_no": 0,
        "duration": round(sum(chk.duration for chk in c.checks) * 1000),
    } for sub in subs for c in sub.clauses]
    counted = [s for s in subs if s.counts]  # not a client nobody asked for
    ran = all(s.ran for s in counted)
    full = all(s.score >= s.max_score for s in counted)
    overall = "pass" if ran and full else ("fail" if ran else "error")
    return {"version": 1, "status": overall, "max_score": sum(s.max_score for s in subs),
            "tests": tests}



def write(sub: model.Submission, out: Path) -> Path:
    return dump(render([sub]), out / "classroom" / f"{file_stem(sub.student)}.json")


def write_many(student: str, subs: Sequence[model.Submission], out: Path) -> Path:
    return dump(render(subs), out / "classroom" / f"{file_stem(student)}.json")
