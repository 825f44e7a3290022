"""grades.csv: one row per student, one column per clause (points), then the totals, the clauses
not checked (another fault came first) and those only advised (a SHOULD not followed). Where the
step's clients were graded, their columns follow the server's (`client: status`, `client: file`,
`client: CLIENT-4 (/2)`..., `client: score`, `client: max`) and the totals count both.

UTF-8 with a byte-order mark, so that Excel shows accented names right when the file is opened
with a double click.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Dict, List, Optional

from .. import model
from .describe import STATUS_WORDS, fmt_points, score_cells, totals


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


def part_header(result: model.ClassResult, prefix: str) -> List[str]:
    """The columns of a part graded beside the server (`client: ...`)."""
    maxima = header_maxima(result)
    return ([f"{prefix}: status", f"{prefix}: file"]
            + [f"{prefix}: {cid} (/{fmt_points(maxima.get(cid, 0))})" for cid in result.clause_ids]
            + [f"{prefix}: score", f"{prefix}: max"])


def part_cells(result: model.ClassResult, sub: Optional[model.Submission]) -> List[str]:
    if sub is None:
        return [""] * (4 + len(result.clause_ids))
    return ([STATUS_WORDS.get(sub.status, sub.status), csv_text(sub.server_file)]
            + [clause_cell(sub.clause(cid)) for cid in result.clause_ids]
            + [fmt_points(sub.score), fmt_points(sub.max_score)])


def write(result: model.ClassResult, out: Path,
          clients: Optional[model.ClassResult] = None) -> Path:
    path = out / "grades.csv"
    steps = sorted({c.step for s in result.submissions for c in s.clauses})
    client_of = {c.student: c for c in clients.submissions} if clients else {}
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        maxima = header_maxima(result)
        w.writerow(["student", "status", "server"]
                   + [f"{cid} (/{fmt_points(maxima.get(cid, 0))})" for cid in result.clause_ids]
                   + [f"step {n} score" for n in steps]
                   + (part_header(clients, model.PART_CLIENT) if clients else [])
                   + ["score", "max_score", "percent", "not checked", "advice", "reason"])
        for s in result.submissions:
            step_totals = s.step_totals()
            cells = [clause_cell(s.clause(cid)) for cid in result.clause_ids]
            client = client_of.get(s.student)
            parts = [s] + ([client] if client else [])
            score, top = totals(parts)
            why = [s.off_step or s.reason] + ([f"client: {client.reason}"]
                                              if client and client.reason else [])
            w.writerow([csv_text(s.student), STATUS_WORDS.get(s.status, s.status),
                        csv_text(s.server_file)] + cells
                       + [fmt_points(step_totals.get(n, [0, 0])[0]) for n in steps]
                       + (part_cells(clients, client) if clients else [])
                       + score_cells(parts, score, top) + [
                          " ".join(filter(None, (_ids(p, model.CLAUSE_NOT_REACHED) for p in parts))),
                          " ".join(filter(None, (_ids(p, model.CLAUSE_ADVICE) for p in parts))),
                          csv_text("; ".join(filter(None, why)))])
    return path
