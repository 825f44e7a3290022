"""What the suite types to a client under test and what it answers as its server, per step (sans I/O).

A client of steps 2, 3, 5, 7 and 8 sends each typed line and prints the reply until ``fin``; step 4
is the same, its replies typed by the server's operator (the suite), who may answer ``fin``; step 6
first sends a pseudo, then commands until ``/bye``; step 1 sends its greeting unprompted. The
suite's replies are chosen so that a client's prompt or echo can never be mistaken for them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

END = "fin"
BYE = "/bye"
PSEUDO = "Ginette"
NEXT_LINE = "encore un message"          # typed after the server closed (CLIENT-5)
# CLIENT-2's reply: accents, an emoji, and short: 59 bytes, so that with its "\n" it fits in the
# smallest buffer a student gives recv() (64 bytes; a buffer too small for a long reply is CLIENT-3's)
ACCENTED_REPLY = "Réponse du serveur : ça marche, avec des accents 🦆 €"
SMALL_RECV = 64
SECOND_REPLY = "Deuxième réponse : très bien, à bientôt 🦆"
PLAIN_REPLY = "ok"                       # CLIENT-1: a reply no client can choke on
ASCII_REPLY = "Bien recu, merci (reponse du serveur)"   # printed even by a client that mangles accents
MAX_MESSAGE_BYTES = 1024                 # SIZE-1


@dataclass(frozen=True)
class Script:
    """The lines of one step's client session."""

    step: int
    opening: Tuple[Tuple[str, str], ...]    # (typed, the server's reply) before the exchanges (step 6's pseudo)
    lines: Tuple[str, ...]                  # ordinary lines (CLIENT-1's text variety)
    end_word: str                           # what ends the session: fin, or /bye at step 6
    end_reply: Optional[str]                # the server's last message after end_word (step 6), else None

    @property
    def first_line(self) -> str:
        """The first line the user types (the pseudo at step 6)."""
        return self.opening[0][0] if self.opening else self.lines[0]

    def exchange_line(self, index: int = 0) -> str:
        """An ordinary line to type once the session is open."""
        return self.lines[index % len(self.lines)]


def script(step: int) -> Script:
    if step == 6:
        return Script(step, ((PSEUDO, f"Bienvenue {PSEUDO} !"),),
                      ("/all Ça marche, même avec des accents 🦆", "/me  applaudit  des deux mains ",
                       "/help", "/all MAJUSCULES et minuscules"),
                      BYE, f"À bientôt {PSEUDO} !")
    if step == 5:
        return Script(step, (), ("3*5+1", " 7 / 2 ", "1/0", "2**10"), END, None)
    return Script(step, (), ("Bonjour", "Ça marche, même avec des accents 🦆 €", "  des espaces autour  ",
                             "MAJUSCULES et minuscules"), END, None)


def long_reply() -> str:
    """A reply of exactly MAX_MESSAGE_BYTES bytes of mostly multi-byte characters (CLIENT-3, raw)."""
    unit = "é🦆à€ç"
    text = ""
    while len((text + unit).encode("utf-8")) <= MAX_MESSAGE_BYTES:
        text += unit
    return text + "x" * (MAX_MESSAGE_BYTES - len(text.encode("utf-8")))


def split_inside_a_character(text: str) -> Tuple[bytes, bytes]:
    """The UTF-8 bytes of ``text`` in two pieces, cut inside a multi-byte character near the middle
    (CLIENT-3, line framing: decoding each piece on its own fails)."""
    data = text.encode("utf-8")
    middle = len(data) // 2
    for cut in list(range(middle, len(data))) + list(range(middle, 0, -1)):
        if data[cut] & 0xC0 == 0x80:        # a continuation byte: the cut splits a character
            return data[:cut], data[cut:]
    return data[:middle], data[middle:]
