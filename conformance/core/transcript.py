"""What happened on one connection, with times, for failure messages.

Every message sent and received, connect/EOF/reset events; texts shown with ``repr`` (hex where
the bytes are not UTF-8), so an invisible trailing space or ``\\r`` is visible.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import List, Optional

from conformance.core.messages import ENGLISH, translate_text
from conformance.core.wire import show_bytes

SENT = "C>"
RECEIVED = "S>"
EVENT = "--"


@dataclass(frozen=True)
class Entry:
    offset: float      # seconds since the transcript started
    direction: str     # SENT, RECEIVED or EVENT
    text: str


class Transcript:
    """An append-only, thread-safe log of one connection."""

    def __init__(self, label: str, clock=time.monotonic) -> None:
        self.label = label
        self._clock = clock
        self._start = clock()
        self._entries: List[Entry] = []
        self._lock = threading.Lock()

    def _add(self, direction: str, text: str, at: Optional[float] = None) -> None:
        with self._lock:
            self._entries.append(Entry((self._clock() if at is None else at) - self._start, direction, text))

    def sent(self, data: bytes, note: str = "") -> None:
        self._add(SENT, show_bytes(data) + (f"  ({note})" if note else ""))

    def received(self, data: bytes, note: str = "", at: Optional[float] = None) -> None:
        """A reply, logged once whole; ``at`` (the clock's value when its first byte came) keeps it
        before what happened while it was being read (an EOF, a timeout line)."""
        self._add(RECEIVED, show_bytes(data) + (f"  ({note})" if note else ""), at)

    def event(self, text: str) -> None:
        self._add(EVENT, text)

    @property
    def entries(self) -> List[Entry]:
        """In time order (a reply is logged when whole, stamped when it began)."""
        with self._lock:
            return sorted(self._entries, key=lambda entry: entry.offset)

    def render(self, limit: Optional[int] = 60) -> str:
        """The transcript as text: one line per entry, ``+0.012s C> 'Bonjour'``."""
        entries = self.entries
        skipped = 0
        if limit is not None and len(entries) > limit:
            skipped = len(entries) - limit
            entries = entries[:limit // 2] + entries[-(limit - limit // 2):]
        lines = [f"transcript {self.label}:"]
        for index, entry in enumerate(entries):
            if skipped and index == (limit or 0) // 2:
                lines.append(f"    ... {skipped} entries left out ...")
            text = entry.text if len(entry.text) <= 300 else entry.text[:300] + f"... ({len(entry.text)} chars)"
            lines.append(f"  +{entry.offset:7.3f}s {entry.direction} {text}")
        return "\n".join(lines)


_ENTRY = re.compile(r"(?P<head>  \+ *[0-9.]+s) (?P<direction>C>|S>|--) (?P<text>.*)")
_NOTE = re.compile(r"(?P<data>.*?)(?P<cut>\.\.\. \([0-9]+ chars\))?(?:  \((?P<note>[^()]*)\))?")
_OUTPUT = re.compile(r"(?P<header>(?:server|client) (?:stdout|stderr):)(?P<empty> \(empty\))?")
# The headers of a program's output (core.processes.output_sections), as msgids.
OUTPUT_HEADERS = ("server stdout:", "server stderr:", "client stdout:", "client stderr:")
EMPTY = "(empty)"


def translate_rendered(text: str, lang: str) -> str:
    """A rendered transcript (or server output section) in ``lang``: its labels, events and notes
    translated, the bytes sent and received as they are (they are what the student's code did)."""
    if lang == ENGLISH:
        return text
    lines = []
    for line in text.split("\n"):
        entry = _ENTRY.fullmatch(line)
        output = _OUTPUT.fullmatch(line)
        if entry is not None:
            body = entry.group("text")
            if entry.group("direction") == EVENT:
                body = translate_text(lang, body)
            else:
                parts = _NOTE.fullmatch(body)
                if parts is not None:
                    data = parts.group("data")
                    if data.startswith("invalid UTF-8 "):
                        data = translate_text(lang, data)
                    if parts.group("cut"):
                        data += translate_text(lang, parts.group("cut"))
                    note = parts.group("note")
                    if note:      # "line terminator, eof": each part its own text
                        note = ", ".join(translate_text(lang, part) for part in note.split(", "))
                    body = data + (f"  ({note})" if note else "")
            line = f"{entry.group('head')} {entry.group('direction')} {body}"
        elif output is not None:
            line = translate_text(lang, output.group("header")) + (
                " " + translate_text(lang, EMPTY) if output.group("empty") else "")
        elif line.startswith(("transcript ", "    ... ")):
            line = translate_text(lang, line)
        lines.append(line)
    return "\n".join(lines)


def render_all(transcripts: List[Transcript]) -> str:
    return "\n".join(t.render() for t in transcripts)
