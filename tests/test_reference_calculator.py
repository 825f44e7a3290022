"""Unit and property tests of ``reference_impl.calculator`` (CALC-1 to CALC-5, sans I/O).

Python's ``eval`` appears here only as the test oracle, on strings the test generated itself.
"""
from __future__ import annotations

import builtins
import math
import threading
from typing import Union

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.calculator import (
    MAX_NESTING,
    TOO_LARGE,
    CalculationError,
    calculate,
    evaluate,
)

Value = Union[int, float]

SPEC_EXAMPLES = [
    ("3*5+1", 16),
    ("7/2", 3.5),
    ("-2**2", -4),
    ("2**-1", 0.5),
    ("2**3**2", 512),
    ("7//2", 3),
    ("-7%3", 2),
    ("(1+2)*3", 9),
    ("- - 2", 2),
    ("1--1", 2),
    ("2*-3", -6),
    ("\t1 +\t2\t", 3),
    ("  (  2 ** 10 )  ", 1024),
    ("7.5//2", 3.0),
    ("-7.5%2", 0.5),
    ("007", 7),
    ("00.50", 0.5),
    ("(-8)**2", 64),
    ("2**0.5", 2 ** 0.5),
    ("2**4000 % 1000", 2 ** 4000 % 1000),
    ("(10**2000)//(10**1990)", 10 ** 10),
    ("10**400/10**399", 10.0),
    ("0**0", 1),
    ("(-1)**(10**100)", 1),
]


@pytest.mark.parametrize("expression, expected", SPEC_EXAMPLES)
def test_python_meaning_calc_1(expression: str, expected: Value) -> None:
    value = evaluate(expression)
    assert type(value) is type(expected)
    assert value == expected


def test_reply_is_str_of_the_value_calc_1() -> None:
    assert calculate("3*5+1") == "16"
    assert calculate("7/2") == "3.5"
    assert calculate("4/2") == "2.0"
    assert calculate("9" * 1024) == "9" * 1024


@pytest.mark.parametrize("expression", ["1/0", "1//0", "1%0", "1.5/0.0", "2%0.0", "5//(3-3)", "0**-1"])
def test_division_by_zero_calc_2(expression: str) -> None:
    with pytest.raises(CalculationError, match="division par zéro"):
        calculate(expression)


NOT_IN_GRAMMAR = [
    "", "   ", "3+", "(1+2", "1+2)", "2**", "3 4", "*2", "2*", "2 * * 3", "2 ** ** 3", "2 / / 3",
    "1 0", "()", "(1)(2)", "2(3)", "1.", ".5", "1.2.3", "1e5", "1_000", "0x10", "١٢", "1\u00a0+ 1",
    "1+1\n", "2 ^ 3", "+", "--", "((1)",
]


@pytest.mark.parametrize("expression", NOT_IN_GRAMMAR)
def test_not_in_grammar_calc_3(expression: str) -> None:
    with pytest.raises(CalculationError):
        calculate(expression)


NOT_ARITHMETIC = [
    "abs(-5)", 'len("abc")', '"ab"*2', '__import__("os").getpid()', "x", "(1).real", "[1, 2]",
    "lambda: 1", "True", "1 if 1 else 2", "1<2", "1 and 2", "~1", "1 << 3", "1 & 3", "2 @ 3", "exit()",
]


@pytest.mark.parametrize("expression", NOT_ARITHMETIC)
def test_not_arithmetic_calc_4(expression: str) -> None:
    with pytest.raises(CalculationError):
        calculate(expression)


def test_never_calls_eval_or_exec_calc_4(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the calculator called an interpreter")

    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, forbidden)
    assert calculate("3*5+1") == "16"
    with pytest.raises(CalculationError):
        calculate("abs(-5)")


TOO_LARGE_EXPRESSIONS = [
    "9**9**9", "10**10**10", "2.0**100000", "(9**99)**99", "2**2**2**2**2**2", "9**9**9**9**9**9**9",
    "-(9**9)**9**9", "((9**99)**99)**99", "10**1024", "-10**1023", "10**400/3", "1e308" .replace("1e308", "1" + "0" * 400 + ".0"),
    "(10**308*10.0)*10**308*10.0", "10**10000*10**10000", "(2**9999)**(2**9999)", "99999**99999", "2**(10**9000)",
    "2.5**(10**400)", "1" + "0" * 320 + ".0 * 1" + "0" * 320 + ".0",
]


@pytest.mark.timeout(10)
@pytest.mark.parametrize("expression", TOO_LARGE_EXPRESSIONS)
def test_too_large_is_refused_calc_5(expression: str) -> None:
    with pytest.raises(CalculationError, match=TOO_LARGE):
        calculate(expression)


@pytest.mark.timeout(10)
def test_longest_chains_within_1024_bytes_calc_5() -> None:
    for chain in ("**".join(["9"] * 342), "**".join(["2"] * 342), "*".join(["(9**9999)"] * 100)):
        assert len(chain) <= 1024
        with pytest.raises(CalculationError, match=TOO_LARGE):
            calculate(chain)


def test_complex_results_are_refused() -> None:
    with pytest.raises(CalculationError, match="complexe"):
        calculate("(-8)**0.5")


def test_long_chains_and_deep_nesting_within_1024_bytes() -> None:
    assert evaluate("**".join(["1"] * 342)) == 1
    assert evaluate("-" * 1023 + "1") == -1
    assert evaluate("2**-" * 200 + "1") == eval("2**-" * 200 + "1")  # test oracle only
    assert evaluate("-(" * 200 + "1" + ")" * 200) == 1
    assert evaluate("(" * MAX_NESTING + "1" + ")" * MAX_NESTING) == 1
    with pytest.raises(CalculationError, match="imbriquée"):
        calculate("(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1))


def test_deep_expressions_in_a_thread() -> None:
    """Step 5 could run in a thread: the recursion must fit there too."""
    results = []
    expressions = ["(" * MAX_NESTING + "1" + ")" * MAX_NESTING, "+".join(["1"] * 512), "1-" * 340 + "1"]
    worker = threading.Thread(target=lambda: results.extend(calculate(e) for e in expressions))
    worker.start()
    worker.join(timeout=10)
    assert results == ["1", "512", str(eval("1-" * 340 + "1"))]


def test_overlong_expression_is_refused() -> None:
    assert evaluate("+".join(["1"] * 512)) == 512
    with pytest.raises(CalculationError, match="trop longue"):
        calculate("+".join(["1"] * 513))


def test_error_messages_are_french() -> None:
    with pytest.raises(CalculationError, match="caractère inattendu 'a'"):
        calculate("abs(-5)")
    with pytest.raises(CalculationError, match="vide"):
        calculate("")


# --- properties: generated expressions agree with Python ----------------------------------

spaces = st.sampled_from(["", "", "", " ", "\t", "  "])
integers = st.integers(min_value=0, max_value=10 ** 6).map(str)
decimals = st.builds(lambda whole, digits: f"{whole}.{digits}", st.integers(0, 999), st.from_regex(r"\A[0-9]{1,3}\Z"))
numbers = st.one_of(integers, decimals)
small_exponents = st.builds(lambda sign, digit: sign + digit, st.sampled_from(["", "-", "+"]), st.sampled_from("01234"))


def _join(*parts: str) -> st.SearchStrategy[str]:
    return st.tuples(*[spaces for _ in parts]).map(
        lambda gaps: "".join(gap + part for gap, part in zip(gaps, parts))
    )


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "//", "%"]), inner, spaces, spaces).map(
        lambda t: f"{t[0]}{t[3]}{t[1]}{t[4]}{t[2]}"
    )
    signed = st.tuples(st.sampled_from(["-", "+"]), spaces, inner).map(lambda t: "".join(t))
    power = st.tuples(inner, spaces, small_exponents).map(lambda t: f"({t[0]}){t[1]}**{t[2]}")
    grouped = st.tuples(spaces, inner, spaces).map(lambda t: f"({t[0]}{t[1]}{t[2]})")
    return st.one_of(binary, signed, power, grouped)


expressions = st.recursive(numbers, _extend, max_leaves=12)


def _python(expression: str) -> object:
    """The oracle: Python's own arithmetic on the same text (test only)."""
    try:
        return eval(expression, {"__builtins__": {}}, {})  # noqa: S307 - generated arithmetic only
    except (ZeroDivisionError, OverflowError) as problem:
        return problem


@settings(max_examples=200, deadline=None)
@given(expression=expressions)
def test_generated_expressions_agree_with_python(expression: str) -> None:
    expected = _python(expression)
    refused = isinstance(expected, (ZeroDivisionError, OverflowError, complex)) or (
        isinstance(expected, float) and not math.isfinite(expected)
    )
    if refused:
        with pytest.raises(CalculationError):
            evaluate(expression)
        return
    value = evaluate(expression)
    assert type(value) is type(expected)
    assert value == expected


identifiers = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,8}\Z")
non_arithmetic = st.one_of(
    identifiers,
    st.builds(lambda name, argument: f"{name}({argument})", identifiers, expressions),
    st.text(max_size=10).map(repr),
    st.builds(lambda value, name: f"({value}).{name}", expressions, identifiers),
    st.lists(numbers, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.builds(lambda body: f"lambda: {body}", expressions),
)


@settings(max_examples=200, deadline=None)
@given(intruder=non_arithmetic, expression=expressions, where=st.sampled_from(["alone", "left", "right"]))
def test_generated_non_arithmetic_is_refused_calc_4(intruder: str, expression: str, where: str) -> None:
    text = {"alone": intruder, "left": f"{intruder} + {expression}", "right": f"{expression} * {intruder}"}[where]
    with pytest.raises(CalculationError):
        evaluate(text)
