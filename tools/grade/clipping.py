"""Bounding text that comes from a submission before it lands in a report.

A hostile or broken server can print megabytes; every writer shows at most a head and a tail.
"""
from __future__ import annotations

DEFAULT_LIMIT = 8000


def clip(text: str, limit: int = DEFAULT_LIMIT) -> str:
    """`text` if short, else its start and end around a note saying how much was cut."""
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]}\n[... {len(text) - 2 * half} characters cut ...]\n{text[-half:]}"


def printable(text: str) -> str:
    """`text` safe for a terminal: control characters (ANSI escapes a hostile server prints, or a
    folder name holds) shown as `?` so they cannot move the cursor or recolour the screen."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)
