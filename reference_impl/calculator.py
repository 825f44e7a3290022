"""Step 5: a safe calculator, with its own parser (never ``eval``).

``eval()`` runs any Python the client sends (CALC-4), so the expression is read by a small
recursive-descent parser that knows only the spec's grammar (section 7.5):

    expression = *WSP sum *WSP
    sum        = product *( *WSP ( "+" / "-" ) *WSP product )
    product    = factor *( *WSP ( "*" / "//" / "/" / "%" ) *WSP factor )
    factor     = ( "+" / "-" ) *WSP factor / power
    power      = primary [ *WSP "**" *WSP factor ]          ; right-associative
    primary    = number / "(" *WSP sum *WSP ")"
    number     = 1*DIGIT [ "." 1*DIGIT ]

Spaces and tabs may stand between any two tokens and nowhere else, so the text is first cut into
tokens, then parsed into a tree, then the tree is computed with Python's own operators (same
meaning, same precedence). A client must not be able to freeze the server (CALC-5): powers
whose result would be huge are refused *before* being computed, and every number met along the
way stays below ``MAX_DIGITS`` digits.
"""
from __future__ import annotations

import math
import operator
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Union

MAX_EXPRESSION_BYTES = 1024  # a message is at most 1024 bytes (SIZE-1)
MAX_REPLY_BYTES = 1024  # a longer value is "too large to answer" (CALC-5)
MAX_DIGITS = 10_000  # no number met along the way may be longer: each step stays fast
MAX_NESTING = 200  # parentheses inside parentheses, as many as Python's own parser allows

_MAX_BITS = math.ceil(MAX_DIGITS * math.log2(10))
_REPLY_BITS = math.ceil(MAX_REPLY_BYTES * math.log2(10))

TOO_LARGE = "résultat trop grand"

Value = Union[int, float]

_SPACES = re.compile(r"[ \t]*")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|\*\*|//|[-+*/%()]")


class CalculationError(Exception):
    """Why an expression gets no value, in French (the server sends ``Erreur : <why>``)."""


@dataclass(frozen=True)
class Number:
    value: Value


@dataclass(frozen=True)
class Negated:
    operand: "Node"


@dataclass(frozen=True)
class Operation:
    symbol: str
    left: "Node"
    right: "Node"


Node = Union[Number, Negated, Operation]


def tokenize(text: str) -> List[str]:
    """Cut the text into numbers, operators and parentheses; anything else is refused."""
    tokens = []
    position = _SPACES.match(text).end()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise CalculationError(
                f"expression invalide, caractère inattendu {text[position]!r} en position {position + 1}"
            )
        tokens.append(match.group())
        position = _SPACES.match(text, match.end()).end()
    return tokens


class _Parser:
    """Recursive descent: one method per grammar rule, each returns the tree of what it read.

    Only parentheses recurse. Repetitions (``1+1+1``, ``--2``, ``2**3**2``) are read in loops,
    so a long chain cannot exhaust Python's recursion limit.
    """

    def __init__(self, tokens: List[str]) -> None:
        self._tokens = tokens
        self._index = 0
        self._depth = 0

    def expression(self) -> Node:
        if not self._tokens:
            raise CalculationError("expression vide")
        node = self._sum()
        if self._peek() is not None:
            raise self._unexpected(self._peek())
        return node

    def _sum(self) -> Node:
        """sum = product *( ( "+" / "-" ) product ), grouped from the left."""
        node = self._product()
        while self._peek() in ("+", "-"):
            node = Operation(self._take(), node, self._product())
        return node

    def _product(self) -> Node:
        """product = factor *( ( "*" / "//" / "/" / "%" ) factor ), grouped from the left."""
        node = self._factor()
        while self._peek() in ("*", "//", "/", "%"):
            node = Operation(self._take(), node, self._factor())
        return node

    def _factor(self) -> Node:
        """factor = signs, then power = primary [ "**" factor ].

        The signs apply to the whole power (``-2**2 == -(2**2)``) and a power's exponent is a
        factor again (``2**-1``, ``2**3**2 == 2**(3**2)``): the chain is read left to right,
        then grouped from the right.
        """
        negative = self._signs()
        operands = [self._primary()]
        exponent_signs = []
        while self._peek() == "**":
            self._take()
            exponent_signs.append(self._signs())
            operands.append(self._primary())
        node = operands.pop()
        while operands:
            node = Operation("**", operands.pop(), _negated_if(exponent_signs.pop(), node))
        return _negated_if(negative, node)

    def _signs(self) -> bool:
        """Read ``*( "+" / "-" )``; True when they make a minus (``--2`` is ``2``)."""
        negative = False
        while self._peek() in ("+", "-"):
            negative ^= self._take() == "-"
        return negative

    def _primary(self) -> Node:
        """primary = number / "(" sum ")"."""
        token = self._take()
        if token == "(":
            with self._nested():
                node = self._sum()
            if self._take() != ")":
                raise CalculationError("expression invalide, parenthèse fermante manquante")
            return node
        if token is not None and token[0].isdigit():
            return Number(_read_number(token))
        raise self._unexpected(token)

    def _peek(self) -> Optional[str]:
        return self._tokens[self._index] if self._index < len(self._tokens) else None

    def _take(self) -> Optional[str]:
        token = self._peek()
        self._index += 1
        return token

    @staticmethod
    def _unexpected(token: Optional[str]) -> CalculationError:
        if token is None:
            return CalculationError("expression invalide, elle s'arrête trop tôt")
        return CalculationError(f"expression invalide, « {token} » inattendu")

    @contextmanager
    def _nested(self) -> Iterator[None]:
        """Bound the parentheses' nesting, as Python's own parser does (200 levels)."""
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise CalculationError("expression trop imbriquée")
        try:
            yield
        finally:
            self._depth -= 1


def _negated_if(negative: bool, node: Node) -> Node:
    return Negated(node) if negative else node


def _read_number(token: str) -> Value:
    """``12`` is an int, ``1.5`` a float; a float literal too big for a float is refused."""
    if "." not in token:
        return int(token)
    return _checked(float(token))


def _checked(value: Value) -> Value:
    """Refuse values that cannot be answered: infinite floats, complex numbers, huge ints."""
    if isinstance(value, complex):
        raise CalculationError("résultat non réel (nombre complexe)")
    if isinstance(value, float) and not math.isfinite(value):
        raise CalculationError(TOO_LARGE)
    if isinstance(value, int) and value.bit_length() > _MAX_BITS:
        raise CalculationError(TOO_LARGE)
    return value


def _power(base: Value, exponent: Value) -> Value:
    """``base ** exponent``, refused beforehand when the result would exceed MAX_DIGITS digits.

    An int power has about ``exponent * log10(|base|)`` digits: checking that first answers
    ``9**9**9`` at once instead of computing for hours. Float powers overflow quickly and
    Python raises OverflowError for them.
    """
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        if exponent > MAX_DIGITS / math.log10(abs(base)):
            raise CalculationError(TOO_LARGE)
    return base ** exponent


_OPERATIONS: Dict[str, Callable[[Value, Value], Value]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": _power,
}


def _compute(node: Node) -> Value:
    """The value of a tree, computed bottom-up with Python's operators."""
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Negated):
        return -_compute(node.operand)
    left, right = _compute(node.left), _compute(node.right)
    try:
        return _checked(_OPERATIONS[node.symbol](left, right))
    except ZeroDivisionError:
        raise CalculationError("division par zéro") from None
    except OverflowError:
        raise CalculationError(TOO_LARGE) from None


def parse(text: str) -> Node:
    """The tree of an expression of the grammar; CalculationError for anything else."""
    if len(text.encode("utf-8")) > MAX_EXPRESSION_BYTES:
        raise CalculationError(f"expression trop longue ({MAX_EXPRESSION_BYTES} octets au plus)")
    return _Parser(tokenize(text)).expression()


def evaluate(text: str) -> Value:
    """The value of an expression (an int or a float), as Python would compute it."""
    return _compute(parse(text))


def calculate(text: str) -> str:
    """The reply to an expression: its value written out, at most MAX_REPLY_BYTES long."""
    value = evaluate(text)
    if isinstance(value, int) and value.bit_length() > _REPLY_BITS:
        raise CalculationError(TOO_LARGE)  # too long to write, and str() would be slow
    written = str(value)
    if len(written) > MAX_REPLY_BYTES:
        raise CalculationError(TOO_LARGE)
    return written
