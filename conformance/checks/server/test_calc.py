"""Step 5: the calculator (CALC-1 to CALC-5)."""
from __future__ import annotations

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue, generated_probes, grammar

pytestmark = pytest.mark.steps(5)
TUPLE = "()"            # the grammar's characters, Python's empty tuple (CALC-4)
CANARY_WINDOW = 0.3     # how long an evaluated print() may take to reach the captured stdout

VALUES = [              # expression, value (Python's meaning, spec section 7.5)
    ("3*5+1", 16), ("1+3*5", 16), ("10-2*3", 4), ("7/2", 3.5), ("7//2", 3), ("-7%3", 2), ("2**10", 1024), ("-2**2", -4),
    ("2**-1", 0.5), ("2**3**2", 512), ("(1+2)*3", 9), ("1.5*4", 6.0), (" 2 + 3 ", 5),
    ("1**5", 1), ("0**3", 0), ("(-1)**3", -1),      # a size guard dividing by log10(abs(base)) raises on these
]
GENERATED = {grammar.VALUE: 12, grammar.DIVISION_BY_ZERO: 4, grammar.NOT_IN_GRAMMAR: 4}   # per run


def _judge(kind):
    """The model's verdict on a calculator message of one kind (conformance.server_under_test.grammar)."""
    def keeps(text):
        return grammar.calculate(text).kind == kind
    if kind == grammar.VALUE:
        def expect(text):
            return wire.number(grammar.calculate(text).value)

        def holds(text, reply):
            return wire.same_number(wire.parse_number(reply.text), grammar.calculate(text).value)
    else:
        def expect(text):
            return wire.ERROR_REPLY

        def holds(text, reply):
            return wire.is_error_reply(reply.text)
    return generated_probes.Judge(expect, holds, keeps, grammar.expression_candidates)


def _generated(server, check, rng, kind, describe):
    texts = [text for text, _ in grammar.expressions(rng, kind, GENERATED[kind])]
    server.require_framing()
    generated_probes.run(server, check, _judge(kind), texts, describe)



def _going_on(conn, check, after):
    reply = conn.exchange("1+1", wire.number(2))
    check.require(reply.received and reply.ending not in (wire.EOF, wire.RESET),
                  f"after {after}, the session goes on: a reply to '1+1'", reply.describe())


def _error_replies(conn, check, expressions, clause_text):
    for expression in expressions:
        reply = conn.exchange(expression, wire.ERROR_REPLY)
        check.require(wire.is_error_reply(reply.text),
                      f"an error reply (beginning with 'Erreur') to {expression!r} ({clause_text})", reply.describe())


def _never_evaluated(conn, check):
    """Made of the grammar's characters only, ``()`` passes a character whitelist; only Python
    makes an empty tuple of it and writes it back as ``()``. Whether its reply is an error reply is
    CALC-3's business (an empty operand); that reply here shows the text was handed to eval()."""
    reply = conn.exchange(TUPLE, wire.ERROR_REPLY)
    check.require(reply.text.strip(" ") != TUPLE, f"the text {TUPLE!r} is never evaluated",
                  f"{reply.describe()}: Python's value of an empty tuple, so an interpreter evaluated it")


@pytest.mark.clause("CALC-1")
@pytest.mark.parametrize("expression, value", VALUES, ids=[e.strip() for e, _ in VALUES])
def test_value(step, server, check, expression, value):
    with server.session() as conn:
        reply = conn.exchange(expression, wire.number(value))
        check.require(wire.same_number(wire.parse_number(reply.text), value),
                      f"the value {value!r} for {expression!r}", reply.describe())


@pytest.mark.clause("CALC-1")
def test_generated_values(step, server, check, rng):
    _generated(server, check, rng, grammar.VALUE,
               lambda text: f"the value {grammar.calculate(text).value!r} for {text!r}")


@pytest.mark.clause("CALC-2")
def test_generated_divisions_by_zero(step, server, check, rng):
    _generated(server, check, rng, grammar.DIVISION_BY_ZERO,
               lambda text: f"an error reply (beginning with 'Erreur') to {text!r} (division by zero)")


@pytest.mark.clause("CALC-3")
def test_generated_not_in_grammar(step, server, check, rng):
    _generated(server, check, rng, grammar.NOT_IN_GRAMMAR,
               lambda text: f"an error reply (beginning with 'Erreur') to {text!r} (not in the grammar)")


@pytest.mark.clause("CALC-2")
def test_division_by_zero(step, server, check):
    with server.session() as conn:
        _error_replies(conn, check, ("1/0", "1//0", "1%0"), "division by zero")
        _going_on(conn, check, "the divisions by zero")


@pytest.mark.clause("CALC-3")
def test_not_in_grammar(step, server, check):
    with server.session() as conn:
        # ".5", "1." and "()" are Python, not the grammar (number = 1*DIGIT ["." 1*DIGIT]; an empty
        # operand): an eval() behind a character whitelist lets them through and computes them
        _error_replies(conn, check, ("3+", "(1+2", "2**", "3 4", ".5", "1.", "()"), "not in the grammar")
        _going_on(conn, check, "the malformed expressions")


@pytest.mark.clause("CALC-4")
def test_not_arithmetic(step, server, check):
    mark = dialogue.token()
    canary = f"CANARD-{mark}"     # only appears if evaluated: the text itself says "CANARD-" + "..."
    with server.session() as conn:
        _error_replies(conn, check, ('abs(-5)', 'len("abc")', '"ab"*2', '[1][0]', '(1).real',
                                     '__import__("os").getpid()'), "not arithmetic")
        _never_evaluated(conn, check)
        if server.launched:
            start = server.process.stdout.size()
            program = f'print("CANARD-" + "{mark}")'
            _error_replies(conn, check, (program,), "not arithmetic")
            evaluated = server.process.stdout.wait_for(canary, CANARY_WINDOW, start)
            check.require(not evaluated, f"the text {program!r} is never evaluated",
                          f"{canary!r} appeared on the server's standard output: it was run by an interpreter")
        _going_on(conn, check, "the non-arithmetic messages")


@pytest.mark.clause("CALC-5")
@pytest.mark.disruptive
@pytest.mark.parametrize("expression", ["9**9**9", "10**10**10", "2.0**100000"])
def test_too_large(step, server, check, expression):
    with server.session() as conn:
        reply = conn.exchange(expression, wire.ERROR_REPLY)
        check.require(wire.is_error_reply(reply.text),
                      f"an error reply to {expression!r} within {server.settings.reply_timeout:g} s", reply.describe())
    ok, why = server.still_serves(f"new client, after {expression!r}")
    check.require(ok, f"after {expression!r}, a new client is served", why)
