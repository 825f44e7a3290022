"""Step-appropriate messages: how to open, probe and end a session on a server of a given step.

Lenient on purpose: these exchanges serve other clauses (framing detection, "the server still
serves a new client", ending a session politely), so they accept any reply that carries the text
sent (or, where the text cannot come back, any reply), and a server's echo fault shows up in
ECHO-1 only, a silent welcome in CMD-1 only.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Callable, List, Optional

from conformance.core import wire

PSEUDO = "Ginette"
POSITIONS = re.compile(r"^\d+( \d+)*$")         # step 8's /find reply (spec 7.8, STORE-2)
FIND_REPLY = wire.Expect("positions separated by single spaces",
                         done=lambda text: bool(POSITIONS.match(text)))
ECHO_STEPS = (2, 3, 7)


def token() -> str:
    """A short text no other client (or worker) sends."""
    return uuid.uuid4().hex[:10]


OPTIONAL_REPLY_WAIT = 0.5     # seconds to wait for a reply that may rightly not come (step 6's pseudo)


@dataclass(frozen=True)
class Probe:
    """One lenient exchange: what to send, what to accept, and the operator's answer (step 4).

    ``reply_optional``: the reply's absence is another clause's fault (step 6's pseudo: CMD-1;
    step 8's acknowledgement: STORE-1), so a lenient exchange reads it with a short wait (the whole
    reply timeout with ``wait_full_timeout``) and goes on without it; the next probe, which must be
    answered, shows the server is there.
    """

    text: str
    expect: wire.Expect
    accept: Callable[[wire.Reply], bool]
    operator_line: Optional[str] = None
    describe: str = ""
    reply_optional: bool = False
    wait_full_timeout: bool = False     # an optional reply is waited for as long as any reply
    only_if_unanswered: bool = False    # sent only when the optional reply before it did not come


def opening_probe(step: int) -> Probe:
    """The first message of a session: used for framing detection and by liveness probes."""
    mark = token()
    if step == 1:
        return Probe("Bonjour serveur !", wire.ANY_REPLY, lambda r: bool(r.text.strip()), None, "a non-empty reply")
    if step == 4:
        answer = f"Salut {mark}"
        return Probe("Bonjour", wire.containing(answer), lambda r: wire.carries(answer, r.text), answer,
                     f"a reply containing the operator's line {answer!r}")
    if step == 5:     # a reply of several characters: how the server delivers it is learnt (pacing)
        return Probe("100+23", wire.number(123), lambda r: r.received, None, "a reply to '100+23'")
    if step == 6:
        return Probe(PSEUDO, wire.ANY_REPLY, lambda r: True, None, "any reply to the pseudo, or none (CMD-1's business)",
                     reply_optional=True)
    if step == 8:
        text = f"canaduck {mark}"
        return Probe(text, wire.ANY_REPLY, lambda r: r.received, None,
                     f"a reply to storing {text!r}, or none (STORE-1's business)", reply_optional=True,
                     wait_full_timeout=True)
    text = f"Bonjour {mark}"
    return Probe(text, wire.containing(text), lambda r: wire.carries(text, r.text), None,
                 f"a reply containing {text!r}")


def follow_up_probes(step: int) -> List[Probe]:
    """What a liveness probe sends after the opening message (step 6: a command with a token,
    which must come back: the pseudo's reply proves nothing, it is optional)."""
    if step == 8:      # only when the store was not acknowledged: /find is the step's other command
        return [Probe(f"/find {token()}", FIND_REPLY, lambda r: bool(POSITIONS.match(r.text.strip(" "))), None,
                      "positions (or '0') for /find", only_if_unanswered=True)]
    if step != 6:
        return []
    mark = token()
    text = f"/all {mark}"
    # A server silent on /all (CMD-3's business) shows it serves by answering /help, or else /bye
    # (which ends the session): each is sent only if the one before got no reply.
    return [Probe(text, wire.containing(mark, f"[{PSEUDO}] {mark}"), lambda r: wire.carries(mark, r.text), None,
                  f"a reply containing {mark!r}", reply_optional=True, wait_full_timeout=True),
            Probe("/help", wire.ANY_REPLY, lambda r: r.received, None, "a reply to /help",
                  reply_optional=True, wait_full_timeout=True, only_if_unanswered=True),
            Probe("/bye", wire.ANY_REPLY, lambda r: r.received, None,
                  "a reply to /bye, /all and /help having got none (CMD-3's, CMD-6's business)",
                  only_if_unanswered=True)]


def second_opening(step: int) -> Optional[Probe]:
    """Step 8, when a session's first message (a store) got no reply during framing detection: a
    second store tells a server that leaves a session's first message unanswered (it answers this
    one: ``Profile.silent_first``, TURN-1's fault) from one that never acknowledges a store (STORE-1's)."""
    return opening_probe(step) if step == 8 else None


def last_resort_commands(step: int) -> List[Probe]:
    """Framing detection, when neither the opening message nor the first follow-up got a reply in
    either framing: the step's other commands, any of which the server may answer (step 6: /help,
    then /bye, which ends the session). A server that answers one speaks that framing; its silence
    on the others is their clauses' business (CMD-1, CMD-3...), not FRAME-1's."""
    if step != 6:
        return []
    return [Probe(text, wire.ANY_REPLY, lambda r: r.received, None, f"any reply to {text}")
            for text in ("/help", "/bye")]


def unanswered(reply: wire.Reply) -> bool:
    """No reply at all within the reply timeout, the connection still open: a message left
    unanswered (SESS-1's business when earlier ones of the session were answered)."""
    return not reply.received and reply.ending == wire.TIMEOUT


def closing_message(step: int) -> Optional[str]:
    """The message that ends a session politely (None: step 1 ends after one exchange)."""
    if step == 1:
        return None
    return "/bye" if step == 6 else "fin"
