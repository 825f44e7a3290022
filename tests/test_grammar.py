"""The suite's own reading of the spec's grammars (conformance/server_under_test/grammar.py) and the
shrinking of a generated probe's failure (generated_probes.shrink), without a server: the model
agrees with Python's meaning on every expression it lets the suite send, refuses what it must, and
a failure shrinks to the smallest message that still fails."""
from __future__ import annotations

import random

import pytest

from conformance.core import wire
from conformance.core.settings import parse_seed
from conformance.server_under_test import generated_probes, grammar


@pytest.mark.parametrize("text, value", [
    ("3*5+1", 16), ("-2**2", -4), ("2**-1", 0.5), ("2**3**2", 512), ("7//2", 3), ("-7%3", 2), ("7/2", 3.5),
    (" 2 + 3 ", 5), ("\t1**5", 1), ("0**3", 0), ("(-1)**3", -1), ("0**0", 1), ("-+-1", 1), ("1.5*4", 6.0)])
def test_values_have_pythons_meaning(text, value):
    model = grammar.calculate(text)
    assert model.kind == grammar.VALUE and model.value == value and type(model.value) is type(value)


@pytest.mark.parametrize("text", ["3+", "(1+2", "2**", "3 4", "abc", "", "1.", ".5", "()", "1e5", "2 * * 3"])
def test_not_in_the_grammar(text):
    assert grammar.calculate(text).kind == grammar.NOT_IN_GRAMMAR


@pytest.mark.parametrize("text", ["1/0", "1//0", "1%0", "3+4//(2-2)", "1/0.0"])
def test_divisions_by_zero(text):
    assert grammar.calculate(text).kind == grammar.DIVISION_BY_ZERO


@pytest.mark.parametrize("text", ["0.1+0.2-0.3", "7.5//0.1", "9**9**9", "0**-1", "(-8)**0.5", "2**0.5"])
def test_what_rounding_decides_or_the_spec_leaves_open_is_never_sent(text):
    assert grammar.calculate(text).kind == grammar.UNSURE


@pytest.mark.parametrize("seed", range(30))
def test_generated_expressions_are_what_python_says(seed):
    rng = random.Random(seed)
    for text, model in grammar.expressions(rng, grammar.VALUE, 12):
        value = eval(text.replace("\t", " "))        # the test's independent oracle: Python itself
        assert wire.same_number(value, model.value), text
    for text, _ in grammar.expressions(rng, grammar.DIVISION_BY_ZERO, 4):
        with pytest.raises(ZeroDivisionError):
            eval(text.replace("\t", " "))
    for text, _ in grammar.expressions(rng, grammar.NOT_IN_GRAMMAR, 4):
        with pytest.raises(SyntaxError):
            eval(text.replace("\t", " "))


def test_every_run_sends_powers_of_zero_and_one():
    texts = [text for text, _ in grammar.expressions(random.Random(1), grammar.VALUE, 12)]
    for base in ("1", "0", "(-1)"):
        assert any(base + "**" in text.replace(" ", "").replace("\t", "") for text in texts), texts


@pytest.mark.parametrize("seed", range(20))
def test_pseudos_and_positions_follow_the_grammar(seed):
    rng = random.Random(seed)
    pseudo = grammar.pseudo(rng)
    assert 1 <= len(pseudo) <= 32 and "/" not in pseudo and not any(ch.isspace() for ch in pseudo)
    text = grammar.command_text(rng)
    assert text == text.strip() and "  " not in text
    assert not grammar.is_position_text(grammar.not_a_position(rng))
    assert not any(ch.isdigit() for ch in grammar.not_a_number(rng))


class _FakeProber:
    """A calculator that answers an error to any power of 1 (the catalogue's power-guard mutant)."""

    def __init__(self):
        self.sent = []

    def reply(self, text, judge):
        self.sent.append(text)
        broken = "1**" in text.replace(" ", "")
        answer = "Erreur" if broken else str(grammar.calculate(text).value)
        return wire.Reply(answer.encode(), wire.QUIET, False, text=answer)


def test_a_failure_shrinks_to_the_smallest_message_that_still_fails():
    judge = generated_probes.Judge(
        expect=lambda text: wire.number(grammar.calculate(text).value),
        holds=lambda text, reply: wire.same_number(wire.parse_number(reply.text), grammar.calculate(text).value),
        keeps=lambda text: grammar.calculate(text).kind == grammar.VALUE,
        candidates=grammar.expression_candidates)
    start = "3 * (2 + 1**5) - 4"
    prober = _FakeProber()
    failure = generated_probes.shrink(prober, judge, generated_probes.Failure(start, None, start, 0), 60)
    assert failure.text == "1**0" and failure.original == start
    assert len(prober.sent) <= generated_probes.SHRINK_TRIES


@pytest.mark.parametrize("value", ["-1", "x", "1.5", str(2**32), ""])
def test_a_bad_seed_is_a_usage_error(value):
    with pytest.raises(pytest.UsageError, match="--seed"):
        parse_seed(value)
