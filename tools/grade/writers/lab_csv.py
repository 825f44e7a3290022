"""grades.csv of a run over several steps: one row per student, a column group per step and part
(`step 3 server: ECHO-1 (/2)`, `step 3 client: CLIENT-4 (/2)`), then the total over the steps.

A clause that does not apply to a student's server reads `n/a` and counts in neither their score
nor their maximum; `max_score` is each student's own maximum. Also the terminal summary.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import List, TextIO

from .. import model
from ..clipping import printable
from ..hygiene import short_name
from .describe import fmt_points, score_cells
from .grades_csv import csv_text, part_cells, part_header


def _group(step: int, part: str) -> str:
    return f"step {step} {part}"


def write(lab: model.LabResult, out: Path) -> Path:
    path = out / "grades.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        head: List[str] = ["student", "layout"]
        for group in lab.groups:
            head += part_header(lab.classes[group], _group(*group))
        w.writerow(head + ["score", "max_score", "percent", "notes"])
        for row in lab.students:
            cells = [csv_text(row.student), csv_text(row.layout)]
            for group in lab.groups:
                cells += part_cells(lab.classes[group], row.parts.get(group))
            w.writerow(cells + score_cells(list(row.parts.values()), row.score, row.max_score)
                       + [csv_text(" | ".join(row.notes))])
    return path


def summary(lab: model.LabResult, stream: TextIO) -> None:
    """One line per student: the score of each step and the total."""
    width = max([len("student")] + [len(short_name(r.student)) for r in lab.students])
    steps = "  ".join(f"{'s' + str(s) + ('' if p == model.PART_SERVER else 'c'):>7}"
                      for s, p in lab.groups)
    stream.write(f"{'student':<{width}}  {steps}  {'total':>11}  {'%':>4}\n")
    for row in lab.students:
        parts = []
        for group in lab.groups:
            sub = row.parts.get(group)
            parts.append(f"{fmt_points(sub.score) + '/' + fmt_points(sub.max_score):>7}"
                         if sub else f"{'':>7}")
        pct = 100.0 * row.score / row.max_score if row.max_score else 0.0
        total = f"{fmt_points(row.score)}/{fmt_points(row.max_score)}"
        stream.write(printable(f"{short_name(row.student):<{width}}  {'  '.join(parts)}  {total:>11}  "
                               f"{pct:>4.0f}") + "\n")
