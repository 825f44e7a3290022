"""One grading run: which submissions to (re)grade, running them in parallel, writing outputs.

Results are saved one by one as they finish, so Ctrl-C keeps everything done so far, and a later
run skips submissions whose fingerprint (files + step + points + suite + limits) is unchanged.
"""
from __future__ import annotations

import concurrent.futures
import os
import queue
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Dict, List, Optional, Set, TextIO, Tuple

from conformance.core.messages import ENGLISH, translator

from . import model
from .points import PointsScheme
from .progress import Progress
from .environment import ATTEMPTS, RETRY_PAUSE, as_graders_problem, graders_problem, suspect
from .hygiene import clean_submission, clean_text, student_name
from .isolation import (UNSANDBOXED_NOTE, choose_box, describe_box, prepare_shim, seal,
                        sealed_paths, unseal)
from .cgroups import limits_not_held
from .reaper import sweep_uid
from .scratch import remove_files_of
from .spec_clauses import Clause, load_clauses, spec_order
from .statedir import work_dir
from .submissions import discover, fingerprint, suite_version
from .sandbox import parse_size
from .suite_run import (BOX_CONTAINER, BOX_NONE, RunConfig, clause_worth, empty_submission, grade_one,
                        student_python)
from .uids import claim_uids, release
from .writers.describe import STATUS_WORDS
from .writers import (classroom, feedback, gradescope, grades_csv, html_report, junit,
                      prairielearn, results_json, summary)


@dataclass
class RunOutcome:
    result: model.ClassResult
    graded: List[str] = field(default_factory=list)
    reused: Set[str] = field(default_factory=set)
    interrupted: bool = False


def complete(subs: List[model.Submission], step: int, clauses: Dict[str, Clause],
             points: PointsScheme, part_bonus: bool = False) -> model.ClassResult:
    """Give every submission the same clause columns: one missing a clause scores 0 for it."""
    ids = spec_order([c.clause for s in subs for c in s.clauses], clauses)
    for s in subs:
        if not s.counts:  # a client nobody asked for stays out of every total
            continue
        have = {c.clause for c in s.clauses}
        # a part graded as a bonus (all its clauses are) stays one (merge.py reads it so)
        bonus_part = part_bonus or bool(s.clauses) and all(c.bonus for c in s.clauses)
        worth_of = clause_worth(points, clauses, s.step, s.role, bonus_part)
        for cid in ids:
            if cid not in have:
                level = clauses[cid].level if cid in clauses else "MUST"
                worth, bonus = worth_of(cid, level)
                s.clauses.append(model.ClauseResult(cid, level, s.step, model.CLAUSE_NOT_RUN,
                                                    0.0, worth, bonus=bonus))
        order = {cid: i for i, cid in enumerate(ids)}
        s.clauses.sort(key=lambda c: order[c.clause])
    return model.ClassResult(step, sorted(subs, key=lambda s: s.student), ids)


def write_outputs(result: model.ClassResult, clauses: Dict[str, Clause], out: Path,
                  lang: str = ENGLISH) -> None:
    """Every output; report.html and feedback/ in ``lang``, quoting the spec in that language."""
    quoted = clauses if lang == ENGLISH else load_clauses(lang)
    grades_csv.write(result, out)
    html_report.write(result, quoted, out, lang)
    for sub in result.submissions:
        results_json.write(sub, out)
        gradescope.write(sub, out, lang)
        classroom.write(sub, out)
        prairielearn.write(sub, out, lang)
        feedback.write(sub, quoted, out, lang)


def _settings(cfg: RunConfig) -> List[str]:
    return [f"step={cfg.step}", f"points={cfg.points.digest()}", f"suite={suite_version()}",
            f"scoring={model.SCORING_RULES}",
            f"limits={cfg.limits}", f"reply={cfg.reply_timeout}", f"start={cfg.start_timeout}", f"seed={cfg.seed}",
            f"timeout={cfg.submission_timeout}", f"lang={cfg.lang}",
            f"bonus={cfg.part_bonus}"] + (
                # whether a missing client counts: its grade changes with --clients
                [f"clients={cfg.clients}"] if cfg.role == model.PART_CLIENT else [])


def _clean_or_fresh(uid: Optional[int], uids: List[Optional[int]], held: List) -> Optional[int]:
    """`uid` back to the pool once it owns no process and no file in the host's writable
    folders (/run/lock, /var/tmp, /dev/shm...: removed as that uid, scratch.py); if something of
    the submission is left (it could not be killed or removed), a fresh uid instead: the next
    student's copy must never meet a previous one's process or planted file."""
    if uid is None or (sweep_uid(uid) and remove_files_of(uid)):
        return uid
    fresh, locks = claim_uids(1, skip=tuple(u for u in uids if u is not None))
    held.extend(locks)
    uids.append(fresh[0])
    return fresh[0]


def _located(folder: Path, locate: Optional["Locate"], cfg: RunConfig) -> Tuple[Optional[str], str]:
    """Where the folder's program is; a folder the search fails on is that student's problem."""
    if locate is None:
        return cfg.server_file, ""
    try:
        return locate(folder)
    except Exception as exc:  # noqa: BLE001 - one folder never stops the class
        return None, grader_error(exc, folder)


def grader_error(exc: BaseException, folder: Path, *private: Path) -> str:
    """"grader error: ..." for a student's row, without a machine path in it: the class folder,
    the student's folder and the grader's own folders are named as the student knows them."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    pairs = [(str(folder), student_name(folder)), (str(folder.parent), "<class>")]
    pairs += [(str(p), "<grader>") for p in private]
    for path, shown in sorted(pairs, key=lambda p: -len(p[0])):
        text = text.replace(path, shown)
    return clean_text(f"grader error: {type(exc).__name__}: {text}")


def in_shard(folders: List[Path], shard: Tuple[int, int]) -> List[Path]:
    """--shard K/N: the Kth of every N folders, by name (the same on every machine)."""
    k, n = shard
    return [f for i, f in enumerate(sorted(folders, key=lambda f: f.name)) if i % n == k - 1]


def _note(sub: model.Submission) -> str:
    if sub.status == model.GRADED:
        return f"{sub.score:g}/{sub.max_score:g}"
    return f"{sub.score:g}/{sub.max_score:g} ({STATUS_WORDS.get(sub.status, sub.status)})"


def _graded_fairly(folder: Path, cfg: RunConfig, uid: Optional[int], cancel: threading.Event
                   ) -> Optional[Tuple[model.Submission, Optional[bytes]]]:
    """grade_one, run again while the outcome may be the machine's (environment.py), at most
    ATTEMPTS times; an outcome still the machine's after that is the grader's problem."""
    done = None
    for attempt in range(1, ATTEMPTS + 1):
        done = grade_one(folder, cfg, uid, cancel)
        if done is None:
            return None
        done[0].attempts = attempt
        if not suspect(done[0]):
            return done
        if uid is not None:
            sweep_uid(uid)  # nothing of this run meets the next
        # a pause, for a machine short of resources to recover; Ctrl-C ends it (and the run)
        if attempt < ATTEMPTS and cancel.wait(RETRY_PAUSE * attempt):
            return None
    if graders_problem(done[0]):
        as_graders_problem(done[0])
    return done


# Where a student's server is: (path relative to their folder, or None and the reason why not).
Locate = Callable[[Path], Tuple[Optional[str], str]]


def grade(submissions_dir: Path, cfg: RunConfig, out: Path, jobs: int, force: bool,
          only: Optional[str], stream: TextIO = sys.stderr,
          locate: Optional[Locate] = None,
          framings: Optional[Dict[str, str]] = None) -> RunOutcome:
    """Grade every student folder for `cfg.step`; `locate` finds each one's server (or client:
    `cfg.role`; layout.py), by default `cfg.server_file`; `framings`: for clients, the framing
    each student's server was found to speak (their client speaks it too)."""
    folders = discover(submissions_dir)
    where = {f.name: _located(f, locate, cfg) for f in folders}
    framing = {f.name: (framings or {}).get(student_name(f), "") for f in folders}
    if only is not None:
        folders = [f for f in folders if only in (student_name(f), f.name)]
        if not folders:
            raise ValueError(f"--only {only!r}: no such folder in {submissions_dir}")
    folders = in_shard(folders, cfg.shard)
    if not out.exists():
        out.mkdir(parents=True)
        os.chmod(out, 0o700)  # other students' results are nobody else's business
    existing = {k: clean_submission(v) for k, v in results_json.read_all(out).items()
                if v.step == cfg.step and v.role == cfg.role}
    settings = _settings(cfg)
    todo, reused = [], set()
    for folder in folders:
        try:
            fp = fingerprint(folder, parse_size(cfg.limits.disk), *settings,
                             f"{cfg.role}={where[folder.name][0]}",
                             *([f"framing={framing[folder.name]}"] if framing[folder.name] else []))
        except Exception:  # noqa: BLE001 - one folder never stops the class: grade it afresh
            fp = ""
        old = existing.get(student_name(folder))
        # A grader failure is nobody's grade: always try it again.
        if (old is not None and fp and old.fingerprint == fp and not force
                and old.status not in (model.SUITE_ERROR, model.OUT_OF_BUDGET)):
            reused.add(student_name(folder))
        else:
            todo.append((folder, fp))
    # Nothing to run: no uid to claim (and no bubblewrap probe).
    uids, uid_locks = claim_uids(max(1, min(jobs, len(todo)))) if todo else ([None], [])
    try:
        return _run(todo, reused, existing, folders, cfg, out, uids, stream, where, framing)
    finally:
        release(uid_locks)


def _run(todo: List[Tuple[Path, str]], reused: Set[str], existing: Dict[str, model.Submission],
         folders: List[Path], cfg: RunConfig, out: Path, uids: List[Optional[int]],
         stream: TextIO, where: Dict[str, Tuple[Optional[str], str]],
         framing: Dict[str, str]) -> RunOutcome:
    dropping = uids[0] is not None
    _ = translator(cfg.lang)
    cfg = choose_box(replace(cfg, python=cfg.python or student_python(dropping)), uids[0])
    progress = Progress(len(folders), stream)
    progress.message(f"sandbox: {describe_box(cfg)}")
    unheld = limits_not_held(cfg.limits.mem, cfg.limits.disk, cfg.lang)
    for line in unheld:
        progress.message(_("warning: {line}", line=line))
    for name in sorted(reused):
        progress.finished(name, "unchanged, kept the previous grade")
    graded: List[str] = []
    cancel = threading.Event()
    free: "queue.Queue[Optional[int]]" = queue.Queue()
    for uid in uids:
        free.put(uid)
    workbase = Path(tempfile.mkdtemp(prefix="run-", dir=work_dir()))
    os.chmod(workbase, 0o711)
    run_cfg = replace(cfg, workbase=workbase, shim=prepare_shim(workbase),
                      hidden=tuple(str(p.resolve()) for p in (folders[0].parent, out))
                      if folders else ())
    # In a platform's container nothing hides the grader's files: their modes do, for the run.
    sealed = seal(sealed_paths(run_cfg.hidden)) if cfg.box == BOX_CONTAINER else {}
    sandbox = describe_box(cfg)
    lock = threading.Lock()
    held: List = []  # locks of uids claimed to replace one left unclean

    def task(folder: Path, fp: str) -> None:
        uid = free.get_nowait()  # never empty: as many uids as workers
        progress.started(student_name(folder))
        server, missing = where[folder.name]
        try:
            if server is None:
                absent = model.NO_CLIENT if cfg.role == model.PART_CLIENT else model.NO_SERVER
                done = (empty_submission(student_name(folder), run_cfg, absent, missing), None)
            else:
                done = _graded_fairly(folder, replace(run_cfg, server_file=server,
                                                      framing=framing[folder.name]), uid, cancel)
                if done is not None:
                    done[0].server_file = server
        except Exception as exc:  # the grader's fault: report it, grade the rest of the class
            done = (empty_submission(student_name(folder), run_cfg, model.SUITE_ERROR,
                                     grader_error(exc, folder, workbase)), None)
        finally:
            free.put(_clean_or_fresh(uid, uids, held))
        if done is None:
            return
        sub, xml = done
        sub.fingerprint = fp
        sub.sandbox = sandbox
        if cfg.box == BOX_NONE:
            sub.reason = "; ".join(filter(None, [sub.reason, UNSANDBOXED_NOTE]))
        if unheld:  # grades.csv says it too, on every row graded this way
            sub.reason = "; ".join(filter(None, [sub.reason, *unheld]))
        with lock:
            results_json.write(sub, out)
            junit.write(sub.student, xml, out)
            existing[sub.student] = sub
            graded.append(sub.student)
        progress.finished(sub.student, _note(sub))

    interrupted = False
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(uids))
    try:
        futures = [pool.submit(task, folder, fp) for folder, fp in todo]
        for fut in concurrent.futures.as_completed(futures):
            fut.result()
    except KeyboardInterrupt:
        interrupted = True
        cancel.set()
        progress.message("interrupted: stopping the running checks, keeping what is done...")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(workbase, ignore_errors=True)
        release(held)
        unseal(sealed)
    result = complete(list(existing.values()), cfg.step, cfg.clauses, cfg.points, cfg.part_bonus)
    write_outputs(result, cfg.clauses, out, cfg.lang)
    summary.write(result, stream, reused)
    return RunOutcome(result, graded, reused, interrupted)
