"""feedback/<student>.md: what passed, what failed and why, in plain words for the student
(English or French: ``lang``, texts in conformance.core.messages, clauses quoted in that language).

Every failure quotes the clause of spec/protocol.md it breaks, what the grader sent and received,
and what the server printed on its error output (a crash's traceback lands there). A server that
never started is told so first and apart, since no behaviour could be judged (a student's client
gets the same, worded for the client: `_CLIENT_TEXTS`); clauses that another
fault kept from being checked are listed apart too, with that fault, as nothing to fix in them.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

from conformance.core.clauses import SPEC_FILES, spec_path
from conformance.core.messages import ENGLISH, Translator, translate_text, translator

from .. import model
from ..clipping import clip
from ..spec_clauses import Clause
from .describe import CHECK_WORDS, CLAUSE_WORDS, fmt_points, why_not_checked
from ..hygiene import file_stem, markdown_text

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
        "teacher, who will grade it again."),  # kept for results stored before the retries
    model.NO_SERVER: "**No server was found** for this step in your submission folder, so nothing "
                     "could run.",
    model.NO_CLIENT: "**No client was found** for this step in your submission folder.",
    model.OUT_OF_BUDGET: (
        "**Not graded: time budget.** The grading platform gives each submission a limited time, "
        "and it ran out before this step could be checked to the end. This is not a fault found "
        "in your program; what could not be checked scores zero. Ask your teacher."),
}

# A client's feedback says the same things of the client: each server sentence (msgid) → the
# client's. The suite played the server, so `S>` in its conversations is the grader.
_CLIENT_TEXTS = {
    _INTRO[model.DID_NOT_START]: (
        "**Your client did not start**, so none of its behaviour could be checked and every "
        "clause below scores zero. This is not about wrong behaviour: the program stopped before "
        "it talked to the server. Fix the error below first: run `python client.py` yourself "
        "and read the first error it prints."),
    _INTRO[model.TIMED_OUT]: (
        "**Grading was stopped** because checking your client took longer than the time allowed. "
        "It probably got stuck (waiting for a reply that never comes, or after the server "
        "closed). What could not be checked scores zero."),
    "What the grader saw when starting your server:":
        "What the grader saw when starting your client:",
    "No check of this clause ran for your server.": "No check of this clause ran for your client.",
    "This is a SHOULD clause: your server works without it, but does not follow "
    "the advice, so the clause earns none of its points.":
        "This is a SHOULD clause: your client works without it, but does not follow "
        "the advice, so the clause earns none of its points.",
    "These clauses score zero because another fault kept the grader from "
    "checking them: your server has not shown that it follows them. Fix the fault "
    "named here and they will be checked next time.":
        "These clauses score zero because another fault kept the grader from "
        "checking them: your client has not shown that it follows them. Fix the fault "
        "named here and they will be checked next time.",
    "## Not applicable to your server": "## Not applicable to your client",
    "They do not apply to the way your server works, so they count as held: {clauses}.":
        "They do not apply to the way your client works, so they count as held: {clauses}.",
    "SHOULD clauses your server does not follow; they cost nothing: {clauses}.":
        "SHOULD clauses your client does not follow; they cost nothing: {clauses}.",
    "The conversation (`C>` the grader, `S>` your server):":
        "The conversation (`C>` your client, `S>` the grader playing the server):",
    "What your server printed (its error output shows a crash's traceback):":
        "What your client printed (its error output shows a crash's traceback):",
    "# Feedback for {student}: step {step}": "# Feedback for {student}: step {step}, client",
    "Check `{nodeid}`: **{outcome}**, because the server did not start (see above).":
        "Check `{nodeid}`: **{outcome}**, because the client did not start (see above).",
}


def _words(lang: str, role: str) -> Translator:
    """The ``_`` of `lang`, saying "client" where the sentence is about the student's client."""
    _ = translator(lang)
    if role != model.PART_CLIENT:
        return _

    def say(msgid: str, **fields: object) -> str:
        return _(_CLIENT_TEXTS.get(msgid, msgid), **fields)

    return say


def _fence(text: str, info: str = "text") -> str:
    """A code block whose fence is longer than any backtick run in `text` (output is hostile)."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def _heading(c: model.ClauseResult, clauses: Dict[str, Clause], _: Translator, spec_name: str) -> List[str]:
    """A clause's title (status, points) and its text from the spec."""
    lines = [_("### {clause} [{level}]: {status}, {points} / {max_points} points", clause=c.clause,
               level=c.level, status=_(CLAUSE_WORDS.get(c.status, c.status)), points=fmt_points(c.points),
               max_points=fmt_points(c.max_points)), ""]
    spec = clauses.get(c.clause)
    if spec:
        lines += [_("The rule ({spec}):", spec=spec_name), "", "> " + spec.text, ""]
    return lines


_STARTED = ("start error",)  # key of `seen` holding the start failure the feedback shows first


def _check(chk: model.CheckResult, _: Translator, seen: Dict[tuple, str]) -> List[str]:
    """One check that did not pass: its verdict, message, the conversation, the server's output.
    A check that failed exactly as one already shown (a server that cannot start fails every
    check the same way) gets one line pointing to it: one message per cause."""
    outcome = _(CHECK_WORDS.get(chk.outcome, chk.outcome))
    cause = (chk.outcome, chk.message, chk.transcript, chk.server_output)
    if chk.message and not chk.transcript and chk.message.strip() in seen.get(_STARTED, ""):
        return [_("Check `{nodeid}`: **{outcome}**, because the server did not start (see "
                  "above).", nodeid=chk.nodeid, outcome=outcome), ""]
    if any(cause[1:]) and cause in seen:
        return [_("Check `{nodeid}`: **{outcome}**, for the same reason as `{first}` above.",
                  nodeid=chk.nodeid, outcome=outcome, first=seen[cause]), ""]
    seen.setdefault(cause, chk.nodeid)
    lines = [_("Check `{nodeid}`: **{outcome}**.", nodeid=chk.nodeid, outcome=outcome), ""]
    if chk.message:
        lines += [_("What went wrong:"), "", _fence(clip(chk.message)), ""]
    if chk.transcript:
        lines += [_("The conversation (`C>` the grader, `S>` your server):"), "",
                  _fence(clip(chk.transcript)), ""]
    if chk.server_output and not all(ln.rstrip().endswith("(empty)")
                                     for ln in chk.server_output.splitlines()):
        lines += [_("What your server printed (its error output shows a crash's traceback):"), "",
                  _fence(clip(chk.server_output)), ""]
    return lines


def render(sub: model.Submission, clauses: Dict[str, Clause], lang: str = ENGLISH) -> str:
    """The feedback file; ``clauses`` quoted as given (load_clauses(lang) for the reader's language)."""
    _ = _words(lang, sub.role)
    spec_name = "spec/" + spec_path(lang).name if lang in SPEC_FILES else "spec/protocol.md"
    pct = 100.0 * sub.score / sub.max_score if sub.max_score else 0.0
    lines = [_("# Feedback for {student}: step {step}", student=markdown_text(sub.student),
               step=sub.step), "",
             _("**Score: {score} / {max_score}** ({percent} %)", score=fmt_points(sub.score),
               max_score=fmt_points(sub.max_score), percent=f"{pct:.0f}"), ""]
    if sub.status == model.GRADED and sub.reason:  # e.g. files of the folder the grader refused
        lines += [_("Note: {reason}", reason=markdown_text(translate_text(lang, sub.reason))), ""]
    if sub.off_step:
        lines += [_("**Your server scores zero for this step**: {why}. Check that you handed in "
                    "the right file for this step.", why=translate_text(lang, sub.off_step)), ""]
    if sub.clauses and all(c.bonus for c in sub.clauses):
        lines += [_("(bonus: added to your score, not to its maximum)"), ""]
    if sub.policy:
        lines += [sub.policy, ""]
    if sub.status == model.SUITE_ERROR:
        lines += [_("**The grader could not grade your submission**: {why}. This is not your "
                    "fault and it is not a grade: your teacher's next run grades it again.",
                    why=markdown_text(sub.reason)), ""]
    elif sub.status != model.GRADED:
        lines += [_(_INTRO[sub.status]) if sub.status in _INTRO else markdown_text(sub.reason), ""]
        if not sub.counts:
            lines += [_("It does not count in your grade: only the clients handed in are "
                        "graded."), ""]
        if sub.start_error:
            lines += [_("What the grader saw when starting your server:"), "",
                      _fence(clip(sub.start_error)), ""]
        elif sub.reason:
            lines += [_("Reason: {reason}",
                        reason=markdown_text(translate_text(lang, sub.reason))), ""]
    unchecked = [c for c in sub.clauses if c.status == model.CLAUSE_NOT_REACHED]
    left_out = [c for c in sub.clauses if not c.applies]
    advice = [c for c in sub.clauses if c.status == model.CLAUSE_ADVICE and not c.max_points]
    lost = [c for c in sub.clauses if c not in unchecked and c not in advice and (
        c.points < c.max_points or c.status in (model.CLAUSE_FAILED, model.CLAUSE_ERROR))]
    kept = [c for c in sub.clauses
            if c not in lost and c not in unchecked and c not in advice and c.applies]
    if lost:
        lines += [_("## What to fix ({count} clause)" if len(lost) == 1 else "## What to fix ({count} clauses)",
                    count=len(lost)), ""]
    seen: Dict[tuple, str] = {_STARTED: sub.start_error or ""}  # said once, above
    for c in lost:
        lines += _heading(c, clauses, _, spec_name)
        if not c.checks and sub.status == model.GRADED:
            lines += [_("No check of this clause ran for your server."), ""]
        if c.status == model.CLAUSE_ADVICE:
            lines += [_("This is a SHOULD clause: your server works without it, but does not follow "
                        "the advice, so the clause earns none of its points."), ""]
        for chk in c.checks:
            if chk.outcome in (model.CHECK_PASSED, model.CHECK_SKIPPED):
                continue
            lines += _check(chk, _, seen)
    if unchecked:
        lines += [_("## Not checked ({count} clause)" if len(unchecked) == 1 else "## Not checked ({count} clauses)",
                    count=len(unchecked)),
                  "", _("These clauses score zero because another fault kept the grader from "
                        "checking them: your server has not shown that it follows them. Fix the fault "
                        "named here and they will be checked next time."), ""]
    for c in unchecked:
        lines += _heading(c, clauses, _, spec_name) + [
            _("This clause {why}.", why=why_not_checked(c, lang)), ""]
    if kept:
        lines += [_("## What works"), ""]
        lines += ["- " + _("{clause} [{level}]: {status}, {points} / {max_points} points", clause=c.clause,
                           level=c.level, status=_(CLAUSE_WORDS.get(c.status, c.status)),
                           points=fmt_points(c.points), max_points=fmt_points(c.max_points)) for c in kept]
        lines.append("")
    if left_out:
        lines += [_("## Not applicable to your server"), "",
                  _("They do not apply to the way your server works, so they count as held: "
                    "{clauses}.", clauses=", ".join(c.clause for c in left_out)), ""]
    if advice:
        lines += [_("## Advice (worth no points)"), "",
                  _("SHOULD clauses your server does not follow; they cost nothing: {clauses}.",
                    clauses=", ".join(c.clause for c in advice)), ""]
    return "\n".join(lines)


def write_lab(row: model.StudentLab, subs: List[model.Submission], clauses: Dict[str, Clause],
              out: Path, lang: str = ENGLISH) -> Path:
    """feedback/<student>.md over several steps: the total, where each server was found, then each
    step's feedback in turn."""
    _ = translator(lang)
    pct = 100.0 * row.score / row.max_score if row.max_score else 0.0
    lines = [_("# Feedback for {student}: steps {steps}", student=markdown_text(row.student),
               steps=", ".join(str(s.step) for s in subs)), "",
             _("**Total: {score} / {max_score}** ({percent} %). Your folder's layout: `{layout}`.",
               score=fmt_points(row.score), max_score=fmt_points(row.max_score),
               percent=f"{pct:.0f}", layout=row.layout), "",
             _("| step | server | score |"), "|---|---|---|"]
    for s in subs:
        where = f"`{s.server_file}`" if s.server_file else _("not found")
        step = s.step if s.role == model.PART_SERVER else f"{s.step} ({_('client')})"
        lines.append(f"| {step} | {where} | {fmt_points(s.score)} / {fmt_points(s.max_score)} |")
    lines.append("")
    for note in row.notes:
        lines += [f"- {markdown_text(note)}"]
    body = "\n".join(lines) + "\n\n" + "\n\n---\n\n".join(render(s, clauses, lang)
                                                            for s in subs)
    path = out / "feedback" / f"{file_stem(row.student)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def write_many(subs: List[model.Submission], clauses: Dict[str, Clause], out: Path,
               lang: str = ENGLISH) -> Path:
    """feedback/<student>.md of one step with its client: the server's feedback, then the
    client's."""
    path = out / "feedback" / f"{file_stem(subs[0].student)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n---\n\n".join(render(s, clauses, lang) for s in subs), encoding="utf-8")
    return path


def write(sub: model.Submission, clauses: Dict[str, Clause], out: Path, lang: str = ENGLISH) -> Path:
    path = out / "feedback" / f"{file_stem(sub.student)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(sub, clauses, lang), encoding="utf-8")
    return path
