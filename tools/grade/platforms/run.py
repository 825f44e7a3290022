"""Grading one submission inside an engine: `python -m tools.grade.platforms run ENGINE`.

The engine puts one student's files in a folder (Gradescope: /autograder/submission, PrairieLearn:
/grade/student, Classroom: the checked-out repository). They are copied into a private class
folder and graded by the lab grader (lab.py) with the settings baked into the package, then the
engine's results file is written from the same model every writer reads.

The engine's root comes from `--root`, else an environment variable (CANADUCK_GRADESCOPE_ROOT,
CANADUCK_PRAIRIELEARN_ROOT), else the engine's own path (/autograder, /grade): the tests run the
generated entry points against a temporary folder standing in for it.

The engine's container (or Classroom's VM) is the box where namespaces are refused
(isolation.py, BOX_CONTAINER): the run never refuses to grade, and always writes the engine's
results file, also when the grader itself fails (the error is said, the score is 0 and, on
PrairieLearn, `gradable` false). The results say which isolation was used. Classroom's results
go to a folder outside the repository, emptied first: nothing committed can be read as a result.
"""
from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from .. import model
from ..isolation import seal, unseal
from ..lab import grade_lab
from ..layout import Layout, parse_layout
from ..points import PointsScheme
from ..spec_clauses import load_clauses
from ..suite_run import RunConfig
from ..writers import gradescope, prairielearn
from ..writers.jsonfile import dump
from . import classroom
from .kit import GradingSettings

STUDENT = "submission"
ROOTS = {"gradescope": ("CANADUCK_GRADESCOPE_ROOT", "/autograder"),
         "prairielearn": ("CANADUCK_PRAIRIELEARN_ROOT", "/grade")}


def engine_root(engine: str, given: Optional[Path]) -> Path:
    var, default = ROOTS[engine]
    return Path(given or os.environ.get(var) or default)


def _layout(settings: GradingSettings) -> Optional[Layout]:
    if settings.mapping:
        return Layout("map", mapping=tuple((int(s), str(p)) for s, p in settings.mapping),
                      client_mapping=tuple((int(s), str(p)) for s, p in settings.client_mapping))
    return parse_layout(settings.layout, settings.server_file) if settings.layout else None


def grade_submission(folder: Path, settings: GradingSettings, out: Path, log: io.TextIOBase,
                     platform: str = "", budget_end: float = 0.0
                     ) -> Tuple[List[model.Submission], List[str]]:
    """Grade the student's `folder` for the settings' steps: their submissions, one per step, and
    the notes (missing servers, near misses). A folder with no server at all is not an error
    here (the class check is for teachers): every step is then "no server"."""
    clauses = load_clauses()
    points = PointsScheme(**settings.points) if settings.points else PointsScheme()
    cfg = RunConfig(step=settings.steps[0], points=points, clauses=clauses,
                    reply_timeout=settings.reply_timeout, start_timeout=settings.start_timeout,
                    submission_timeout=settings.timeout, use_bwrap=True, lang=settings.lang,
                    clients=settings.clients, platform=platform, budget_end=budget_end)
    with tempfile.TemporaryDirectory(prefix="canaduck-class-") as klass:
        os.chmod(klass, 0o755)
        shutil.copytree(folder, Path(klass) / STUDENT, symlinks=True,
                        ignore=shutil.ignore_patterns(".git"))
        try:
            outcome = grade_lab(Path(klass), settings.steps, cfg, out, jobs=1, force=True,
                                only=None, layout=_layout(settings),
                                server_file=settings.server_file, stream=log)
        except ValueError as exc:  # the class check: no server anywhere in the submission
            log.write(f"{exc}\n")
            outcome = None
    if outcome is None or outcome.lab is None or not outcome.lab.students:
        return [], ["no server was found in the submission for any step graded "
                    f"({', '.join(map(str, settings.steps))})"]
    row = outcome.lab.students[0]
    return [row.parts[g] for g in outcome.lab.groups if g in row.parts], row.notes


def isolation_line(subs: List[model.Submission]) -> str:
    """Which isolation the student's code ran in, for the results (the first that ran)."""
    used = next((s.sandbox for s in subs if s.sandbox), "")
    return f"isolation: {used}" if used else ""


def _error_results(engine: str, error: str) -> Dict[str, Any]:
    """The engine's results when the grader failed: nobody's grade, said so."""
    text = f"the grader failed, this is not your fault; tell your teacher: {error}"
    if engine == "gradescope":
        return {"score": 0, "execution_time": 0, "output": text, "visibility": "visible",
                "stdout_visibility": "hidden", "tests": []}
    return {"gradable": False, "score": 0.0, "message": text, "format_errors": [text],
            "tests": []}


def run(engine: str, settings_file: Path, root: Optional[Path], submission: Optional[Path],
        out: Optional[Path]) -> Path:
    """Grade and write the engine's results file; returns its path. The results file is written
    whatever happens (a grader error is reported in it)."""
    t0 = time.monotonic()
    if engine in ROOTS:
        base = engine_root(engine, root)
        student = "submission" if engine == "gradescope" else "student"
        folder, results = submission or base / student, base / "results" / "results.json"
    elif engine == "classroom":  # the repository checked out; each step's result for `check`
        base = None
        folder, results = submission or Path("."), Path(out or classroom.results_dir())
        repo, where = folder.resolve(), results.resolve()
        if where == repo or repo in where.parents or where in repo.parents:
            raise ValueError(f"the results folder {results} must be outside the repository "
                             f"graded ({folder}): what is committed there is the student's")
        # A fresh start: what a previous run left is never read as this run's.
        shutil.rmtree(results, ignore_errors=True)
    else:
        raise ValueError(f"unknown engine {engine!r}")
    # The platform's folder (the package, its wheel, the student's files) is the grader's alone.
    sealed = seal([str(base)]) if engine in ROOTS and os.geteuid() == 0 else {}
    work = Path(tempfile.mkdtemp(prefix="canaduck-out-"))
    log = io.StringIO()
    try:
        settings = GradingSettings.load(settings_file)
        # The private copy of the folder is made before anything is written (Classroom: the
        # results folder is inside the repository graded).
        budget_end = t0 + settings.budget if settings.budget else 0.0
        subs, notes = grade_submission(folder, settings, work, log, engine, budget_end)
    except Exception as exc:  # the grader's fault: the results say so, never nothing
        log.write(traceback.format_exc())
        print(log.getvalue(), end="")
        if engine == "classroom":
            print(f"grading failed: {type(exc).__name__}: {exc}")
            return results
        return dump(_error_results(engine, f"{type(exc).__name__}: {exc}"), results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        unseal(sealed)
    print(log.getvalue(), end="")  # the engine's log for the teacher (Gradescope: stdout)
    isolation = isolation_line(subs)
    if engine == "classroom":
        classroom.save_steps(subs, results)
        print("\n".join(notes + [isolation]))
        return results
    if engine == "gradescope":
        data = gradescope.render(subs, notes, settings.lang)
        data["execution_time"] = round(time.monotonic() - t0)
        data["extra_data"] = {"isolation": isolation}
        data["output"] = "\n".join(filter(None, [data["output"], isolation]))
    else:
        data = prairielearn.render(subs, notes, settings.lang)
        data["output"] = isolation
        if not subs:
            data.update(gradable=False, format_errors=notes)
    return dump(data, results)
