"""Step 8: the message list shared by every client, guarded by a lock.

Every client is served by its own thread, and they all use the same ``MessageStore``. Reading
the list's length and appending must happen as one step, or two threads storing at the same
time could both be told the same position: the lock makes each method one indivisible step.
The lock is created once, with the list, not in each thread (a lock nobody else shares guards
nothing).
"""
from __future__ import annotations

import threading
from typing import List, Optional


class MessageStore:
    """A list of texts; positions start at 1, as the clients see them."""

    def __init__(self) -> None:
        self._messages: List[str] = []
        self._lock = threading.Lock()

    def store(self, text: str) -> int:
        """Append ``text`` and return its position."""
        with self._lock:
            self._messages.append(text)
            return len(self._messages)

    def count(self) -> int:
        with self._lock:
            return len(self._messages)

    def get(self, position: int) -> Optional[str]:
        """The text at ``position`` (1-based), or None when there is no such entry."""
        with self._lock:
            if 1 <= position <= len(self._messages):
                return self._messages[position - 1]
            return None

    def find(self, text: str) -> List[int]:
        """The positions of the entries equal to ``text``, in increasing order."""
        with self._lock:
            return [position for position, stored in enumerate(self._messages, start=1) if stored == text]
