"""Plain-words descriptions of outcomes, shared by the writers so every format says the same."""
from __future__ import annotations

from .. import model

STATUS_WORDS = {
    model.GRADED: "graded",
    model.DID_NOT_START: "did not start",
    model.TIMED_OUT: "timed out",
    model.SUITE_ERROR: "grader error",
    model.NO_SERVER: "no server.py",
}

CLAUSE_WORDS = {
    model.CLAUSE_PASSED: "passed",
    model.CLAUSE_FAILED: "failed",
    model.CLAUSE_ERROR: "error",
    model.CLAUSE_NOT_APPLICABLE: "not applicable",
    model.CLAUSE_NOT_RUN: "not run",
}


def fmt_points(value: float) -> str:
    return f"{value:g}"


def check_output(clause: model.ClauseResult) -> str:
    """What went wrong (or right) for a clause, as text: messages, transcripts, server output."""
    parts = []
    for chk in clause.checks:
        if chk.outcome == "passed":
            continue
        parts.append(f"{chk.nodeid}: {chk.outcome}")
        if chk.message:
            parts.append(chk.message)
        if chk.transcript:
            parts.append("Transcript:\n" + chk.transcript)
        if chk.server_output:
            parts.append("Server output:\n" + chk.server_output)
    return "\n".join(parts)
