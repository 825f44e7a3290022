"""The spec's grammars as the suite reads them, sans I/O: seeded generators of messages and the
model of the reply each one calls for.

Section 7.5's ABNF (calculator expressions), 7.6's (pseudos, command texts) and 7.8's (positions)
are written here a second time, independently of ``reference_impl`` (ARCHITECTURE.md, "two
independent readings"): a generated message is checked against this model, so one shared
misreading of the spec cannot make the suite and the reference agree.

Generation is a plain ``random.Random`` seeded from ``--seed`` and the check's name, so a run's
probes are the same for a given seed whatever the xdist distribution, and the kit needs no
property-testing library at run time. The model is careful about what it claims: an expression
whose value depends on how floats round (``0.1+0.2-0.3``, ``7.5//0.1``), that is too large for
CALC-1 (CALC-5's business), or that the spec leaves open (``0**-1``) is ``UNSURE`` and never sent.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Iterator, List, Optional, Tuple, Union

Number = Union[int, float]

# What the model says a calculator message calls for (``Model.kind``)
VALUE = "value"                    # CALC-1: its value
DIVISION_BY_ZERO = "division by zero"   # CALC-2: an error reply
NOT_IN_GRAMMAR = "not in the grammar"   # CALC-3: an error reply
UNSURE = "unsure"                  # the suite does not send it (rounding decides, too large, left open)

WSP = " \t"
MAX_MAGNITUDE = 1e30               # beyond: CALC-5's territory (a value too large to answer), not sent
MAX_EXPONENT = 64
REL_TOL = 1e-12                    # Python's float result and the exact one must agree this well


@dataclass(frozen=True)
class Model:
    """The reply an expression calls for: its kind, and its value for ``VALUE``."""

    kind: str
    value: Optional[Number] = None


class _Unsure(Exception):
    """The expression is in the grammar but not one the suite may judge by its value."""


class _DivisionByZero(Exception):
    pass


class _Parser:
    """Recursive descent over section 7.5's ABNF; each rule returns (Python's value, exact value)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def _wsp(self) -> None:
        while self.at < len(self.text) and self.text[self.at] in WSP:
            self.at += 1

    def _take(self, literal: str) -> bool:
        if self.text.startswith(literal, self.at):
            self.at += len(literal)
            return True
        return False

    def expression(self) -> Tuple[Number, Fraction]:
        self._wsp()
        value = self._sum()
        self._wsp()
        if self.at != len(self.text):
            raise SyntaxError(self.at)
        return value

    def _sum(self) -> Tuple[Number, Fraction]:
        return self._chain(self._product, ("+", "-"))

    def _product(self) -> Tuple[Number, Fraction]:
        return self._chain(self._factor, ("*", "//", "/", "%"))

    def _chain(self, operand: Callable[[], Tuple[Number, Fraction]],
               operators: Tuple[str, ...]) -> Tuple[Number, Fraction]:
        """``operand *( *WSP operator *WSP operand )``, left-associative (``**`` is not a ``*``)."""
        value = operand()
        while True:
            start = self.at
            self._wsp()
            op = (None if self.text.startswith("**", self.at)
                  else next((o for o in operators if self._take(o)), None))
            if op is None:
                self.at = start
                return value
            self._wsp()
            value = _apply(op, value, operand())

    def _factor(self) -> Tuple[Number, Fraction]:
        for sign in "+-":
            if self._take(sign):
                self._wsp()
                py, exact = self._factor()
                return (-py, -exact) if sign == "-" else (+py, exact)
        return self._power()

    def _power(self) -> Tuple[Number, Fraction]:
        base = self._primary()
        start = self.at
        self._wsp()
        if not self._take("**"):
            self.at = start
            return base
        self._wsp()
        return _apply("**", base, self._factor())

    def _primary(self) -> Tuple[Number, Fraction]:
        if self._take("("):
            self._wsp()
            value = self._sum()
            self._wsp()
            if not self._take(")"):
                raise SyntaxError(self.at)
            return value
        match = _NUMBER.match(self.text, self.at)
        if not match:
            raise SyntaxError(self.at)
        self.at = match.end()
        literal = match.group()
        return (float(literal) if "." in literal else int(literal)), Fraction(literal)


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _apply(op: str, left: Tuple[Number, Fraction], right: Tuple[Number, Fraction]) -> Tuple[Number, Fraction]:
    """One operator with Python's meaning, computed twice: as Python computes it and exactly."""
    (a, x), (b, y) = left, right
    if op in ("/", "//", "%") and (b == 0 or y == 0):
        if b == 0 and y == 0:
            raise _DivisionByZero()
        raise _Unsure()
    if op == "**":
        if y.denominator != 1 or abs(y) > MAX_EXPONENT or (x == 0 and y < 0):
            raise _Unsure()        # complex, huge, or 0**-n (Python raises; the spec leaves it open)
        if abs(x) > 1 and float(y) * math.log10(abs(x)) > math.log10(MAX_MAGNITUDE):
            raise _Unsure()
    try:
        py = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
              "//": lambda: a // b, "%": lambda: a % b, "**": lambda: a ** b}[op]()
    except (OverflowError, ZeroDivisionError, ValueError):
        raise _Unsure() from None
    exact = {"+": lambda: x + y, "-": lambda: x - y, "*": lambda: x * y, "/": lambda: x / y,
             "//": lambda: Fraction(math.floor(x / y)), "%": lambda: x - y * math.floor(x / y),
             "**": lambda: x ** int(y)}[op]()
    if isinstance(py, complex) or not _agree(py, exact):
        raise _Unsure()
    return py, exact


def _agree(py: Number, exact: Fraction) -> bool:
    """Python's result is the exact one (up to REL_TOL) and of a size CALC-1 may ask for."""
    if isinstance(py, float) and not math.isfinite(py):
        return False
    if abs(exact) > MAX_MAGNITUDE:
        return False
    if exact == 0:
        return py == 0
    return abs(Fraction(py) - exact) <= abs(exact) * Fraction(REL_TOL)


def calculate(text: str) -> Model:
    """What the spec asks a calculator to answer to ``text`` (CALC-1 to CALC-3)."""
    try:
        value, _exact = _Parser(text).expression()
    except SyntaxError:
        return Model(NOT_IN_GRAMMAR)
    except _DivisionByZero:
        return Model(DIVISION_BY_ZERO)
    except (_Unsure, RecursionError):
        return Model(UNSURE)
    return Model(VALUE, value)


# -- generating expressions ----------------------------------------------------------------------
SPECIAL_BASES = ("1", "0", "(-1)", "1.0", "-1")   # bases whose powers a guard may divide by log(|base|)


class ExpressionGenerator:
    """Section 7.5's expressions, at random but small: a few operators, small numbers, no leading
    zeros (``007`` is in the grammar, but a calculator built on Python's own parser refuses it:
    left out until the spec says so explicitly)."""

    def __init__(self, rng: random.Random, max_depth: int = 1) -> None:
        self.rng = rng
        self.max_depth = max_depth

    def _ws(self) -> str:
        roll = self.rng.random()
        return "" if roll < 0.8 else " " if roll < 0.95 else self.rng.choice(("\t", "  "))

    def number(self) -> str:
        roll = self.rng.random()
        whole = str(self.rng.randint(0, 12) if roll < 0.7 else self.rng.randint(13, 999))
        if self.rng.random() < 0.2:
            return f"{whole}.{self.rng.randint(0, 9)}{self.rng.choice(('', '5'))}"
        return whole

    def expression(self) -> str:
        return self._ws() + self._sum(0) + self._ws()

    def _sum(self, depth: int) -> str:
        text = self._product(depth)
        for _ in range(self.rng.randint(0, 2 if depth == 0 else 1)):
            text += self._ws() + self.rng.choice("+-") + self._ws() + self._product(depth)
        return text

    def _product(self, depth: int) -> str:
        text = self._factor(depth)
        for _ in range(self.rng.randint(0, 1)):
            text += self._ws() + self.rng.choice(("*", "*", "/", "//", "%")) + self._ws() + self._factor(depth)
        return text

    def _factor(self, depth: int) -> str:
        if self.rng.random() < 0.12:
            return self.rng.choice("+-") + self._ws() + self._factor(depth)
        return self._power(depth)

    def _power(self, depth: int) -> str:
        base = self._primary(depth)
        if self.rng.random() < 0.25:
            return base + self._ws() + "**" + self._ws() + self.exponent()
        return base

    def exponent(self) -> str:
        sign = "-" if self.rng.random() < 0.2 else ""
        return sign + str(self.rng.randint(0, 4))

    def _primary(self, depth: int) -> str:
        if depth < self.max_depth and self.rng.random() < 0.25:
            return "(" + self._ws() + self._sum(depth + 1) + self._ws() + ")"
        return self.number()

    def special_power(self, index: int) -> str:
        """The ``index``-th power of 0, 1 or -1 (``1**5``, ``0**3``, ``(-1)**3``), somewhere in a
        larger expression: a calculator whose size guard divides by ``log10(abs(base))`` raises on
        them. Each run sends each base (``-1**2`` is ``-(1**2)``)."""
        base = SPECIAL_BASES[index % len(SPECIAL_BASES)]
        power = base + self._ws() + "**" + self._ws() + str(self.rng.randint(1, 5))
        if self.rng.random() < 0.5:
            power = self._product(1) + self._ws() + self.rng.choice("+-*") + self._ws() + power
        if self.rng.random() < 0.5:
            power += self._ws() + self.rng.choice("+-*") + self._ws() + self._factor(1)
        return self._ws() + power + self._ws()

    def division_by_zero(self) -> str:
        """An expression in which a division, floor division or modulo meets a zero divisor."""
        zero = self.rng.choice(("0", "0.0", "(1-1)", "(2*0)", "(3-3.0)", "0*7"))
        op = self.rng.choice(("/", "//", "%"))
        text = self._power(1) + self._ws() + op + self._ws() + zero
        if self.rng.random() < 0.5:
            text = self._product(1) + self._ws() + self.rng.choice("+-") + self._ws() + text
        return self._ws() + text + self._ws()

    def not_in_grammar(self) -> str:
        """A valid expression with one defect Python's own parser refuses as well: an operand
        missing at the end, a parenthesis never closed, two numbers side by side."""
        text = self._sum(0)
        defect = self.rng.randrange(3)
        if defect == 0:
            return text + self._ws() + self.rng.choice(("+", "-", "*", "/", "//", "%", "**"))
        if defect == 1:
            return "(" + self._ws() + text
        return text + self.rng.choice(WSP) + self.number()


def expressions(rng: random.Random, kind: str, count: int, attempts: int = 50) -> List[Tuple[str, Model]]:
    """``count`` distinct expressions the model classes as ``kind`` (VALUE: the first ones hold
    a power of each of SPECIAL_BASES), fewer if the attempts run out."""
    generator = ExpressionGenerator(rng)
    make = {VALUE: generator.expression, DIVISION_BY_ZERO: generator.division_by_zero,
            NOT_IN_GRAMMAR: generator.not_in_grammar}[kind]
    found: List[Tuple[str, Model]] = []
    seen = set()
    for attempt in range(count * attempts):
        if len(found) == count:
            break
        special = kind == VALUE and len(found) < len(SPECIAL_BASES)
        text = generator.special_power(len(found)) if special else make()
        model = calculate(text)
        if model.kind == kind and text not in seen and text.strip(WSP):
            seen.add(text)
            found.append((text, model))
    return found


# -- shrinking candidates for calculator messages ---------------------------------------------------
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|\*\*|//|[ \t]+|.", re.S)


def expression_candidates(text: str) -> Iterator[str]:
    """Smaller messages made of ``text``'s pieces, shortest first: every run of its tokens, the
    text without spaces, each number made ``0``, ``1`` or ``2``. The caller keeps those the
    model still classes as the original is."""
    tokens = _TOKEN.findall(text)
    found = set()
    for i in range(len(tokens)):
        for j in range(i + 1, len(tokens) + 1):
            found.add("".join(tokens[i:j]))
    found.add("".join(t for t in tokens if t.strip(WSP)))
    for index, piece in enumerate(tokens):
        if piece[0].isdigit():
            for simpler in ("0", "1", "2"):
                if simpler != piece:
                    found.add("".join(tokens[:index] + [simpler] + tokens[index + 1:]))
        if not piece.strip(WSP) or piece in "()":
            found.add("".join(tokens[:index] + tokens[index + 1:]))
    found.discard(text)
    yield from sorted((t for t in found if t.strip(WSP)), key=lambda t: (len(t), t))


# -- section 7.6: pseudos and command texts --------------------------------------------------------
_PSEUDO_EXTRA = "éèàçùÉÀÇœæß_-.!?#&@+=~^'\"$*[]{}<>|;:,ñøåλπжあ🦆🚀€°§"


def _printable(ch: str) -> bool:
    """A character a person can see: no control, no space of any kind (a server that strips a
    no-break space off the pseudo is free to, CMD-5), no surrogate."""
    return ch.isprintable() and not ch.isspace()


def pseudo(rng: random.Random) -> str:
    """A pseudo of the grammar: 1 to 32 visible characters, no space, no ``/``, never ``fin``."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + _PSEUDO_EXTRA
    length = rng.choice((1, 2, 3, rng.randint(4, 12), rng.randint(13, 32)))
    text = "".join(rng.choice(alphabet) for _ in range(length))
    assert all(_printable(ch) and ch != "/" for ch in text)
    return text if text.lower() != "fin" else text + "x"


def command_text(rng: random.Random) -> str:
    """The text of ``/all`` or ``/me``: visible characters and single spaces inside (never around
    it: whether a server strips them is another question than CMD-2 and CMD-3's)."""
    words = [pseudo(rng)[: rng.randint(1, 10)] for _ in range(rng.randint(1, 4))]
    return " ".join(words)


# -- section 7.8: positions --------------------------------------------------------------------------
NOT_POSITIONS = ("abc", "un", "x1", "1a", "1.5", "-1", "1e3", "deux", "é", "0x10", "trois!", "1,2")


def not_a_position(rng: random.Random) -> str:
    """A text after ``/get`` that names no position of the list (``0``, a word, a sign, a
    decimal): STORE-3 asks for an error reply. ASCII digits only: Python's ``str.isdigit()``
    accepts ``²`` and ``①``, which the spec's ``DIGIT`` does not."""
    roll = rng.random()
    if roll < 0.15:
        return "0"
    if roll < 0.6:
        return rng.choice(NOT_POSITIONS)
    return not_a_number(rng)


def not_a_number(rng: random.Random) -> str:
    """A word after ``/get``: letters, maybe a sign or a dot, never a digit (``int()`` raises)."""
    letters = "abcdefghijklmnopqrstuvwxyzéàç-+.,"
    return "".join(rng.choice(letters) for _ in range(rng.randint(1, 6))).strip(".+-") or "z"


def is_position_text(text: str) -> bool:
    """``position = 1*DIGIT`` (ASCII digits), not counting ``0``, which is in no list (1-based)."""
    return bool(re.fullmatch(r"[0-9]+", text)) and int(text) > 0


def text_candidates(text: str) -> Iterator[str]:
    """Smaller texts: each character removed, each run of characters kept, shortest first."""
    found = {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}
    found.discard(text)
    yield from sorted(found, key=lambda t: (len(t), t))
