"""How long to wait for the rest of a reply the suite cannot recognise as complete, learnt from the
server's own timing (sans I/O: ``conformance.server_under_test.connection`` reports what it sees, this decides).

Raw framing has no delimiter, so a reply the check cannot recognise as complete (an error reply,
an acknowledgement, any free text) ends when nothing more arrives for a *quiet gap*. One fixed gap
is either waited after every such reply (most of the suite's time against a correct server) or too
short for a server that pauses inside its replies. So:

- a reply the check *can* recognise (its exact text, a number, a line's ``\\n``) is waited for until
  it is complete, up to the reply timeout, however the server splits it (``Expect.partial``);
- every pause seen between two pieces of one reply is remembered, and the gap becomes
  ``floor + PAUSE_FACTOR x longest pause``: a server seen pausing 0.3 s inside a reply gets 0.5 s;
- the gap is never below ``floor`` (``--quiet-gap``), nor below ``LATENCY_FACTOR`` x the server's
  first reply latency (which grows on a loaded machine), nor above the reply timeout.

The first exchanges (framing detection, the first message of a scenario) use recognisable replies,
so what they teach holds for the whole run: it travels in ``Profile`` and in the cached framing.
So does a server's habit of keeping the connection open after ``fin`` or ``/bye``: once a session
end has waited the reply timeout for it (and the clause that checks the close has its evidence),
later session ends do not wait for it again.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict

PAUSE_FACTOR = 1.5      # the gap covers the longest pause seen inside one reply, and half as much again
LATENCY_FACTOR = 2.0    # and twice the first reply's latency (a loaded machine answers later)


@dataclass
class Pacing:
    """What one connection knows of the server's timing, and the quiet gap that follows from it."""

    floor: float                    # --quiet-gap: the shortest gap ever used
    cap: float                      # the reply timeout: the longest
    pause: float = 0.0              # longest pause seen between two pieces of one reply
    latency: float = 0.0            # the server's first reply latency (from the first exchange)
    bare_lines: bool = False        # line framing: a reply was seen to end without its "\n"
    keeps_open: bool = False        # the server did not close within the reply timeout after fin, /bye

    @property
    def gap(self) -> float:
        """Seconds without bytes after which a reply of unknown length is complete."""
        return min(self.cap, max(self.floor, self.floor + PAUSE_FACTOR * self.pause,
                                 LATENCY_FACTOR * self.latency))

    def saw_pause(self, seconds: float) -> None:
        self.pause = max(self.pause, seconds)

    def lessons(self) -> Dict[str, Any]:
        """What the next connections to the same server start from (JSON-able)."""
        return {"pause": round(self.pause, 4), "latency": round(self.latency, 4), "bare_lines": self.bare_lines,
                "keeps_open": self.keeps_open}

    def learn(self, lessons: Dict[str, Any]) -> "Pacing":
        """Start from what earlier connections learnt (``lessons()``)."""
        self.pause = max(self.pause, float(lessons.get("pause", 0.0)))
        self.latency = max(self.latency, float(lessons.get("latency", 0.0)))
        self.bare_lines = self.bare_lines or bool(lessons.get("bare_lines", False))
        self.keeps_open = self.keeps_open or bool(lessons.get("keeps_open", False))
        return self
