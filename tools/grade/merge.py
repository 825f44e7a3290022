"""--merge: one set of outputs from several output folders (a course may grade each student in its
own CI job, then merge). The per-student results/*.json are the input; nothing is re-run. Clients
graded beside the servers (each folder's `client/results/`) are merged the same way, and the
outputs get their client columns as after a run."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, TextIO, Tuple

from . import model
from .lab import combine, write_step_with_clients
from .points import PointsScheme
from .session import complete, write_outputs
from .spec_clauses import Clause
from .writers import junit, results_json, summary


def _collect(sources: List[Path], step: Optional[int], stream: TextIO
             ) -> Tuple[Dict[str, model.Submission], Dict[str, Path]]:
    """Every result of `sources` (of `step` if given), by student; the last folder wins."""
    subs: Dict[str, model.Submission] = {}
    origin: Dict[str, Path] = {}
    for src in sources:
        for name, sub in results_json.read_all(src).items():
            if step is not None and sub.step != step:
                continue
            if name in subs:
                stream.write(f"merge: {name} is in {origin[name]} and {src}; keeping {src}\n")
            subs[name] = sub
            origin[name] = src
    return subs, origin


def merge(sources: List[Path], out: Path, step: Optional[int], clauses: Dict[str, Clause],
          points: PointsScheme, stream: TextIO, lang: str = "en") -> model.ClassResult:
    for src in sources:
        if not results_json.read_all(src):
            raise ValueError(f"--merge {src}: no results/*.json in this folder")
    subs, origin = _collect(sources, step, stream)
    steps = {s.step for s in subs.values()}
    if len(steps) > 1:
        raise ValueError(f"--merge: results of different steps {sorted(steps)}; pass --step")
    if not subs:
        raise ValueError("--merge: no results to merge")
    the_step = steps.pop()
    clients, client_origin = _collect([s / model.PART_CLIENT for s in sources], the_step, stream)
    out.mkdir(parents=True, exist_ok=True)
    for name, src in origin.items():
        junit.copy_from(name, src, out)
    result = complete(list(subs.values()), the_step, clauses, points)
    write_outputs(result, clauses, out, lang)
    if clients:
        for name, src in client_origin.items():
            junit.copy_from(name, src, out / model.PART_CLIENT)
        client_result = complete(list(clients.values()), the_step, clauses, points)
        (out / model.PART_CLIENT).mkdir(exist_ok=True)
        write_outputs(client_result, clauses, out / model.PART_CLIENT, lang)
        lab = combine({(the_step, model.PART_SERVER): result,
                       (the_step, model.PART_CLIENT): client_result}, {})
        write_step_with_clients(lab, clauses, out, lang)
    summary.write(result, stream, set())
    return result
