"""gradescope/<student>/results.json, Gradescope's autograder results format.

One test per clause (and step): name, score, max_score, status, output, visibility; top-level
score, execution_time, output. Gradescope knows only "passed" and "failed": a clause not checked
or only advised earns nothing, so it is "failed", and its output starts with what it really was
("not checked" and why, "advice"). Several steps of one student make one results file (the lab on
Gradescope: platforms/), a step's client its own tests (`CLIENT-4 [MUST] (step 3 client)`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Sequence

from .. import model
from ..clipping import clip
from .jsonfile import dump
from conformance.core.messages import ENGLISH, translate_text, translator

from .describe import CLAUSE_WORDS, check_output, part_name, status_line
from ..hygiene import file_stem


def _tests(sub: model.Submission, lang: str) -> List[Dict[str, Any]]:
    _ = translator(lang)
    return [{
        "name": f"{c.clause} [{c.level}] ({part_name(sub, lang)})",
        "score": c.points,
        "max_score": c.counted_max,
        "status": "passed" if c.earned_all and sub.ran else "failed",
        "output": clip(f"{_(CLAUSE_WORDS.get(c.status, c.status))}\n{check_output(c)}".strip()),
        "visibility": "visible",
    } for c in sub.clauses]


def render(subs: Sequence[model.Submission], notes: Sequence[str] = (),
           lang: str = ENGLISH) -> Dict[str, Any]:
    """The results of one student's submissions (one per step) as one Gradescope result, in the
    student's language."""
    if len(subs) == 1:
        output = status_line(subs[0], lang)
    else:
        output = "\n".join(f"{part_name(s, lang).capitalize()}: {s.score:g}/{s.max_score:g}, "
                           f"{status_line(s, lang)}" for s in subs)
    notes = [translate_text(lang, n) for n in notes]
    extra = [n for n in notes if n.split(": ", 1)[-1] not in output]  # not said twice
    if extra:
        output += "\n" + "\n".join(extra)
    policy = next((s.policy for s in subs if s.policy), "")
    if policy:
        output += "\n" + policy
    return {
        "score": sum(s.score for s in subs),
        "execution_time": round(sum(s.duration for s in subs)),
        "output": output,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [t for s in subs for t in _tests(s, lang)],
    }



def write(sub: model.Submission, out: Path, lang: str = ENGLISH) -> Path:
    return dump(render([sub], lang=lang),
                out / "gradescope" / file_stem(sub.student) / "results.json")


def write_many(student: str, subs: Sequence[model.Submission], out: Path,
               notes: Sequence[str] = (), lang: str = ENGLISH) -> Path:
    return dump(render(subs, notes, lang), out / "gradescope" / file_stem(student) / "results.json")
