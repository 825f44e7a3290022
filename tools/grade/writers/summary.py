"""The table printed at the end of a run: one line per student, then the class average."""
from __future__ import annotations

from typing import Set, TextIO

from .. import model
from ..clipping import printable
from .describe import STATUS_WORDS, fmt_points


def write(result: model.ClassResult, stream: TextIO, reused: Set[str]) -> None:
    width = max([len("student")] + [len(s.student) for s in result.submissions])
    stream.write(f"{'student':<{width}}  {'score':>11}  {'%':>4}  status\n")
    for s in result.submissions:
        pct = 100.0 * s.score / s.max_score if s.max_score else 0.0
        status = STATUS_WORDS.get(s.status, s.status)
        if s.student in reused:
            status += " (unchanged, not re-run)"
        if s.reason and s.status != model.GRADED:
            status += f": {s.reason.splitlines()[0][:120]}"
        score = f"{fmt_points(s.score)}/{fmt_points(s.max_score)}"
        stream.write(printable(f"{s.student:<{width}}  {score:>11}  {pct:>4.0f}  {status}") + "\n")
    if result.submissions:
        mean = sum(s.score / s.max_score for s in result.submissions if s.max_score)
        stream.write(f"class average: {100.0 * mean / len(result.submissions):.0f} %\n")
