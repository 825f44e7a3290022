"""The spec's clauses, read from spec/protocol.md so failure messages quote the real text.

A clause is a paragraph that starts with ``**ID** [LEVEL]``; its text runs to the next blank line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "protocol.md"

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


@lru_cache(maxsize=1)
def spec_clauses() -> Dict[str, Clause]:
    """The clauses of the shipped spec (parsed once)."""
    return parse_clauses(SPEC_PATH.read_text(encoding="utf-8"))


def clause(clause_id: str) -> Clause:
    """The clause with that identifier; KeyError names it if the spec has no such clause."""
    try:
        return spec_clauses()[clause_id]
    except KeyError:
        raise KeyError(f"clause {clause_id} is not in {SPEC_PATH}") from None
