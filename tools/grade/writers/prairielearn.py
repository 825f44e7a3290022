"""prairielearn/<student>/results.json, PrairieLearn's external grader results format.

`score` is a fraction in [0, 1]; `gradable` is false when the student's code never ran (no step's
server started) or the grader could not grade it (SUITE_ERROR: retried, still the machine's
fault), so PrairieLearn shows "not gradable" rather than a zero for a wrong answer.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Sequence

from .. import model
from ..clipping import clip
from .jsonfile import dump
from conformance.core.messages import ENGLISH, translate_text, translator

from .describe import CLAUSE_WORDS, check_output, part_name, status_line
from ..hygiene import file_stem


def render(subs: Sequence[model.Submission], notes: Sequence[str] = (),
           lang: str = ENGLISH) -> Dict[str, Any]:
    """The results of one student's submissions as one PrairieLearn result, in their language."""
    _ = translator(lang)
    notes = [translate_text(lang, n) for n in notes]
    score = sum(s.score for s in subs)
    top = sum(s.max_score for s in subs)
    # a client alone is not gradable, nor is what the grader could not grade (SUITE_ERROR)
    ran = (any(s.ran for s in subs if s.role == model.PART_SERVER)
           and all(s.graded for s in subs))
    lines = [(f"{part_name(s, lang).capitalize()}: " if len(subs) > 1 else "") + status_line(s, lang)
             for s in subs]
    return {
        "gradable": ran,
        # bonus points may pass the maximum; PrairieLearn's score stops at 1
        "score": min(1.0, round(score / top, 6)) if top and ran else 0.0,
        "message": "\n".join(lines + [n for n in notes  # each said once
                                       if not any(n.split(": ", 1)[-1] in ln for ln in lines)]
                             + [p for p in {s.policy for s in subs} if p][:1]),
        "tests": [{
            "name": c.clause if len(subs) == 1 else f"{part_name(s, lang)} {c.clause}",
            "description": f"[{c.level}] {_('step {step}', step=c.step)}: "
                           f"{_(CLAUSE_WORDS.get(c.status, c.status))}",
            "points": c.points,
            "max_points": c.counted_max,
            "message": _(CLAUSE_WORDS.get(c.status, c.status)),
            "output": clip(check_output(c), 4000),
        } for s in subs for c in s.clauses],
    }



def write(sub: model.Submission, out: Path, lang: str = ENGLISH) -> Path:
    return dump(render([sub], lang=lang),
                out / "prairielearn" / file_stem(sub.student) / "results.json")


def write_many(student: str, subs: Sequence[model.Submission], out: Path,
               notes: Sequence[str] = (), lang: str = ENGLISH) -> Path:
    return dump(render(subs, notes, lang), out / "prairielearn" / file_stem(student) / "results.json")
