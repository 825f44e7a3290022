"""Progress on the terminal: a bar redrawn in place on a tty, one plain line per event otherwise
(CI logs and redirected output must stay readable)."""
from __future__ import annotations

import threading
from typing import TextIO

from .clipping import printable
from .hygiene import short_name


class Progress:
    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.tty = stream.isatty()
        self._lock = threading.Lock()

    def _bar(self, text: str) -> None:
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {self.done}/{self.total} {text}")

    def started(self, student: str) -> None:
        """A submission's run begins: on a tty the bar says who is being graded."""
        if self.tty:
            with self._lock:
                self._bar(f"grading {printable(short_name(student))}...")
                self.stream.flush()

    def finished(self, student: str, note: str) -> None:
        """One submission done (graded, reused or failed); `note` is its score or reason."""
        student, note = printable(short_name(student)), printable(note)
        with self._lock:
            self.done += 1
            if self.tty:
                self._bar(f"{student}: {note}")
                if self.done == self.total:
                    self.stream.write("\n")
            else:
                self.stream.write(f"[{self.done}/{self.total}] {student}: {note}\n")
            self.stream.flush()

    def message(self, text: str) -> None:
        with self._lock:
            self.stream.write(("\r\x1b[K" if self.tty else "") + text + "\n")
            self.stream.flush()
