"""What a dialogue answers to one message.

Kept apart from the dialogues themselves so that every step (and ``commands``) speaks the same
small vocabulary: a text to send (or nothing), and whether the session or the server ends.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Reply:
    """The server's answer to one client message.

    ``text`` is None when the server says nothing (``fin``); ``close`` ends this session;
    ``stop_server`` is a non-empty reason when the whole server must stop (step 4's operator left).
    """

    text: Optional[str] = None
    close: bool = False
    stop_server: str = ""


def error(reason: str) -> Reply:
    """An error reply: the spec says it starts with the word ``Erreur`` (section 4)."""
    return Reply(f"Erreur : {reason}")
