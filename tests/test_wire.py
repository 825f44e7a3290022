"""Unit tests of the suite's sans-I/O parts: wire, transcript, clauses, settings."""
from __future__ import annotations

import pytest

from conformance.core import wire
from conformance.core.clauses import parse_clauses, spec_clauses
from conformance.core.settings import build_settings, parse_steps, parse_target
from conformance.core.transcript import Transcript


def feed_all(assembler, *chunks):
    reply = None
    for chunk in chunks:
        reply = assembler.feed(chunk)
    return reply


# -- reply assembly ------------------------------------------------------------------------------
def test_line_reply_ends_at_newline_and_keeps_the_rest():
    assembler = wire.ReplyAssembler(wire.LINE)
    assert assembler.feed(b"Bonj") is None
    reply = assembler.feed(b"our\r\nsuite")
    assert reply.text == "Bonjour" and reply.terminated and reply.carriage_return
    assert assembler.leftover == b"suite"


def test_raw_reply_completes_on_expected_text_across_chunks():
    assembler = wire.ReplyAssembler(wire.RAW, wire.exact("Ça marche 🦆"))
    data = "Ça marche 🦆".encode()
    assert assembler.feed(data[:2]) is None          # splits a multi-byte character
    reply = assembler.feed(data[2:])
    assert reply.ending == wire.COMPLETE and reply.text == "Ça marche 🦆"


def test_raw_reply_strips_one_trailing_newline():
    assembler = wire.ReplyAssembler(wire.RAW, wire.exact("salut"))
    reply = assembler.feed(b"salut\r\n")
    assert reply.text == "salut" and reply.terminated


def test_wrong_echo_fails_early():
    assembler = wire.ReplyAssembler(wire.RAW, wire.exact("Bonjour"))
    reply = assembler.feed(b"Echo: ")
    assert reply is not None and reply.ending == wire.MISMATCH


def test_lenient_expectation_never_fails_early():
    assembler = wire.ReplyAssembler(wire.RAW, wire.exact("Bonjour", early_fail=False))
    assert assembler.feed(b"Echo: Bonjour") is None
    assert assembler.finish(wire.QUIET).text == "Echo: Bonjour"


def test_flood_is_capped():
    assembler = wire.ReplyAssembler(wire.RAW, cap=100)
    reply = feed_all(assembler, b"x" * 60, b"x" * 60)
    assert reply.ending == wire.OVERFLOW


def test_invalid_utf8_is_shown_in_hex():
    assembler = wire.ReplyAssembler(wire.RAW)
    assembler.feed(b"\xff\xfeok")
    reply = assembler.finish(wire.QUIET)
    assert not reply.valid_utf8
    assert "ff fe" in reply.describe()


def test_encode_message():
    assert wire.encode_message("é", wire.RAW) == "é".encode()
    assert wire.encode_message("é", wire.LINE) == "é\n".encode()


@pytest.mark.parametrize("text, expected", [("Erreur : x", True), ("  erreur: y", True), ("ERREUR - z", True),
                                            ("Erreur", True), ("Pas d'erreur", False), ("16", False)])
def test_error_reply(text, expected):
    assert wire.is_error_reply(text) is expected


def test_error_expectation_fails_early_on_a_number():
    assembler = wire.ReplyAssembler(wire.RAW, wire.ERROR_REPLY)
    assert assembler.feed(b"Err") is None
    assert wire.ReplyAssembler(wire.RAW, wire.ERROR_REPLY).feed(b"16").ending == wire.MISMATCH


@pytest.mark.parametrize("text, value", [("16", 16), ("16.0", 16), (" 16 ", 16), ("0.5", 0.5), ("-4", -4),
                                         ("1e+16", 1e16)])
def test_numbers_compare_as_numbers(text, value):
    assert wire.same_number(wire.parse_number(text), value)


@pytest.mark.parametrize("text", ["abc", "", "inf", "nan", "1 2", "Erreur"])
def test_not_numbers(text):
    assert wire.parse_number(text) is None


def test_float_tolerance():
    assert wire.same_number(0.30000000000000004, 0.3)
    assert not wire.same_number(0.3001, 0.3)


def test_decode_partial_ignores_incomplete_tail():
    assert wire.decode_partial("€".encode()[:2]) == ("", True)
    assert wire.decode_partial(b"\xff")[1] is False


# -- transcript ----------------------------------------------------------------------------------
def test_transcript_renders_directions_and_hex():
    ticks = iter([0.0, 0.0, 0.5, 1.0, 1.5])
    transcript = Transcript("t", clock=lambda: next(ticks))
    transcript.sent(b"Bonjour ")
    transcript.received(b"\xff")
    transcript.event("server closed the connection (EOF)")
    text = transcript.render()
    assert "+  0.000s C> 'Bonjour '" in text
    assert "S> invalid UTF-8" in text and "(hex ff)" in text
    assert "-- server closed" in text


# -- clauses -------------------------------------------------------------------------------------
def test_parse_clauses_joins_paragraph_lines():
    clauses = parse_clauses("intro\n\n**ABC-1** [MUST] first line\nsecond line.\n\n**ABC-2** [SHOULD] other\n")
    assert clauses["ABC-1"].level == "MUST" and clauses["ABC-1"].text == "first line second line."
    assert clauses["ABC-2"].level == "SHOULD"


def test_spec_has_every_checked_clause():
    clauses = spec_clauses()
    for clause_id in ("HELLO-1", "ECHO-1", "SESS-2", "ROBUST-4", "CALC-5", "CMD-8", "PAR-2", "STORE-5"):
        assert clauses[clause_id].level == "MUST"
    assert clauses["TEXT-2"].level == "SHOULD"


# -- settings ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [("127.0.0.1:63000", ("127.0.0.1", 63000)),
                                             ("[::1]:63000", ("::1", 63000)),
                                             ("localhost:1", ("localhost", 1))])
def test_parse_target(value, expected):
    assert parse_target(value) == expected


@pytest.mark.parametrize("value", ["63000", "::1:63000", "host:0", "host:99999", "host:abc", "[::1]63000"])
def test_parse_target_rejects(value):
    with pytest.raises(pytest.UsageError, match="--target"):
        parse_target(value)


def test_parse_steps():
    assert parse_steps(["3", "6"]) == (3, 6)
    assert parse_steps(["3,6", "3"]) == (3, 6)
    with pytest.raises(pytest.UsageError, match="--step '9'"):
        parse_steps(["9"])


def _settings(**overrides):
    values = dict(target=None, server_cmd=None, steps=[], framing=None, reply_timeout="2", start_timeout="10",
                  quiet_gap="0.15", gentle=False, results_json=None)
    values.update(overrides)
    return build_settings(**values)


def test_default_runs_the_reference_on_every_step_in_raw_framing():
    settings = _settings()
    assert settings.mode == "reference" and settings.steps == tuple(range(1, 9)) and settings.framing == "raw"
    assert "-m reference_impl --step 5" in settings.server_command(5) and "{port}" in settings.server_command(5)


def test_step_required_with_target_or_command():
    with pytest.raises(pytest.UsageError, match="--step is required with --target"):
        _settings(target="127.0.0.1:63000")
    with pytest.raises(pytest.UsageError, match="--step is required with --server-cmd"):
        _settings(server_cmd="python s.py")


@pytest.mark.parametrize("option, value", [("reply_timeout", "abc"), ("reply_timeout", "-1"),
                                           ("start_timeout", "nan"), ("quiet_gap", "0")])
def test_bad_numbers_name_the_option(option, value):
    with pytest.raises(pytest.UsageError, match="--" + option.replace("_", "-")):
        _settings(**{option: value})


def test_settings_are_frozen_and_keys_stable():
    settings = _settings(server_cmd="python s.py", steps=["3"])
    with pytest.raises(Exception):
        settings.steps = (4,)
    assert settings.key(3) == _settings(server_cmd="python s.py", steps=["3"]).key(3)
    assert settings.framing == "auto"


def test_two_copies_of_the_expected_reply_are_two_replies():
    """Raw framing: a reply sent twice for one request merges on the wire; the first copy is the
    reply, the second is left for the next read (TURN-1 sees it, CMD-3 is not blamed)."""
    assembler = wire.ReplyAssembler(wire.RAW, wire.exact("[Ginette] Salut", early_fail=False))
    reply = assembler.feed("[Ginette] Salut[Ginette] Sal".encode())
    assert reply is not None and reply.text == "[Ginette] Salut" and assembler.leftover == b"[Ginette] Sal"
    other = wire.ReplyAssembler(wire.RAW, wire.exact("Bonjour", early_fail=False))
    assert other.feed(b"Bonjour, et autre chose") is None      # not a repeat: one (wrong) reply


def test_case_changes_still_carry_the_text():
    assert wire.carries("Ça marche 🦆", "ÇA MARCHE 🦆") and not wire.carries("é", "e")


def test_transcript_keeps_time_order_for_replies_logged_when_whole():
    from conformance.core.transcript import Transcript
    ticks = iter([0.0, 0.3, 0.5])
    transcript = Transcript("t", clock=lambda: next(ticks))
    transcript.event("connection still open after 2 s")                  # at 0.3
    transcript.received(b"late", at=0.1)                                # began at 0.1, logged at the end
    assert [entry.text for entry in transcript.entries] == ["'late'", "connection still open after 2 s"]
