"""The clause texts of spec/protocol.md, so feedback and reports quote the real words.

Clauses are paragraphs `**ID** [LEVEL] text` (ARCHITECTURE.md), parsed by `conformance.clauses`.
The grader needs their text, level and order (CSV columns follow the spec), the set of known IDs
(to reject typos in a points file), and which clauses apply to a step (to score a server that
never started out of the same total as the others).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

from conformance.clauses import Clause, spec_clauses

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "protocol.md"


def load_clauses() -> Dict[str, Clause]:
    """Clauses in the order of the spec, keyed by ID (the suite's own parse of the spec)."""
    return dict(spec_clauses())


def spec_order(clause_ids: List[str], known: Dict[str, Clause]) -> List[str]:
    """Sort clause IDs as they appear in the spec; unknown ones last, alphabetically."""
    position = {cid: i for i, cid in enumerate(known)}
    return sorted(set(clause_ids), key=lambda cid: (position.get(cid, len(position)), cid))


_STEP_ROW = re.compile(r"^\|\s*(\d+)\s*\|(.+)\|\s*$")
_RANGE = re.compile(r"^([A-Z][A-Z0-9]*)-(\d+) to \1-(\d+)$")


def clauses_for_step(step: int, known: Dict[str, Clause], path: Path = SPEC_PATH) -> List[str]:
    """The clauses the spec's table "Which clauses apply to which step" lists for `step`.

    Needed to grade a server that never started: its results list no check, yet it must score
    zero out of the same total as everyone else.
    """
    rows: Dict[int, str] = {}
    in_table = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_table = "which clauses apply" in line.lower()
        match = _STEP_ROW.match(line) if in_table else None
        if match:
            rows[int(match.group(1))] = match.group(2)

    def expand(n: int, seen: frozenset) -> List[str]:
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

    return spec_order(expand(step, frozenset({step})), known)
