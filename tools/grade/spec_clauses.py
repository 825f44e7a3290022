"""The clause texts of spec/protocol.md, so feedback and reports quote the real words.

Clauses are paragraphs `**ID** [LEVEL] text` (ARCHITECTURE.md), parsed by `conformance.core.clauses`.
The grader needs their text, level and order (CSV columns follow the spec), the set of known IDs
(to reject typos in a points file), and which clauses apply to a step (to score a server that
never started out of the same total as the others).
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from conformance.core.clauses import Clause, spec_clauses, step_clause_ids

REPO_ROOT = Path(__file__).resolve().parents[2]


def load_clauses(lang: str = "en") -> Dict[str, Clause]:
    """Clauses in the order of the spec, keyed by ID (the suite's own parse of the spec), their
    text in ``lang`` (spec/protocole.md for French)."""
    return dict(spec_clauses(lang))


def spec_order(clause_ids: List[str], known: Dict[str, Clause]) -> List[str]:
    """Sort clause IDs as they appear in the spec; unknown ones last, alphabetically."""
    position = {cid: i for i, cid in enumerate(known)}
    return sorted(set(clause_ids), key=lambda cid: (position.get(cid, len(position)), cid))


def clauses_for_step(step: int, known: Dict[str, Clause], path: Optional[Path] = None,
                     role: str = "server") -> List[str]:
    """The clauses the spec's table "Which clauses apply to which step" lists for `step` (for a
    client, section 9's "Which client clauses apply to which step"), in the spec's order.

    Needed to grade a program that never started: its results list no check, yet it must score
    zero out of the same total as everyone else.
    """
    return spec_order([cid for cid in step_clause_ids(step, path, role=role) if cid in known],
                      known)
