"""Two scoring rules on top of "a clause earns its points when all its checks held", so that a score
can be defended in front of a student (tools/grade/README.md, "Points"):

1. **A clause that does not apply is left out**: it scores 0 out of 0, so it is in neither the
   score nor the maximum (FRAME-2 and FRAME-3 on a raw-framing server). Each student's maximum is
   the sum of the clauses that apply to their server; the CSV's `max_score` says it.
2. **The step's purpose first**: every step has clauses that say what the server is *for* (the
   echo of step 2 carries the client's text back; the calculator of step 5 computes). The other
   clauses (framing, turn-taking, sessions, robustness) say how well it does it, and how well a
   server does *another* step's job is worth nothing: when none of the step's behaviour clauses
   holds and one of them was shown broken, every clause scores 0 and the submission says why. One fault still costs one clause: an
   echo server with a bug fails ECHO-1 but its replies still carry the text (TEXT-1), so it keeps
   the rest.

Clients (role client) get the first rule only: the second is about what a server is for.
A server that never started is not touched: nothing is known of it, so it scores 0 out of the full
table of its step, like everyone else's maximum before anything is left out.
"""
from __future__ import annotations

from typing import Dict, Tuple

from . import model

# What each step's server is for, as clauses of spec/protocol.md: at least one must hold for any
# clause of the step to earn points. TEXT-1 and SIZE-1 are there for the echo steps because their
# checks look for the client's own text in the reply, which only an echo gives back.
STEP_BEHAVIOUR: Dict[int, Tuple[str, ...]] = {
    1: ("HELLO-1",),
    2: ("ECHO-1", "TEXT-1", "SIZE-1"),
    3: ("ECHO-1", "TEXT-1", "SIZE-1"),
    4: ("CHAT-1", "CHAT-2"),
    5: ("CALC-1", "CALC-2", "CALC-3"),
    6: ("CMD-1", "CMD-2", "CMD-3", "CMD-6"),
    7: ("ECHO-1", "TEXT-1", "SIZE-1"),
    8: ("STORE-1", "STORE-2", "STORE-3"),
}


def off_step_reason(sub: model.Submission) -> str:
    """Why the step gate closes for `sub` ("" when it does not): none of its behaviour clauses
    passed and at least one was shown wrong (failed). Behaviour that could not be checked at all
    (another fault came first: not reached) is that other fault's business, not this rule's."""
    behaviour = [c for c in sub.clauses if c.clause in STEP_BEHAVIOUR.get(sub.step, ())]
    statuses = {c.status for c in behaviour}
    if not sub.ran or sub.role != model.PART_SERVER or model.CLAUSE_PASSED in statuses or model.CLAUSE_FAILED not in statuses:
        return ""
    names = ", ".join(c.clause for c in behaviour)
    return (f"the server does not do what step {sub.step} asks: none of {names} holds, so the "
            f"other clauses it passes earn nothing (is this the server of another step?)")


def apply(sub: model.Submission) -> model.Submission:
    """Apply both rules to a freshly read submission (in place; returned for chaining)."""
    if not sub.ran:
        return sub
    for c in sub.clauses:
        if c.status == model.CLAUSE_NOT_APPLICABLE:
            c.points = c.max_points = 0.0
    sub.off_step = off_step_reason(sub)
    if sub.off_step:
        for c in sub.clauses:
            c.points = 0.0
    return sub
