"""The spec's clauses, read from spec/protocol.md so failure messages quote the real text.

A clause is a paragraph that starts with ``**ID** [LEVEL]``; its text runs to the next blank line.
Each language has its spec (``SPEC_FILES``: spec/protocole.md in French) with the same IDs and
levels; a clause not translated yet is quoted from the English spec.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional

from conformance.core.messages import ENGLISH


def _spec_dir() -> Path:
    """spec/ of a checkout (and of an editable install), else the copy a wheel ships inside the
    package (setup.py copies it there at build time)."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "spec"
    return checkout if (checkout / "protocol.md").is_file() else package / "spec"


SPEC_DIR = _spec_dir()
SPEC_FILES = {ENGLISH: "protocol.md", "fr": "protocole.md"}
SPEC_PATH = SPEC_DIR / SPEC_FILES[ENGLISH]


def spec_path(lang: str = ENGLISH) -> Path:
    """The spec in ``lang`` (the English one for a language without its own)."""
    return SPEC_DIR / SPEC_FILES.get(lang, SPEC_FILES[ENGLISH])

_CLAUSE_START = re.compile(r"^\*\*(?P<id>[A-Z]+-\d+)\*\*\s*\[(?P<level>[A-Z ]+)\]\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class Clause:
    """One clause of the spec: its identifier, level (MUST, SHOULD, MAY) and text."""

    id: str
    level: str
    text: str


def parse_clauses(markdown: str) -> Dict[str, Clause]:
    """Return the clauses of a spec text, by identifier, in document order."""
    clauses: Dict[str, Clause] = {}
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        match = _CLAUSE_START.match(lines[i].strip())
        if not match:
            i += 1
            continue
        parts = [match.group("rest").strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not _CLAUSE_START.match(lines[i].strip()):
            parts.append(lines[i].strip())
            i += 1
        clause = Clause(match.group("id"), match.group("level").strip(), " ".join(p for p in parts if p))
        clauses[clause.id] = clause
    return clauses


@lru_cache(maxsize=None)
def spec_clauses(lang: str = ENGLISH) -> Dict[str, Clause]:
    """The clauses of the shipped spec in ``lang`` (parsed once), in the English spec's order;
    a clause the translation lacks yet is the English one."""
    english = parse_clauses(SPEC_PATH.read_text(encoding="utf-8"))
    if spec_path(lang) == SPEC_PATH:
        return english
    translated = parse_clauses(spec_path(lang).read_text(encoding="utf-8"))
    return {clause_id: translated.get(clause_id, original) for clause_id, original in english.items()}


def clause(clause_id: str, lang: str = ENGLISH) -> Clause:
    """The clause with that identifier; KeyError names it if the spec has no such clause."""
    try:
        return spec_clauses(lang)[clause_id]
    except KeyError:
        raise KeyError(f"clause {clause_id} is not in {SPEC_PATH}") from None


_STEP_ROW = re.compile(r"^\|\s*(\d+)\s*\|(.+)\|\s*$")
_RANGE = re.compile(r"^([A-Z][A-Z0-9]*)-(\d+) to \1-(\d+)$")


ROLE_TABLES = {"server": "which clauses apply", "client": "which client clauses apply"}


def step_clause_ids(step: int, path: Optional[Path] = None, role: str = "server") -> List[str]:
    """The clause IDs the English spec's step table lists for ``step`` ("as step 3, and PAR-1",
    "CMD-1 to CMD-8" expanded), in the table's order: the servers' table "Which clauses apply to
    which step" (section 8), or with ``role="client"`` the clients' "Which client clauses apply to
    which step" (section 9)."""
    path = SPEC_PATH if path is None else path
    title = ROLE_TABLES[role]
    text = path.read_text(encoding="utf-8")
    known = parse_clauses(text)
    rows: Dict[int, str] = {}
    in_table = False
    for line in text.splitlines():
        if line.startswith("#"):
            in_table = title in line.lower()
        match = _STEP_ROW.match(line) if in_table else None
        if match:
            rows[int(match.group(1))] = match.group(2)

    def expand(n: int, seen: FrozenSet[int]) -> List[str]:
        out: List[str] = []
        for item in rows.get(n, "").split(","):
            item = item.strip()
            item = item[4:] if item.startswith("and ") else item
            if item.startswith("as step "):
                ref = int(item.split()[2])
                if ref not in seen:
                    out += expand(ref, seen | {ref})
                continue
            rng = _RANGE.match(item)
            if rng:
                prefix, lo, hi = rng.group(1), int(rng.group(2)), int(rng.group(3))
                out += [f"{prefix}-{i}" for i in range(lo, hi + 1) if f"{prefix}-{i}" in known]
            elif item in known:
                out.append(item)
        return out

    return list(dict.fromkeys(expand(step, frozenset({step}))))
