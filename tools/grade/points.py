"""How many points each clause is worth, and what counts towards the total: the grading policy.

The defaults follow the lab's handout, so that a teacher can publish them as they are:
- a MUST clause is worth 2 points; SHOULD and MAY clauses are advice, worth 0 (the handout asks
  for none of them), unless the points file gives them points;
- **bonus** work adds its points to the score and nothing to the maximum: steps 7 and 8 (the
  handout's "(Bonus)" steps) when they are graded beside other steps, step 5's error detection
  (CALC-2, CALC-3: "Bonus : détection d'erreur de calcul ou de syntaxe"), and a client under
  `--clients auto` (handing one in can only raise a grade);
- the total is the same for every student: a clause that does not apply counts as held
  (scoring.py), a missing server scores 0 of its step's table, a missing client counts only when
  required.

Points file format (every table optional):

    [levels]            # default weight of a clause by its level
    MUST = 2
    SHOULD = 1

    [clauses]           # a clause ID or a group with a trailing `*`; the most specific key wins
    "CALC-*" = 3
    "CALC-4" = 5

    [steps.1]           # a step's server (client_points: its client) is worth this much in all:
    points = 10         # its table's clauses are scaled to it
    [steps.7]
    bonus = false       # step 7 counts in the total

    [bonus]
    clauses = ["CALC-2", "CALC-3"]   # the bonus clauses (this list replaces the default one)

A key that names no clause of the spec is an error naming the file and the key: a typo must not
silently grade a clause at the default weight.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Optional, Tuple

from conformance.core.messages import ENGLISH, translate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

DEFAULT_LEVEL_POINTS = {"MUST": 2.0, "SHOULD": 0.0, "MAY": 0.0}
HANDOUT_BONUS_STEPS = (7, 8)
HANDOUT_BONUS_CLAUSES = ("CALC-2", "CALC-3")
_STEP_KEYS = {"points", "client_points", "bonus"}


class PointsError(ValueError):
    """A points file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class PointsScheme:
    levels: Dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LEVEL_POINTS))
    clauses: Dict[str, float] = field(default_factory=dict)
    bonus_steps: Tuple[int, ...] = HANDOUT_BONUS_STEPS
    bonus_clauses: Tuple[str, ...] = HANDOUT_BONUS_CLAUSES
    # "N" (step N's server) or "N client": what the part is worth in all (its clauses scaled)
    step_points: Dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:  # from JSON settings (platforms): lists back to tuples
        object.__setattr__(self, "bonus_steps", tuple(int(s) for s in self.bonus_steps))
        object.__setattr__(self, "bonus_clauses", tuple(self.bonus_clauses))

    def points_for(self, clause_id: str, level: str) -> float:
        """A clause's points before any step scaling."""
        if clause_id in self.clauses:
            return self.clauses[clause_id]
        groups = [k for k in self.clauses if k.endswith("*") and fnmatch.fnmatchcase(clause_id, k)]
        if groups:
            return self.clauses[max(groups, key=len)]
        return self.levels.get(level.upper(), 0.0)

    def is_bonus_clause(self, clause_id: str) -> bool:
        return clause_id in self.bonus_clauses

    def step_scale(self, step: int, role: str, table: Iterable[Tuple[str, str]]) -> float:
        """The factor on a part's clause points so that its step table (the (ID, level) pairs
        the spec lists for it), bonus clauses apart, sums to the points file's `points`."""
        key = str(step) if role == "server" else f"{step} {role}"
        if key not in self.step_points:
            return 1.0
        base = sum(self.points_for(cid, level) for cid, level in table
                   if not self.is_bonus_clause(cid))
        return self.step_points[key] / base if base else 1.0

    def settings(self) -> Dict[str, Any]:
        """JSON-ready, for a platform package's settings: PointsScheme(**settings()) is this."""
        data = asdict(self)
        data["bonus_steps"] = list(self.bonus_steps)
        data["bonus_clauses"] = list(self.bonus_clauses)
        return data

    def digest(self) -> str:
        """Changes whenever a grade could change, for skipping unchanged submissions."""
        text = json.dumps(self.settings(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def describe(self, lang: str = ENGLISH) -> str:
        """The policy in one line, for the report and the feedback."""
        levels = ", ".join(f"{lvl} {self.levels.get(lvl, 0):g}" for lvl in DEFAULT_LEVEL_POINTS)
        bonus = [translate(lang, "steps {steps} when graded beside other steps").format(
            steps=", ".join(str(s) for s in self.bonus_steps))] if self.bonus_steps else []
        bonus += list(self.bonus_clauses)
        weights = "; ".join(
            translate(lang, "step {part} worth {points}").format(part=k, points=f"{v:g}")
            for k, v in sorted(self.step_points.items()))
        text = translate(lang, "Points: {levels} (a clause at 0 is advice); a clause that does "
                               "not apply counts as held; bonus, added to the score and not to "
                               "the maximum: {bonus}, and a client when clients are not "
                               "required").format(levels=levels,
                                                  bonus=", ".join(bonus) or "-")
        return text + (f"; {weights}." if weights else ".")


def _number(path: Path, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise PointsError(f"{path}: key {key!r} must be a number >= 0, got {value!r}")
    return float(value)


def _steps(path: Path, table: object, bonus_steps: set) -> Dict[str, float]:
    """[steps.N] tables: `points`, `client_points`, `bonus` (updates `bonus_steps`)."""
    weights: Dict[str, float] = {}
    if not isinstance(table, dict):
        raise PointsError(f"{path}: [steps] must hold tables like [steps.8]")
    for key, entry in table.items():
        if not str(key).isdigit() or not 1 <= int(key) <= 8 or not isinstance(entry, dict):
            raise PointsError(f"{path}: [steps.{key}]: steps go from 1 to 8, each a table")
        unknown = set(entry) - _STEP_KEYS
        if unknown:
            raise PointsError(f"{path}: unknown key(s) {sorted(unknown)} in [steps.{key}] "
                              f"(expected {sorted(_STEP_KEYS)})")
        step = int(key)
        if "bonus" in entry:
            if not isinstance(entry["bonus"], bool):
                raise PointsError(f"{path}: key 'steps.{key}.bonus' must be true or false")
            (bonus_steps.add if entry["bonus"] else bonus_steps.discard)(step)
        if "points" in entry:
            weights[str(step)] = _number(path, f"steps.{key}.points", entry["points"])
        if "client_points" in entry:
            weights[f"{step} client"] = _number(path, f"steps.{key}.client_points",
                                                entry["client_points"])
    return weights


def load_points(path: Optional[Path], known_clauses: Dict[str, object]) -> PointsScheme:
    """Read a points file (None: the defaults) and check every key against the spec's clauses."""
    if path is None:
        return PointsScheme()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise PointsError(f"{path}: cannot read points file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PointsError(f"{path}: not valid TOML ({exc})") from exc
    unknown_tables = set(data) - {"levels", "clauses", "steps", "bonus"}
    if unknown_tables:
        raise PointsError(f"{path}: unknown table(s) {sorted(unknown_tables)}; "
                          "expected [levels], [clauses], [steps.N] and/or [bonus]")
    levels = dict(DEFAULT_LEVEL_POINTS)
    for key, value in data.get("levels", {}).items():
        if key.upper() not in DEFAULT_LEVEL_POINTS:
            raise PointsError(f"{path}: unknown level {key!r} in [levels] "
                              "(expected MUST, SHOULD or MAY)")
        levels[key.upper()] = _number(path, f"levels.{key}", value)
    clauses: Dict[str, float] = {}
    for key, value in data.get("clauses", {}).items():
        if key.endswith("*"):
            if not any(fnmatch.fnmatchcase(cid, key) for cid in known_clauses):
                raise PointsError(f"{path}: group {key!r} in [clauses] matches no clause "
                                  "of spec/protocol.md")
        elif key not in known_clauses:
            raise PointsError(f"{path}: unknown clause ID {key!r} in [clauses] "
                              "(not in spec/protocol.md)")
        clauses[key] = _number(path, f"clauses.{key}", value)
    bonus_steps = set(HANDOUT_BONUS_STEPS)
    weights = _steps(path, data.get("steps", {}), bonus_steps)
    bonus = data.get("bonus", {})
    if set(bonus) - {"clauses"}:
        raise PointsError(f"{path}: unknown key(s) {sorted(set(bonus) - {'clauses'})} in "
                          "[bonus] (expected clauses)")
    bonus_clauses = bonus.get("clauses", list(HANDOUT_BONUS_CLAUSES))
    if not isinstance(bonus_clauses, list):
        raise PointsError(f"{path}: [bonus] clauses must be a list of clause IDs")
    for cid in bonus_clauses:
        if cid not in known_clauses:
            raise PointsError(f"{path}: unknown clause ID {cid!r} in [bonus] clauses "
                              "(not in spec/protocol.md)")
    return PointsScheme(levels=levels, clauses=clauses, bonus_steps=tuple(sorted(bonus_steps)),
                        bonus_clauses=tuple(bonus_clauses), step_points=weights)
