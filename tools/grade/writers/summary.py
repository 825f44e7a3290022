"""The table printed at the end of a run: one line per student, then the class average."""
from __future__ import annotations

from typing import Set, TextIO

from .. import model
from ..clipping import printable
from ..hygiene import short_name
from .describe import STATUS_WORDS, fmt_points


def write(result: model.ClassResult, stream: TextIO, reused: Set[str]) -> None:
    width = max([len("student")] + [len(short_name(s.student)) for s in result.submissions])
    stream.write(f"{'student':<{width}}  {'score':>11}  {'%':>4}  status\n")
    for s in result.submissions:
        pct = 100.0 * s.score / s.max_score if s.max_score else 0.0
        status = STATUS_WORDS.get(s.status, s.status)
        if s.student in reused:
            status += " (unchanged, not re-run)"
        why = s.off_step or (s.reason if s.status != model.GRADED else "")
        if why:
            status += f": {why.splitlines()[0][:160]}"
        # a bonus part (a client when clients are not required, a bonus step) has no maximum:
        # its points are added, never a percentage of nothing
        score = (f"+{fmt_points(s.score)}" if not s.max_score
                 else f"{fmt_points(s.score)}/{fmt_points(s.max_score)}")
        shown = f"{pct:>4.0f}" if s.max_score else f"{'-':>4}"
        stream.write(printable(f"{short_name(s.student):<{width}}  {score:>11}  {shown}  {status}") + "\n")
    ran = result.ran()
    if ran:
        what = result.submissions[0].role  # server, or client: one part per run
        counted = [s for s in result.submissions if s.counts]
        scored = [s for s in ran if s.max_score]
        mean = sum(s.score / s.max_score for s in scored)
        average = (f"{100.0 * mean / len(scored):.0f} %" if scored else
                   f"+{fmt_points(sum(s.score for s in ran) / len(ran))} bonus points")
        stream.write(f"class average: {average} over the {len(ran)} "
                     f"{what}{'s' if len(ran) > 1 else ''} that ran "
                     f"({len(counted) - len(ran)} did not"
                     + (f", {len(result.submissions) - len(counted)} without one" if
                        len(counted) < len(result.submissions) else "") + ")\n")
