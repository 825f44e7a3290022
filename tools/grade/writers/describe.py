"""Plain-words descriptions of outcomes, shared by the writers so every format says the same.

The words are English msgids: a writer in another language passes them through its ``_``
(conformance.core.messages).
"""
from __future__ import annotations

from conformance.core.messages import ENGLISH, translate_text, translator

from .. import model

STATUS_WORDS = {
    model.GRADED: "graded",
    model.DID_NOT_START: "did not start",
    model.TIMED_OUT: "timed out",
    model.SUITE_ERROR: "not graded (grader's problem)",
    model.NO_SERVER: "no server",
    model.NO_CLIENT: "no client",
    model.OUT_OF_BUDGET: "not graded: time budget",
}

CLAUSE_WORDS = {
    model.CLAUSE_PASSED: "passed",
    model.CLAUSE_FAILED: "failed",
    model.CLAUSE_ERROR: "error",
    model.CLAUSE_ADVICE: "advice",
    model.CLAUSE_NOT_REACHED: "not checked",
    model.CLAUSE_NOT_APPLICABLE: "not applicable",
    model.CLAUSE_NOT_RUN: "not run",
}

CHECK_WORDS = {
    model.CHECK_PASSED: "passed",
    model.CHECK_FAILED: "failed",
    model.CHECK_ERROR: "error",
    model.CHECK_SKIPPED: "does not apply",
    model.CHECK_NOT_REACHED: "not checked",
    model.CHECK_ADVICE: "advice (SHOULD not followed)",
}


def fmt_points(value: float) -> str:
    return f"{value:g}"


def part_name(sub: model.Submission, lang: str = ENGLISH) -> str:
    """"step 3" for a server, "step 3 client" for a client: how tests and lines name a part."""
    _ = translator(lang)
    return _("step {step}", step=sub.step) + (
        "" if sub.role == model.PART_SERVER else " " + _(sub.role))


def status_line(sub: model.Submission, lang: str = ENGLISH) -> str:
    """"graded. why" / "did not start. why": a part's status and reason, in the reader's language
    (the grader's and the suite's English texts translated through the catalogue's patterns)."""
    why = sub.off_step or sub.reason
    return (f"{translator(lang)(STATUS_WORDS.get(sub.status, sub.status))}. "
            f"{translate_text(lang, why) if why else ''}").strip()


def totals(subs: "list[model.Submission]") -> "tuple[float, float]":
    """Score and maximum of one student's parts together (server and client)."""
    return sum(s.score for s in subs), sum(s.max_score for s in subs)


def score_cells(subs: "list[model.Submission]", score: float, top: float) -> "list[str]":
    """score, max_score and percent cells; score and percent empty when the grader could not
    grade a part (SUITE_ERROR): its zero is not a score, the next run grades it."""
    if not all(s.graded for s in subs):
        return ["", fmt_points(top), ""]
    return [fmt_points(score), fmt_points(top), f"{100.0 * score / top if top else 0.0:.1f}"]


def why_not_checked(clause: model.ClauseResult, lang: str = ENGLISH) -> str:
    """Why a clause scores nothing though nothing about it was shown wrong: "could not be checked
    because …" with the reasons the suite gave for not reaching its checks (each once, in order)."""
    _ = translator(lang)
    reasons = []
    for chk in clause.checks:
        if chk.outcome == model.CHECK_NOT_REACHED:
            reason = model.not_reached_reason(chk.message) or _("another fault stopped the checks")
            if reason not in reasons:
                reasons.append(reason)
    if not reasons:
        return ""
    return _("could not be checked because {reasons}", reasons=_("; and because ").join(reasons))


def check_output(clause: model.ClauseResult) -> str:
    """What went wrong (or right) for a clause, as text: messages, transcripts, server output."""
    parts = []
    if clause.status == model.CLAUSE_NOT_REACHED:
        why = why_not_checked(clause)
        parts.append(why[:1].upper() + why[1:] + ".")
    for chk in clause.checks:
        if chk.outcome == model.CHECK_PASSED:
            continue
        parts.append(f"{chk.nodeid}: {CHECK_WORDS.get(chk.outcome, chk.outcome)}")
        if chk.message:
            parts.append(chk.message)
        if chk.transcript:
            parts.append("Transcript:\n" + chk.transcript)
        if chk.server_output:
            parts.append("Server output:\n" + chk.server_output)
    return "\n".join(parts)
