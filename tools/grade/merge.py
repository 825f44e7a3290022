"""--merge: one set of outputs from several output folders (a course may grade each student in its
own CI job, or a lab in shards, `--shard K/N`, then merge). The per-student results/*.json are the
input; nothing is re-run. Clients graded beside the servers (each folder's `client/results/`) are
merged the same way, and the outputs get their client columns as after a run.

Lab outputs (`--steps`: a `stepN/` folder per step, `layouts.json`) are merged step by step into
`OUT/stepN/`, then put side by side into the lab's outputs, as one run over every student makes
them. One step's outputs and lab outputs are not mixed: a step would be left out.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, TextIO, Tuple

from . import model
from .lab import combine, describe_layouts, load_layouts, save_layouts, write_step_with_clients
from .lab import write_outputs as write_lab_outputs
from .points import PointsScheme
from .session import complete, write_outputs
from .spec_clauses import Clause
from .suite_run import RunConfig
from .writers import junit, lab_csv, results_json, summary


def _collect(sources: List[Path], step: Optional[int], stream: TextIO
             ) -> Tuple[Dict[str, model.Submission], Dict[str, Path]]:
    """Every result of `sources` (of `step` if given), by student; the last folder wins."""
    subs: Dict[str, model.Submission] = {}
    origin: Dict[str, Path] = {}
    for src in sources:
        for name, sub in results_json.read_all(src).items():
            if step is not None and sub.step != step:
                stream.write(f"merge: {name} in {src} is graded for step {sub.step}, not "
                             f"{step}: left out\n")
                continue
            if name in subs:
                stream.write(f"merge: {name} is in {origin[name]} and {src}; keeping {src}\n")
            subs[name] = sub
            origin[name] = src
    return subs, origin


def lab_steps(folder: Path) -> List[int]:
    """The steps of a lab output folder (`stepN/results/`), [] for one step's outputs."""
    if (folder / "results").is_dir():
        return []
    return sorted(int(p.name[4:]) for p in folder.glob("step[1-8]") if (p / "results").is_dir())


def merge(sources: List[Path], out: Path, step: Optional[int], clauses: Dict[str, Clause],
          points: PointsScheme, stream: TextIO, lang: str = "en") -> None:
    labs = [s for s in sources if lab_steps(s)]
    if labs:
        if len(labs) != len(sources):
            others = ", ".join(str(s) for s in sources if s not in labs)
            raise ValueError(f"--merge: {others} holds one step's outputs, the others a lab's "
                             "(step*/ folders): merge lab outputs together only")
        merge_lab(sources, out, step, clauses, points, stream, lang)
        return
    for src in sources:
        if not results_json.read_all(src):
            raise ValueError(f"--merge {src}: no results/*.json in this folder, nor step*/ "
                             "folders of a lab")
    result, _ = merge_step(sources, out, step, clauses, points, stream, lang)
    summary.write(result, stream, set())


def merge_step(sources: List[Path], out: Path, step: Optional[int], clauses: Dict[str, Clause],
               points: PointsScheme, stream: TextIO, lang: str, in_lab: bool = False
               ) -> Tuple[model.ClassResult, Optional[model.ClassResult]]:
    """One step's outputs merged into `out`: the servers' results, and the clients' if any (beside
    the servers' in `out`'s own outputs, as a one-step run writes them; not `in_lab`: a lab's
    step folder keeps them apart, the lab's outputs put them together)."""
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
    if not clients:
        return result, None
    for name, src in client_origin.items():
        junit.copy_from(name, src, out / model.PART_CLIENT)
    client_result = complete(list(clients.values()), the_step, clauses, points)
    (out / model.PART_CLIENT).mkdir(exist_ok=True)
    write_outputs(client_result, clauses, out / model.PART_CLIENT, lang)
    if in_lab:
        return result, client_result
    lab = combine({(the_step, model.PART_SERVER): result,
                   (the_step, model.PART_CLIENT): client_result}, {})
    write_step_with_clients(lab, clauses, out, lang)
    return result, client_result


def merge_lab(sources: List[Path], out: Path, only_step: Optional[int],
              clauses: Dict[str, Clause], points: PointsScheme, stream: TextIO,
              lang: str = "en") -> model.LabResult:
    """Lab outputs (shards of one lab, say) merged into one lab's outputs in `out`."""
    steps = sorted({s for src in sources for s in lab_steps(src)
                    if only_step is None or s == only_step})
    if not steps:
        raise ValueError(f"--merge: no results of step {only_step} in these lab outputs")
    classes: Dict[Tuple[int, str], model.ClassResult] = {}
    for step in steps:
        stream.write(f"== step {step} ==\n")
        found = [src / f"step{step}" for src in sources if step in lab_steps(src)]
        result, clients = merge_step(found, out / f"step{step}", step, clauses, points, stream,
                                     lang, in_lab=True)
        classes[(step, model.PART_SERVER)] = result
        if clients is not None:
            classes[(step, model.PART_CLIENT)] = clients
    names: Dict[str, str] = {}
    given = False
    for src in sources:
        found, was_given = load_layouts(src)
        names.update(found)
        given = given or was_given
    lab = combine(classes, names)
    out.mkdir(parents=True, exist_ok=True)
    layouts = describe_layouts({r.student: r.layout for r in lab.students}, given)
    cfg = RunConfig(step=steps[0], points=points, clauses=clauses, lang=lang)
    write_lab_outputs(lab, cfg, out, layouts)
    save_layouts(out, names, given)
    lab_csv.summary(lab, stream)
    return lab
