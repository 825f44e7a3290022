"""feedback/<student>.md: what passed, what failed and why, in plain English for the student.

Every failure quotes the clause of spec/protocol.md it breaks, what the grader sent and received,
and what the server printed on its error output (a crash's traceback lands there). A server that
never started is told so first and apart, since no behaviour could be judged; clauses that another
fault kept from being checked are listed apart too, with that fault, as nothing to fix in them.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

from .. import model
from ..clipping import clip
from ..spec_clauses import Clause
from .describe import CHECK_WORDS, CLAUSE_WORDS, fmt_points, why_not_checked

_INTRO = {
    model.DID_NOT_START: (
        "**Your server did not start**, so none of its behaviour could be checked and every "
        "clause below scores zero. This is not about wrong answers: the program stopped (or never "
        "listened on its port) before any client could connect. Fix the error below first: run "
        "`python server.py` yourself and read the first error it prints."),
    model.TIMED_OUT: (
        "**Grading was stopped** because checking your server took longer than the time allowed. "
        "It probably got stuck (an endless loop, for instance on an empty `recv()` when a client "
        "leaves) or stopped answering. What could not be checked scores zero."),
    model.SUITE_ERROR: (
        "**The grader itself failed** on your submission. This is not your fault: tell your "
        "teacher, who will grade it again."),
    model.NO_SERVER: "**No server was found** for this step in your submission folder, so nothing "
                     "could run.",
}


def _fence(text: str, info: str = "text") -> str:
    """A code block whose fence is longer than any backtick run in `text` (output is hostile)."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def _heading(c: model.ClauseResult, clauses: Dict[str, Clause]) -> List[str]:
    """A clause's title (status, points) and its text from the spec."""
    lines = [f"### {c.clause} [{c.level}]: {CLAUSE_WORDS.get(c.status, c.status)}, "
             f"{fmt_points(c.points)} / {fmt_points(c.max_points)} points", ""]
    spec = clauses.get(c.clause)
    if spec:
        lines += ["The rule (spec/protocol.md):", "", "> " + spec.text, ""]
    return lines


def _check(chk: model.CheckResult) -> List[str]:
    """One check that did not pass: its verdict, message, the conversation, the server's output."""
    lines = [f"Check `{chk.nodeid}`: **{CHECK_WORDS.get(chk.outcome, chk.outcome)}**.", ""]
    if chk.message:
        lines += ["What went wrong:", "", _fence(clip(chk.message)), ""]
    if chk.transcript:
        lines += ["The conversation (`C>` the grader, `S>` your server):", "",
                  _fence(clip(chk.transcript)), ""]
    if chk.server_output and not all(ln.rstrip().endswith("(empty)")
                                     for ln in chk.server_output.splitlines()):
        lines += ["What your server printed (its error output shows a crash's traceback):", "",
                  _fence(clip(chk.server_output)), ""]
    return lines


def render(sub: model.Submission, clauses: Dict[str, Clause]) -> str:
    pct = 100.0 * sub.score / sub.max_score if sub.max_score else 0.0
    lines = [f"# Feedback for {sub.student}: step {sub.step}", "",
             f"**Score: {fmt_points(sub.score)} / {fmt_points(sub.max_score)}** ({pct:.0f} %)", ""]
    if sub.off_step:
        lines += [f"**Your server scores zero for this step**: {sub.off_step}. Check that you "
                  "handed in the right file for this step.", ""]
    if sub.status != model.GRADED:
        lines += [_INTRO.get(sub.status, sub.reason), ""]
        if sub.start_error:
            lines += ["What the grader saw when starting your server:", "",
                      _fence(clip(sub.start_error)), ""]
        elif sub.reason:
            lines += [f"Reason: {sub.reason}", ""]
    unchecked = [c for c in sub.clauses if c.status == model.CLAUSE_NOT_REACHED]
    left_out = [c for c in sub.clauses if not c.applies]
    lost = [c for c in sub.clauses if c not in unchecked and (
        c.points < c.max_points or c.status in (model.CLAUSE_FAILED, model.CLAUSE_ERROR))]
    kept = [c for c in sub.clauses if c not in lost and c not in unchecked and c.applies]
    if lost:
        lines += [f"## What to fix ({len(lost)} clause{'s' if len(lost) > 1 else ''})", ""]
    for c in lost:
        lines += _heading(c, clauses)
        if not c.checks and sub.status == model.GRADED:
            lines += ["No check of this clause ran for your server.", ""]
        if c.status == model.CLAUSE_ADVICE:
            lines += ["This is a SHOULD clause: your server works without it, but does not follow "
                      "the advice, so the clause earns none of its points.", ""]
        for chk in c.checks:
            if chk.outcome in (model.CHECK_PASSED, model.CHECK_SKIPPED):
                continue
            lines += _check(chk)
    if unchecked:
        lines += [f"## Not checked ({len(unchecked)} clause{'s' if len(unchecked) > 1 else ''})",
                  "", "These clauses score zero because another fault kept the grader from "
                  "checking them: your server has not shown that it follows them. Fix the fault "
                  "named here and they will be checked next time.", ""]
    for c in unchecked:
        lines += _heading(c, clauses) + [f"This clause {why_not_checked(c)}.", ""]
    if kept:
        lines += ["## What works", ""]
        lines += [f"- {c.clause} [{c.level}]: {CLAUSE_WORDS.get(c.status, c.status)}, "
                  f"{fmt_points(c.points)} / {fmt_points(c.max_points)} points" for c in kept]
        lines.append("")
    if left_out:
        lines += ["## Not applicable to your server", "",
                  "Counted in neither your score nor its maximum: "
                  + ", ".join(c.clause for c in left_out) + ".", ""]
    return "\n".join(lines)


def write_lab(row: model.StudentLab, subs: List[model.Submission], clauses: Dict[str, Clause],
              out: Path) -> Path:
    """feedback/<student>.md over several steps: the total, where each server was found, then each
    step's feedback in turn."""
    pct = 100.0 * row.score / row.max_score if row.max_score else 0.0
    lines = [f"# Feedback for {row.student}: steps {', '.join(str(s.step) for s in subs)}", "",
             f"**Total: {fmt_points(row.score)} / {fmt_points(row.max_score)}** ({pct:.0f} %). "
             f"Your folder's layout: `{row.layout}`.", "", "| step | server | score |",
             "|---|---|---|"]
    for s in subs:
        where = f"`{s.server_file}`" if s.server_file else "not found"
        lines.append(f"| {s.step} | {where} | {fmt_points(s.score)} / {fmt_points(s.max_score)} |")
    lines.append("")
    for note in row.notes:
        lines += [f"- {note}"]
    body = "\n".join(lines) + "\n\n" + "\n\n---\n\n".join(render(s, clauses) for s in subs)
    path = out / "feedback" / f"{row.student}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def write(sub: model.Submission, clauses: Dict[str, Clause], out: Path) -> Path:
    path = out / "feedback" / f"{sub.student}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(sub, clauses), encoding="utf-8")
    return path
