"""spec/protocole.md is spec/protocol.md in French: the same clauses (IDs, order, levels), the same
transcripts (what the client sends and the server answers) and the same step tables (the servers'
in section 8, the clients' in section 9). A clause added to one spec and not the other fails here,
naming it."""
from __future__ import annotations

import re
from pathlib import Path
from typing import List

from conformance.core.clauses import SPEC_PATH, parse_clauses, spec_path

FRENCH_PATH = spec_path("fr")
CLAUSE_ID = re.compile(r"\b[A-Z]+-\d+\b")
# In a transcript line: what follows C> or S>, up to the ⏎ or a gap of 2+ spaces (a comment column).
TURN = re.compile(r"([CS])> (.*?)(?=\s*⏎|\s{2,}|$)")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def transcripts(markdown: str) -> List[List[str]]:
    """The C>/S> turns of each fenced block that has any, in order."""
    blocks = re.findall(r"^```\n(.*?)^```", markdown, flags=re.M | re.S)
    found = [[f"{side}> {said}" for line in block.splitlines() for side, said in TURN.findall(line)]
             for block in blocks]
    return [turns for turns in found if turns]


def step_tables(markdown: str) -> List[List[List[str]]]:
    """The step tables in document order (which clauses apply to which step: servers, then
    clients), each as the clause IDs of its rows."""
    tables: List[List[List[str]]] = []
    in_rows = False
    for line in markdown.splitlines():
        is_row = re.match(r"^\|\s*\d+\s*\|", line) is not None
        if is_row and not in_rows:
            tables.append([])
        if is_row:
            tables[-1].append(CLAUSE_ID.findall(line))
        in_rows = is_row
    return tables


def test_same_clauses_in_the_same_order_with_the_same_levels():
    english = [(c.id, c.level) for c in parse_clauses(_text(SPEC_PATH)).values()]
    french = [(c.id, c.level) for c in parse_clauses(_text(FRENCH_PATH)).values()]
    missing = [cid for cid, _ in english if cid not in dict(french)]
    extra = [cid for cid, _ in french if cid not in dict(english)]
    assert not missing and not extra, f"only in protocol.md: {missing}; only in protocole.md: {extra}"
    assert french == english


def test_same_transcripts():
    english, french = transcripts(_text(SPEC_PATH)), transcripts(_text(FRENCH_PATH))
    assert len(english) >= 7
    assert french == english


def test_same_step_tables():
    english, french = step_tables(_text(SPEC_PATH)), step_tables(_text(FRENCH_PATH))
    assert [len(table) for table in english] == [8, 8]      # servers (section 8), clients (section 9)
    assert french == english


def test_the_comparison_sees_a_difference():
    """The checks above can fail: a changed level, a lost clause and a changed command are seen."""
    text = _text(FRENCH_PATH)
    assert [c.level for c in parse_clauses(text.replace("**CMD-5** [MUST]", "**CMD-5** [SHOULD]")).values()] \
        != [c.level for c in parse_clauses(text).values()]
    assert "CMD-9" not in parse_clauses(text.replace("**CMD-9** [MAY]", "CMD-9 [MAY]"))
    assert transcripts(text.replace("C> /me applaudit", "C> /me danse")) != transcripts(text)
    assert step_tables(text.replace("| 4 | comme l'étape 2, et CLIENT-8 |", "| 4 | comme l'étape 2 |")) \
        != step_tables(text)
