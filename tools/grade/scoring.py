"""Two scoring rules on top of "a clause earns its points when all its checks held", so that a score
can be defended in front of a student (tools/grade/README.md, "Points"):

1. **A clause that does not apply is held**: FRAME-2 and FRAME-3 (line framing) do not apply to a
   raw-framing server, which the spec allows as much as line framing, so they earn their points
   like a clause shown to hold. Every student of a step is then graded out of the same maximum
   (a platform's total is set once), and no server loses points for a choice the spec leaves open.
   A server that shows nothing (no clause of it holds) earns nothing, not even these.
2. **The step's purpose first**: every step has groups of clauses that say what the handout asks
   its server to do (the echo of step 2 carries the client's text back; step 7 serves clients at
   the same time). The other clauses (framing, turn-taking, sessions, robustness) say how well it
   does it, and how well a server does *another* step's job is worth nothing: when a group has no
   clause that holds and one of its clauses was shown broken, every clause scores 0 and the
   submission says why. One fault still costs one clause: an echo server with a bug fails ECHO-1
   but its replies still carry the text (TEXT-1), so it keeps the rest. A clause the spec adds to
   the handout (step 8's `/find` and `/get`) earns points when it holds but never closes the gate:
   the handout's own step 8 loses those clauses, not the step.

Clients (role client) get the first rule only: the second is about what a server is for.
A server that never started is not touched: nothing is known of it, so it scores 0 out of the full
table of its step, the maximum everyone has.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

from . import model

# What the handout asks each step's server to do, as groups of clauses of spec/protocol.md: each
# group needs one clause that holds (or none shown broken) for any clause of the step to earn
# points. TEXT-1 and SIZE-1 are in the echo group because their checks look for the client's own
# text in the reply, which only an echo gives back. Step 3 serves one client after another (a
# step-2 server exits after its first), step 7 serves them at the same time (a step-3 server does
# not); step 8 stores and acknowledges each message (STORE-1), the spec's /find and /get make that
# visible (STORE-2, STORE-3).
STEP_BEHAVIOUR: Dict[int, Tuple[Tuple[str, ...], ...]] = {
    1: (("HELLO-1",),),
    2: (("ECHO-1", "TEXT-1", "SIZE-1"),),
    3: (("ECHO-1", "TEXT-1", "SIZE-1"), ("SEQ-1", "SEQ-2")),
    4: (("CHAT-1", "CHAT-2"),),
    5: (("CALC-1", "CALC-2", "CALC-3"),),
    6: (("CMD-1", "CMD-2", "CMD-3", "CMD-6"),),
    7: (("ECHO-1", "TEXT-1", "SIZE-1"), ("PAR-1", "PAR-2")),
    8: (("STORE-1", "STORE-2", "STORE-3"),),
}
# Behaviour the spec asks beyond the handout: it keeps a group open when it holds, and its failure
# alone never closes it (the handout's step 8 has no /find or /get).
SPEC_ADDITIONS: FrozenSet[str] = frozenset({"STORE-2", "STORE-3"})


def _broken_group(sub: model.Submission, group: Tuple[str, ...]) -> bool:
    """True when no clause of `group` holds and one the handout asks for was shown wrong (failed).
    Behaviour that could not be checked at all (another fault came first: not reached) is that
    other fault's business, not this rule's."""
    behaviour = [c for c in sub.clauses if c.clause in group]
    if any(c.status == model.CLAUSE_PASSED for c in behaviour):
        return False
    return any(c.status == model.CLAUSE_FAILED and c.clause not in SPEC_ADDITIONS
               for c in behaviour)


def off_step_reason(sub: model.Submission) -> str:
    """Why the step gate closes for `sub` ("" when it does not): a group of the step's behaviour
    clauses is shown broken (_broken_group)."""
    if not sub.ran or sub.role != model.PART_SERVER:
        return ""
    for group in STEP_BEHAVIOUR.get(sub.step, ()):
        if _broken_group(sub, group):
            names = ", ".join(c.clause for c in sub.clauses if c.clause in group)
            return (f"the server does not do what step {sub.step} asks: none of {names} "
                    f"holds, so the other clauses it passes earn nothing (is this the server "
                    f"of another step?)")
    return ""


def apply(sub: model.Submission) -> model.Submission:
    """Apply both rules to a freshly read submission (in place; returned for chaining)."""
    if not sub.ran:
        return sub
    showed = any(c.status == model.CLAUSE_PASSED for c in sub.clauses)
    for c in sub.clauses:
        if c.status == model.CLAUSE_NOT_APPLICABLE:
            c.points = c.max_points if showed else 0.0
    sub.off_step = off_step_reason(sub)
    if sub.off_step:
        for c in sub.clauses:
            c.points = 0.0
    return sub
