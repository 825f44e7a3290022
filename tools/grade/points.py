"""How many points each clause is worth: defaults per level, overridden by a TOML file.

Points file format (every table optional):

    [levels]            # default weight of a clause by its level
    MUST = 2
    SHOULD = 1
    MAY = 0

    [clauses]           # a clause ID or a group with a trailing `*`; the most specific key wins
    "CALC-*" = 3
    "CALC-4" = 5

A key that names no clause of the spec is an error naming the file and the key: a typo must not
silently grade a clause at the default weight.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

DEFAULT_LEVEL_POINTS = {"MUST": 2.0, "SHOULD": 1.0, "MAY": 0.0}


class PointsError(ValueError):
    """A points file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class PointsScheme:
    levels: Dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LEVEL_POINTS))
    clauses: Dict[str, float] = field(default_factory=dict)

    def points_for(self, clause_id: str, level: str) -> float:
        if clause_id in self.clauses:
            return self.clauses[clause_id]
        groups = [k for k in self.clauses if k.endswith("*") and fnmatch.fnmatchcase(clause_id, k)]
        if groups:
            return self.clauses[max(groups, key=len)]
        return self.levels.get(level.upper(), 0.0)

    def digest(self) -> str:
        """Changes whenever a grade could change, for skipping unchanged submissions."""
        text = json.dumps({"levels": self.levels, "clauses": self.clauses}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _number(path: Path, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise PointsError(f"{path}: key {key!r} must be a number >= 0, got {value!r}")
    return float(value)


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
    unknown_tables = set(data) - {"levels", "clauses"}
    if unknown_tables:
        raise PointsError(f"{path}: unknown table(s) {sorted(unknown_tables)}; "
                          "expected [levels] and/or [clauses]")
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
    return PointsScheme(levels=levels, clauses=clauses)
