"""Outcomes the grader's environment may have caused, and what becomes of them: the machine is
never the student's fault (issue 17).

A suite run can go wrong for reasons that are not the submission's: the grader failed (no
results, an exception), the sandbox could not start the program (no process or namespace left on
the machine), or the server's start timed out while its processes waited for the machine (a
busy machine, a classmate's load: the suite's launcher says so in the verdict, having already
given the server its start timeout of its *own* time, conformance/server_under_test/launcher.py).
Such a run is tried again, up to ATTEMPTS runs in all. If the last one still went wrong that way, it is the
grader's problem: status SUITE_ERROR, "not graded", no score in the CSV, never kept as the
student's result (session.py grades it again on the next run, without --force).
"""
from __future__ import annotations

import re

from conformance.server_under_test.launcher import BUSY_MACHINE, WAITED_FOR_CPU

from . import model

ATTEMPTS = 3  # suite runs at most, per submission and grading run
RETRY_PAUSE = 2.0  # seconds before the second run, twice that before the third: a machine short
                   # of processes or namespaces (bwrap's EAGAIN) gets time to recover
# The sandbox's own failure to start the program (sandbox.py: "sandbox: cannot start ...", or
# bubblewrap's "bwrap: Creating new namespace failed: Resource temporarily unavailable" when
# the machine is short of processes or namespaces), as the start verdict quotes its stderr.
_SANDBOX_FAILED = re.compile(r"^(?:sandbox|bwrap): ", re.MULTILINE)


# The launcher's words for a start the machine slowed: "(21.4 s of wall time, 1.3 s of them
# waiting for the machine". Only a start the machine took a real share of is run again: the
# launcher already gave back what the machine took, and a fork bomb's own crowd on idle CPUs is
# not the machine's (three runs of one fork bomb cost 3 x 65 s).
_DELAY = re.compile(r"\(([0-9.]+) s of wall time, ([0-9.]+) s " + re.escape(WAITED_FOR_CPU))
DELAY_SHARE = 0.25  # of the start's wall time, taken by the machine, for another run


def _start_delayed(sub: model.Submission) -> bool:
    found = _DELAY.search(sub.start_error or "")
    return found is not None and float(found.group(2)) >= DELAY_SHARE * float(found.group(1))


def _sandbox_failed(sub: model.Submission) -> bool:
    return sub.status == model.DID_NOT_START and bool(
        _SANDBOX_FAILED.search(sub.start_error or ""))


def suspect(sub: model.Submission) -> bool:
    """True when the run may have gone wrong because of the machine: worth another run."""
    return sub.status == model.SUITE_ERROR or _start_delayed(sub) or _sandbox_failed(sub)


def graders_problem(sub: model.Submission) -> bool:
    """True when, after the last run, the outcome is still the machine's, not a grade. (A
    student's program can print "bwrap: " itself: it then gets "not graded", never a score.)"""
    return (sub.status == model.SUITE_ERROR or BUSY_MACHINE in (sub.start_error or "")
            or _sandbox_failed(sub))


def as_graders_problem(sub: model.Submission) -> model.Submission:
    """`sub` marked as not graded, with why; its clauses earn nothing and it is not kept."""
    if sub.status != model.SUITE_ERROR:
        lines = [line.strip() for line in (sub.start_error or "").splitlines() if line.strip()]
        # the start's first line, and its last (what the sandbox or the machine said) when it differs
        first = (lines[0] + (f" ({lines[-1]})" if len(lines) > 1 else "")) if lines else sub.reason
        sub.status = model.SUITE_ERROR
        sub.reason = (f"not graded after {sub.attempts} runs: {first}; this is the grader's "
                      f"problem, not the student's, and the next run grades it again")
        sub.off_step = ""
        for c in sub.clauses:
            c.points = 0.0
    return sub
