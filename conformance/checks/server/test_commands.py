"""Step 6: the mini-protocol (CMD-1 to CMD-8).

Format checks capture the pseudo with a pattern; only CMD-5 checks that it is the one sent.
"""
from __future__ import annotations

import re

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue, generated_probes, grammar

pytestmark = pytest.mark.steps(6)

ME = re.compile(r"^\* (\S+) applaudit$")
ALL = re.compile(r"^\[(\S+)\] Salut tout le monde !$")
BYE = re.compile(r"^À bientôt (\S+?) ?!$")


def _login(conn, check, pseudo=dialogue.PSEUDO):
    """Send the pseudo. A missing welcome is CMD-1's fault only: the commands are checked anyway
    (waiting the whole reply timeout for it, so that a slow welcome is not read as a command's reply)."""
    reply = conn.exchange(pseudo)
    if reply.ending in (wire.EOF, wire.RESET):
        check.not_reached(f"the server closed the connection after the pseudo {pseudo!r}: {reply.describe()}")
    return reply


def _goes_on(conn, check, after):
    mark = dialogue.token()
    reply = conn.exchange(f"/all {mark}", wire.containing(mark, f"[{dialogue.PSEUDO}] {mark}"))
    check.require(mark in reply.text, f"after {after}, the session goes on: '/all {mark}' gets its reply",
                  reply.describe())


@pytest.mark.clause("CMD-1")
def test_welcome(step, server, check):
    with server.session() as conn:
        reply = conn.exchange(dialogue.PSEUDO)
        check.require(reply.received and reply.text.strip() != "" and not wire.is_error_reply(reply.text),
                      f"one welcome message (not an error reply) for the pseudo {dialogue.PSEUDO!r}", reply.describe())


@pytest.mark.clause("CMD-2")
def test_me(step, server, check):
    with server.session() as conn:
        _login(conn, check)
        reply = conn.exchange("/me applaudit", wire.exact(f"* {dialogue.PSEUDO} applaudit", early_fail=False))
        check.require(bool(ME.match(reply.text)), "'* <pseudo> applaudit'", reply.describe())


@pytest.mark.clause("CMD-3")
def test_all(step, server, check):
    with server.session() as conn:
        _login(conn, check)
        text = "Salut tout le monde !"
        reply = conn.exchange(f"/all {text}", wire.exact(f"[{dialogue.PSEUDO}] {text}", early_fail=False))
        check.require(bool(ALL.match(reply.text)), f"'[<pseudo>] {text}'", reply.describe())


@pytest.mark.clause("CMD-4")
def test_bye(step, server, check):
    conn = server.connect()
    try:
        _login(conn, check)
        reply = conn.exchange("/bye", wire.exact(f"À bientôt {dialogue.PSEUDO} !", early_fail=False))
        check.require(bool(BYE.match(reply.text)), "'À bientôt <pseudo> !' (or '... <pseudo>!')", reply.describe())
        if reply.ending in (wire.EOF, wire.RESET):
            return
        outcome, data = conn.wait_closed()
        check.require(outcome in ("eof", "reset"), "then the server closes the connection",
                      f"{outcome}" + (f" (received {wire.show_bytes(data)})" if data else ""))
    finally:
        conn.close()


ME_ANY = re.compile(r"^\* (.+?) applaudit$")
ALL_ANY = re.compile(r"^\[(.+?)\] Salut tout le monde !$")
BYE_ANY = re.compile(r"^À bientôt (.+?) ?!$")


@pytest.mark.clause("CMD-5")
def test_pseudo_in_replies(step, server, check):
    pseudo = f"Roger{dialogue.token()[:6]}"
    captured = []
    conn = server.connect()
    try:
        _login(conn, check, pseudo)      # the grammar's pseudo: no spaces around it (spec 7.6)
        for message, pattern, expected in (
                ("/me applaudit", ME_ANY, f"* {pseudo} applaudit"),
                ("/all Salut tout le monde !", ALL_ANY, f"[{pseudo}] Salut tout le monde !"),
                ("/bye", BYE_ANY, f"À bientôt {pseudo} !")):
            reply = conn.exchange(message, wire.exact(expected, early_fail=False))
            match = pattern.match(reply.text)
            if match:
                captured.append((message, match.group(1), reply))
    finally:
        conn.close()
    if not captured:
        check.not_reached("no reply in the format of CMD-2 to CMD-4 to read the pseudo from (see those clauses)")
    for message, name, reply in captured:
        check.require(name == pseudo, f"the pseudo {pseudo!r} (the first message) in the reply to {message!r}",
                      reply.describe())


@pytest.mark.clause("CMD-6")
def test_help(step, server, check):
    with server.session() as conn:
        _login(conn, check)
        reply = conn.exchange("/help")
        missing = [name for name in ("/all", "/me", "/bye", "/help") if name not in reply.text]
        check.require(reply.received and not missing, "one reply naming /all, /me, /bye and /help",
                      reply.describe() + (f" (missing {', '.join(missing)})" if reply.received else ""))


@pytest.mark.clause("CMD-7")
def test_unknown_command(step, server, check):
    with server.session() as conn:
        _login(conn, check)
        for message in ("/foo", "/ALL x"):
            reply = conn.exchange(message, wire.ERROR_REPLY)
            check.require(wire.is_error_reply(reply.text), f"an error reply to the unknown command {message!r}",
                          reply.describe())
        _goes_on(conn, check, "the unknown commands")


@pytest.mark.clause("CMD-8")
def test_malformed_command(step, server, check):
    with server.session() as conn:
        _login(conn, check)
        for message in ("/me", "/all"):
            reply = conn.exchange(message, wire.ERROR_REPLY)
            check.require(wire.is_error_reply(reply.text), f"an error reply to {message!r} with no text",
                          reply.describe())
        _goes_on(conn, check, "the malformed commands")


GENERATED_TEXTS = 4       # /all texts generated from 7.6's grammar, per run
GENERATED_PSEUDOS = 2     # pseudos generated from 7.6's grammar, per run


def _all_text(message):
    text = message[len("/all "):]
    return message.startswith("/all ") and text != "" and text == text.strip(" ") and "  " not in text


def _all_reply(message):
    return f"[{dialogue.PSEUDO}] {message[len('/all '):]}"


def _all_holds(message, reply):
    """'[<pseudo>] <text>', whatever the pseudo looks like (CMD-5's business)."""
    return reply.text.startswith("[") and reply.text.endswith(f"] {message[len('/all '):]}")


ALL_TEXT = generated_probes.Judge(
    expect=lambda message: wire.exact(_all_reply(message), early_fail=False), holds=_all_holds, keeps=_all_text,
    candidates=lambda message: (f"/all {text}" for text in grammar.text_candidates(message[len("/all "):])),
    excuse=lambda message, reply: generated_probes.mangled_text(_all_reply(message), reply))


@pytest.mark.clause("CMD-3")
def test_generated_all(step, server, check, rng):
    """/all with texts generated from 7.6's grammar (accents, emoji, punctuation, brackets)."""
    messages = dict.fromkeys(f"/all {grammar.command_text(rng)}" for _ in range(GENERATED_TEXTS))
    server.require_framing()
    generated_probes.run(server, check, ALL_TEXT, messages, lambda message: repr(_all_reply(message)),
                         login=lambda conn: _login(conn, check))


def _pseudo_judge(check):
    """CMD-5 on a generated pseudo: the name in the reply to '/me applaudit' on a session that
    began with it. A reply not in CMD-2's format tells nothing about the pseudo (CMD-2's business)."""
    def send(conn, pseudo):
        _login(conn, check, pseudo)
        return conn.exchange("/me applaudit", wire.exact(f"* {pseudo} applaudit", early_fail=False))

    def holds(pseudo, reply):
        match = ME_ANY.match(reply.text)
        return match is None or match.group(1) == pseudo

    def keeps(pseudo):
        return pseudo != "" and "/" not in pseudo and pseudo.lower() != "fin"
    return generated_probes.Judge(expect=None, holds=holds, keeps=keeps, candidates=grammar.text_candidates,
                                  send=send, excuse=lambda pseudo, reply: generated_probes.mangled_text(
                                      f"* {pseudo} applaudit", reply))


@pytest.mark.clause("CMD-5")
def test_generated_pseudo(step, server, check, rng):
    """Pseudos generated from 7.6's grammar (1 to 32 visible characters, no '/'), each on its own
    session: the reply to '/me applaudit' names it exactly."""
    pseudos = dict.fromkeys(grammar.pseudo(rng) for _ in range(GENERATED_PSEUDOS))
    server.require_framing()
    generated_probes.run(server, check, _pseudo_judge(check), pseudos,
                         lambda pseudo: f"the pseudo {pseudo!r} (the first message) in the reply to '/me applaudit'")
