"""The whole lab in one run: `--steps 1-8` grades every step's server of every student.

Each student's servers are placed first (layout.py: the given layout, or the best known one per
student), the class folder is checked (a single submission or an empty folder is refused, naming
what it holds), then each step is graded by the one-step grader (session.grade) into
`OUT/stepN/`, which keeps all its outputs and its re-run cache there. The lab outputs in `OUT/`
put the steps side by side: one row per student, a column group per step, a total over the steps.
With a single step the one-step outputs go to `OUT/` itself, as they always did.

Each step's client (layout.py: beside its server) is graded the same way, by the same one-step
grader with the suite playing the server (`--client-cmd`), into `OUT/stepN/client/` (one step:
`OUT/client/`); its column group sits beside the server's, with its own points (`--clients`:
auto, required, off; tools/grade/README.md).

Under a time budget (`RunConfig.budget_end`, on a platform: platforms/run.py) each part graded
gets, as its deadline, all the time left but a reserve for each part still to come
(`RESERVE_PER_PART`, what a correct server's step takes with room to spare), or its fair share
when the time left is less than the reserves: a slow faulty step early in the lab does not leave
the later steps without time, and a fast one leaves its time to them.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, List, Optional, Sequence, TextIO, Tuple

from conformance.core.messages import ENGLISH

from . import model
from .layout import Layout, Placement, check_class_folder, place
from .session import grade, grader_error, in_shard
from .spec_clauses import Clause, load_clauses
from .submissions import discover
from .suite_run import CLIENTS_OFF, CLIENTS_REQUIRED, RunConfig
from .writers import (classroom, feedback, gradescope, grades_csv, html_report, lab_csv,
                      lab_html, prairielearn)


LAYOUTS_FILE = "layouts.json"
# Seconds kept, under a time budget, for each part still to grade (a correct step takes 3-10 s).
RESERVE_PER_PART = 20.0


def budget_share(budget_end: float, parts_left: int) -> float:
    """The deadline of the next part under a budget ending at `budget_end` (0: no budget)."""
    if not budget_end:
        return 0.0
    now = time.monotonic()
    left = max(0.0, budget_end - now)
    parts_left = max(1, parts_left)
    return now + max(left - RESERVE_PER_PART * (parts_left - 1), left / parts_left)


def parse_steps(text: str) -> List[int]:
    """`1-8`, `2,5,6`, `1-3,7` → sorted steps; ValueError naming the bad part."""
    steps = set()
    for part in text.replace(" ", "").split(","):
        lo, dash, hi = part.partition("-")
        if not lo.isdigit() or (dash and not hi.isdigit()):
            raise ValueError(f"--steps {text!r}: {part!r} is not a step or a range like 1-8")
        first, last = int(lo), int(hi or lo)
        if not 1 <= first <= last <= 8:
            raise ValueError(f"--steps {text!r}: steps go from 1 to 8, in increasing order")
        steps.update(range(first, last + 1))
    return sorted(steps)


@dataclass
class LabOutcome:
    lab: Optional[model.LabResult]  # None when interrupted before every step was graded
    interrupted: bool


def placements(submissions: Path, steps: Sequence[int], layout: Optional[Layout],
               server_file: str) -> Dict[str, Placement]:
    """Every student's servers, after checking that `submissions` is a class folder."""
    students = discover(submissions)
    placed = {f.name: _place(f, steps, layout, server_file) for f in students}
    check_class_folder(submissions, students, steps, placed)
    return placed


def _place(folder: Path, steps: Sequence[int], layout: Optional[Layout],
           server_file: str) -> Placement:
    """`place`, or, when the search fails on this folder, each step missing with why: one
    student's folder never stops the class."""
    try:
        return place(folder, steps, layout, server_file)
    except Exception as exc:  # noqa: BLE001
        why = grader_error(exc, folder)
        return Placement("none found", missing={s: why for s in steps},
                         clients_missing={s: why for s in steps})


def describe_layouts(layouts: Dict[str, str], given: bool) -> str:
    """One line for the terminal and the report: which layouts were used, by how many."""
    counts = Counter(layouts.values())
    how = "given" if given else "detected"
    return "layout (" + how + "): " + "; ".join(
        f"{name} ({n} student{'s' if n > 1 else ''})" for name, n in counts.most_common())


def grade_lab(submissions: Path, steps: Sequence[int], cfg: RunConfig, out: Path, jobs: int,
              force: bool, only: Optional[str], layout: Optional[Layout] = None,
              server_file: str = "server.py", stream: TextIO = sys.stderr) -> LabOutcome:
    placed = placements(submissions, steps, layout, server_file)
    names = {f.name: placed[f.name].layout for f in in_shard(discover(submissions), cfg.shard)}
    layouts = describe_layouts(names, layout is not None)
    stream.write(layouts + "\n")
    if not out.exists():  # the lab's own outputs sit above each step's and part's: ours alone
        out.mkdir(parents=True)
        os.chmod(out, 0o700)
    classes: Dict[Tuple[int, str], model.ClassResult] = {}
    single = len(steps) == 1
    parts_left = sum(1 + clients_wanted(cfg, step, placed) for step in steps)
    for step in steps:
        if not single:
            stream.write(f"== step {step} ==\n")
        where = out if single else out / f"step{step}"
        deadline = budget_share(cfg.budget_end, parts_left)
        parts_left -= 1
        outcome = grade(submissions, replace(cfg, step=step, deadline=deadline,
                                             part_bonus=bonus_step(cfg, step, steps)),
                        where, jobs, force, only, stream, locate=lambda f, s=step: placed[f.name].locate(s))
        classes[(step, model.PART_SERVER)] = outcome.result
        if not outcome.interrupted and clients_wanted(cfg, step, placed):
            stream.write(f"== step {step} clients ==\n")
            # a student's client speaks the framing their server was found to speak
            framings = {sub.student: sub.framing for sub in outcome.result.submissions
                        if sub.framing in ("raw", "line")}
            deadline = budget_share(cfg.budget_end, parts_left)
            parts_left -= 1
            outcome = grade(submissions, replace(cfg, step=step, role=model.PART_CLIENT,
                                                 deadline=deadline,
                                                 part_bonus=bonus_step(cfg, step, steps)
                                                 or cfg.clients != CLIENTS_REQUIRED),
                            where / model.PART_CLIENT, jobs, force, only, stream,
                            locate=lambda f, s=step: placed[f.name].locate_client(s),
                            framings=framings)
            classes[(step, model.PART_CLIENT)] = outcome.result
        if outcome.interrupted:
            return LabOutcome(combine(classes, names) if single else None, True)
    lab = combine(classes, names)
    if single and len(lab.groups) > 1:
        write_step_with_clients(lab, cfg.clauses, out, cfg.lang)
        stream.write(f"== step {steps[0]}, server and client together ==\n")
        lab_csv.summary(lab, stream)
    elif not single:
        write_outputs(lab, cfg, out, layouts)
        save_layouts(out, names, layout is not None)
        lab_csv.summary(lab, stream)
    return LabOutcome(lab, False)


def save_layouts(out: Path, names: Dict[str, str], given: bool) -> None:
    """What --merge needs of a lab run besides its steps' results: each student's layout."""
    (out / LAYOUTS_FILE).write_text(json.dumps({"given": given, "students": names}, indent=1),
                                    encoding="utf-8")


def load_layouts(out: Path) -> Tuple[Dict[str, str], bool]:
    """The layouts a lab run saved (none, for outputs of a grader that did not save them)."""
    path = out / LAYOUTS_FILE
    if not path.is_file():
        return {}, False
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("students", {})), bool(data.get("given"))


def bonus_step(cfg: RunConfig, step: int, steps: Sequence[int]) -> bool:
    """A bonus step (points.py: 7 and 8 by default, as the handout says) is graded as one when a
    step that is not a bonus is graded with it; graded alone, it is the assignment."""
    bonus = cfg.points.bonus_steps
    return step in bonus and any(s not in bonus for s in steps)


def clients_wanted(cfg: RunConfig, step: int, placed: Dict[str, Placement]) -> bool:
    """Whether `step` gets a client column group: always when clients are required; with
    `--clients auto` when a student has one (or a near miss of one) for the step."""
    if cfg.clients == CLIENTS_OFF:
        return False
    return cfg.clients == CLIENTS_REQUIRED or any(
        step in p.clients or " instead" in p.clients_missing.get(step, "")
        for p in placed.values())


def combine(classes: Dict[Tuple[int, str], model.ClassResult],
            layouts: Dict[str, str]) -> model.LabResult:
    """The per-step results side by side, one StudentLab per student of any step."""
    groups = sorted(classes, key=lambda g: (g[0], model.PARTS.index(g[1])))
    students: Dict[str, model.StudentLab] = {}
    for group in groups:
        for sub in classes[group].submissions:
            row = students.setdefault(sub.student, model.StudentLab(
                sub.student, layouts.get(sub.student, "")))
            row.parts[group] = sub
    return model.LabResult(groups, [students[n] for n in sorted(students)], dict(classes))


def write_step_with_clients(lab: model.LabResult, clauses: Dict[str, Clause], out: Path,
                            lang: str = ENGLISH) -> None:
    """One step with clients: `OUT/` keeps the one-step outputs of the servers, with the client's
    columns (grades.csv, report.html), section (feedback) and tests (platforms) added; the
    clients' own one-step outputs are in `OUT/client/`."""
    servers, clients = (lab.classes[g] for g in lab.groups)
    quoted = clauses if lang == ENGLISH else load_clauses(lang)
    grades_csv.write(servers, out, clients)
    html_report.write(servers, quoted, out, lang, clients)
    for row in lab.students:
        subs = [row.parts[g] for g in lab.groups if g in row.parts]
        feedback.write_many(subs, quoted, out, lang)
        gradescope.write_many(row.student, subs, out, row.notes, lang)
        classroom.write_many(row.student, subs, out)
        prairielearn.write_many(row.student, subs, out, row.notes, lang)


def write_outputs(lab: model.LabResult, cfg: RunConfig, out: Path, layouts: str) -> None:
    lab_csv.write(lab, out)
    lab_html.write(lab, out, layouts)
    quoted = cfg.clauses if cfg.lang == ENGLISH else load_clauses(cfg.lang)
    for row in lab.students:
        subs = [row.parts[g] for g in lab.groups if g in row.parts]
        feedback.write_lab(row, subs, quoted, out, cfg.lang)
        gradescope.write_many(row.student, subs, out, row.notes, cfg.lang)
        classroom.write_many(row.student, subs, out)
        prairielearn.write_many(row.student, subs, out, row.notes, cfg.lang)
