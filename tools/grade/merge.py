"""--merge: one set of outputs from several output folders (a course may grade each student in its
own CI job, then merge). The per-student results/*.json are the input; nothing is re-run."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, TextIO

from . import model
from .points import PointsScheme
from .session import complete, write_outputs
from .spec_clauses import Clause
from .writers import junit, results_json, summary


def merge(sources: List[Path], out: Path, step: Optional[int], clauses: Dict[str, Clause],
          points: PointsScheme, stream: TextIO, lang: str = "en") -> model.ClassResult:
    subs: Dict[str, model.Submission] = {}
    origin: Dict[str, Path] = {}
    for src in sources:
        found = results_json.read_all(src)
        if not found:
            raise ValueError(f"--merge {src}: no results/*.json in this folder")
        for name, sub in found.items():
            if step is not None and sub.step != step:
                continue
            if name in subs:
                stream.write(f"merge: {name} is in {origin[name]} and {src}; keeping {src}\n")
            subs[name] = sub
            origin[name] = src
    steps = {s.step for s in subs.values()}
    if len(steps) > 1:
        raise ValueError(f"--merge: results of different steps {sorted(steps)}; pass --step")
    if not subs:
        raise ValueError("--merge: no results to merge")
    out.mkdir(parents=True, exist_ok=True)
    for name, src in origin.items():
        junit.copy_from(name, src, out)
    result = complete(list(subs.values()), steps.pop(), clauses, points)
    write_outputs(result, clauses, out, lang)
    summary.write(result, stream, set())
    return result
