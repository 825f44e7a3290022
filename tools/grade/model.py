"""The one result model every writer reads: a submission, its clauses, their checks and points.

Kept apart from how results are produced (suite_run.py) and how they are written (writers/), so
that a merged set of results (merge.py) and a fresh run give the same outputs.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Set, Tuple

from conformance.core.messages import LANGUAGES, translate

SCHEMA = "canaduck-grade/1"
# Changes whenever the rules turning checks into points change: it is part of every fingerprint
# (session.py), so a re-run re-grades grades stored under the old rules instead of keeping them.
SCORING_RULES = ("4: not reached and advice earn nothing; not applicable held; step gate by the "
                 "handout's groups; bonus clauses out of the maximum")

# Why a submission has the scores it has, beyond clause outcomes.
GRADED = "graded"              # the suite ran and the server came up
DID_NOT_START = "did_not_start"  # the server never listened (crash at import, never binds, ...)
TIMED_OUT = "timed_out"        # the whole suite run for this submission hit its wall-clock limit
SUITE_ERROR = "suite_error"    # the grader's problem (a grader error, a start the busy machine
                               # delayed, retried and still failing): not a score, never kept
                               # as the student's result, graded again by the next run
NO_SERVER = "no_server"        # no server file where the layout says (layout.py)
NO_CLIENT = "no_client"        # no client file where the layout says: counted only if required
# Not graded: the submission's time budget (a platform's limit, platforms/) ran out before or
# during this step. Scores 0 like a step that could not run, but is no fault of the student's.
OUT_OF_BUDGET = "out_of_budget"

# A check's outcome, as the suite's results JSON reports it (ARCHITECTURE.md).
CHECK_PASSED = "passed"
CHECK_FAILED = "failed"
CHECK_ERROR = "error"
CHECK_SKIPPED = "skipped"          # the check does not apply (FRAME-2 on a raw-framing server)
CHECK_NOT_REACHED = "not_reached"  # another fault kept the check from being made
CHECK_ADVICE = "advice"            # a SHOULD clause not followed
# The suite's messages of these start so; before it reported the last two outcomes itself, they
# were skips with these prefixes (and the grader must read both forms).
NOT_REACHED_PREFIX = "not reached:"
ADVICE_PREFIX = "advice ("
_LEGACY_SKIP_PREFIXES = ((NOT_REACHED_PREFIX, CHECK_NOT_REACHED), (ADVICE_PREFIX, CHECK_ADVICE))

CLAUSE_PASSED = "passed"
CLAUSE_FAILED = "failed"
CLAUSE_ERROR = "error"
CLAUSE_ADVICE = "advice"            # a SHOULD clause not followed: its points are not earned
CLAUSE_NOT_REACHED = "not_reached"  # could not be checked because of another fault: 0 points
CLAUSE_NOT_APPLICABLE = "skipped"   # every check of the clause does not apply: counts as shown
CLAUSE_NOT_RUN = "not_run"          # no check of the clause ran for this submission

# Which clause status a mix of check outcomes gives, worst first. A clause earns its points only
# when everything about it was shown: one check not reached is enough to lose them, since a server
# that never answers must not collect points for what it could not show.
_CLAUSE_BY_CHECK = ((CHECK_FAILED, CLAUSE_FAILED), (CHECK_ERROR, CLAUSE_ERROR),
                    (CHECK_ADVICE, CLAUSE_ADVICE), (CHECK_NOT_REACHED, CLAUSE_NOT_REACHED))


def check_outcome(outcome: str, message: str) -> str:
    """The check's outcome in today's terms: an older suite's skip whose message starts with
    "not reached:" or "advice (" is `not_reached` or `advice`; an unknown outcome is an error."""
    if outcome == CHECK_SKIPPED:
        for prefix, meaning in _LEGACY_SKIP_PREFIXES:
            if message.startswith(prefix):
                return meaning
    known = (CHECK_PASSED, CHECK_FAILED, CHECK_ERROR, CHECK_SKIPPED, CHECK_NOT_REACHED,
             CHECK_ADVICE)
    return outcome if outcome in known else CHECK_ERROR


def clause_status(outcomes: Set[str]) -> str:
    """The status of a clause from the (normalised) outcomes of its checks."""
    if not outcomes:
        return CLAUSE_NOT_RUN
    for check, status in _CLAUSE_BY_CHECK:
        if check in outcomes:
            return status
    return CLAUSE_NOT_APPLICABLE if outcomes == {CHECK_SKIPPED} else CLAUSE_PASSED


def not_reached_reason(message: str) -> str:
    """Why a check was not reached, without the suite's "not reached:" prefix (in any language)."""
    for prefix in {translate(lang, NOT_REACHED_PREFIX) for lang in LANGUAGES}:
        if message.startswith(prefix):
            return message[len(prefix):].strip()
    return message.strip()


@dataclass
class CheckResult:
    """One conformance check, as the suite's results JSON reports it."""

    nodeid: str
    clause: str
    level: str
    step: int
    outcome: str
    message: str = ""
    transcript: str = ""
    server_output: str = ""
    duration: float = 0.0


@dataclass
class ClauseResult:
    """A clause of the spec for one submission: its checks and the points they earn."""

    clause: str
    level: str
    step: int
    status: str
    points: float
    max_points: float
    checks: List[CheckResult] = field(default_factory=list)
    bonus: bool = False  # its points add to the score, its maximum is not in the total (points.py)

    @property
    def earned_all(self) -> bool:
        """Shown and paid: a clause the step gate zeroed (scoring.py) is not."""
        return (self.status in (CLAUSE_PASSED, CLAUSE_NOT_APPLICABLE)
                and self.points >= self.max_points)

    @property
    def applies(self) -> bool:
        """False for a clause that does not apply to this program (shown `n/a`; scoring.py
        counts it as held)."""
        return self.status != CLAUSE_NOT_APPLICABLE

    @property
    def counted_max(self) -> float:
        """What the clause adds to the maximum: nothing for a bonus clause."""
        return 0.0 if self.bonus else self.max_points


@dataclass
class Submission:
    """One student's graded server for one run of the grader."""

    student: str
    step: int
    status: str
    reason: str = ""
    start_error: Optional[str] = None
    framing: Optional[str] = None
    clauses: List[ClauseResult] = field(default_factory=list)
    fingerprint: str = ""
    duration: float = 0.0
    suite_exit_code: Optional[int] = None
    suite_output: str = ""
    server_file: str = ""  # where the program graded was found in the student's folder (layout.py)
    off_step: str = ""     # why every clause scores 0 when the server does another step's job
    role: str = "server"   # PART_SERVER or PART_CLIENT: which program of the step this grades
    sandbox: str = ""      # the isolation it ran in (isolation.describe_box), "" if it did not run
    policy: str = ""       # the points policy it was graded under, one line (points.describe)
    attempts: int = 1      # suite runs it took: a run the machine spoilt is tried again

    @property
    def score(self) -> float:
        return sum(c.points for c in self.clauses)

    @property
    def max_score(self) -> float:
        """The total this is graded out of: bonus clauses add to the score only."""
        return sum(c.counted_max for c in self.clauses)

    @property
    def graded(self) -> bool:
        """False when the grader could not grade it (SUITE_ERROR): its 0 is not a score."""
        return self.status != SUITE_ERROR

    @property
    def counts(self) -> bool:
        """False for a missing client nobody asked for (`--clients auto`): it has no clause, so
        it is in neither score nor maximum."""
        return not (self.status == NO_CLIENT and not self.clauses)

    @property
    def ran(self) -> bool:
        """True when the student's code ran far enough to be judged on its behaviour."""
        return self.status == GRADED

    def clause(self, clause_id: str) -> Optional[ClauseResult]:
        for c in self.clauses:
            if c.clause == clause_id:
                return c
        return None

    def step_totals(self) -> Dict[int, List[float]]:
        """{step: [earned, out of]} so that partial credit per step can be shown."""
        totals: Dict[int, List[float]] = {}
        for c in self.clauses:
            t = totals.setdefault(c.step, [0.0, 0.0])
            t[0] += c.points
            t[1] += c.counted_max
        return totals

    def to_dict(self) -> Dict[str, Any]:
        data = dataclasses.asdict(self)
        data["schema"] = SCHEMA
        data["score"] = self.score
        data["max_score"] = self.max_score
        return data

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Submission":
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} result (schema={data.get('schema')!r})")
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names and k != "clauses"}
        clauses = []
        for c in data.get("clauses", []):
            checks = [CheckResult(**chk) for chk in c.get("checks", [])]
            clauses.append(ClauseResult(**{**c, "checks": checks}))
        return cls(clauses=clauses, **kwargs)


@dataclass
class ClassResult:
    """Every submission of one grading run, with the clause columns they share."""

    step: int
    submissions: List[Submission]
    clause_ids: List[str]

    def failure_counts(self) -> Dict[str, int]:
        """How many students whose server ran lost the points of each clause (class summary)."""
        return {cid: sum(1 for s in self.ran()
                         if (c := s.clause(cid)) is not None and c.points < c.max_points)
                for cid in self.clause_ids}

    def ran(self) -> List[Submission]:
        """The submissions whose server ran: a class summary counts these only, since a server
        that never started lost every clause for one reason, told apart."""
        return [s for s in self.submissions if s.ran]


# The part of a step a column group grades: its server, and its client where one is graded.
PART_SERVER = "server"
PART_CLIENT = "client"
PARTS = (PART_SERVER, PART_CLIENT)


@dataclass
class StudentLab:
    """One student over every step graded in one run: a Submission per (step, part)."""

    student: str
    layout: str
    parts: Dict[Tuple[int, str], Submission] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(s.score for s in self.parts.values())

    @property
    def max_score(self) -> float:
        return sum(s.max_score for s in self.parts.values())

    @property
    def notes(self) -> List[str]:
        """What the teacher should read besides the points: missing servers and near misses,
        servers doing another step's job."""
        out: List[str] = []
        absent: Dict[str, List[str]] = {PART_SERVER: [], PART_CLIENT: []}
        for (step, part), sub in sorted(self.parts.items(), key=lambda kv: (
                kv[0][0], PARTS.index(kv[0][1]) if kv[0][1] in PARTS else len(PARTS))):
            missing = sub.status in (NO_SERVER, NO_CLIENT)
            if missing and " instead" not in sub.reason:
                # nothing near: said once for all such steps; a client not asked for (it
                # counts for nothing, NO_CLIENT out of 0) is not worth a note
                if sub.counts:
                    absent[part].append(f"{step}")
                continue
            why = sub.reason if missing else sub.off_step
            if why:
                out.append(f"step {step} {part}: {why}")
        for at, part in enumerate(p for p in PARTS if absent[p]):
            steps = absent[part]
            out.insert(at, f"no {part} found for step{'s' if len(steps) > 1 else ''} "
                           f"{', '.join(steps)} (layout {self.layout})")
        return out


@dataclass
class LabResult:
    """A class graded on several steps: one row per student, a column group per (step, part)."""

    groups: List[Tuple[int, str]]  # by step, the server before the client
    students: List[StudentLab]
    classes: Dict[Tuple[int, str], ClassResult]  # the per-step results, for their clause columns
