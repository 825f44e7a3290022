"""grades.csv: one row per student, one column per clause (points), then the totals, the clauses
not checked (another fault came first) and those only advised (a SHOULD not followed).

UTF-8 with a byte-order mark, so that Excel shows accented names right when the file is opened
with a double click.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Dict, Optional

from .. import model
from .describe import STATUS_WORDS, fmt_points


def csv_text(text: str) -> str:
    """Text a spreadsheet will not run: a cell starting with = + - @ would be a formula
    (folder names and server output come from students)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _ids(sub: model.Submission, status: str) -> str:
    """The clauses of `sub` with this status, space-separated: a clause cell holds points only, so
    a 0 for "not checked" or "advice" would otherwise read like a failure."""
    return " ".join(c.clause for c in sub.clauses if c.status == status)


def header_maxima(result: model.ClassResult) -> Dict[str, float]:
    """What each clause is worth, for its column header: the most any student can earn on it (a
    student whose server it does not apply to has 0 there)."""
    maxima: Dict[str, float] = {}
    for s in result.submissions:
        for c in s.clauses:
            maxima[c.clause] = max(maxima.get(c.clause, 0.0), c.max_points)
    return maxima


def clause_cell(c: Optional[model.ClauseResult]) -> str:
    """A clause's points; `n/a` when it does not apply (in neither score nor maximum)."""
    if c is None:
        return ""
    return fmt_points(c.points) if c.applies else "n/a"


def write(result: model.ClassResult, out: Path) -> Path:
    path = out / "grades.csv"
    steps = sorted({c.step for s in result.submissions for c in s.clauses})
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        maxima = header_maxima(result)
        w.writerow(["student", "status", "server"]
                   + [f"{cid} (/{fmt_points(maxima.get(cid, 0))})" for cid in result.clause_ids]
                   + [f"step {n} score" for n in steps]
                   + ["score", "max_score", "percent", "not checked", "advice", "reason"])
        for s in result.submissions:
            totals = s.step_totals()
            cells = [clause_cell(s.clause(cid)) for cid in result.clause_ids]
            pct = 100.0 * s.score / s.max_score if s.max_score else 0.0
            w.writerow([csv_text(s.student), STATUS_WORDS.get(s.status, s.status),
                        csv_text(s.server_file)] + cells
                       + [fmt_points(totals.get(n, [0, 0])[0]) for n in steps]
                       + [fmt_points(s.score), fmt_points(s.max_score), f"{pct:.1f}",
                          _ids(s, model.CLAUSE_NOT_REACHED), _ids(s, model.CLAUSE_ADVICE),
                          csv_text(s.off_step or s.reason)])
    return path
