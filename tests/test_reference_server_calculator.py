"""Step 5 over loopback, both framings.

Clauses: CALC-1 to CALC-5, SESS-1, SESS-2, SEQ-1, FRAME-1 to FRAME-3, ROBUST-1 to ROBUST-4.
"""
from __future__ import annotations

import math
from typing import Iterator

import pytest

from tests.reference_fixtures import ABUSES, FRAMINGS, ServerProcess, is_error, serving


@pytest.fixture(scope="module", params=FRAMINGS)
def server(request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    with serving(5, request.param) as running:
        yield running


def assert_still_serving(server: ServerProcess) -> None:
    with server.client() as client:
        assert client.exchange("6*7") == "42"
        client.send("fin")
        assert client.expect_closed() == b""


VALUES = [("3*5+1", 16), ("7/2", 3.5), ("-2**2", -4), ("2**-1", 0.5), ("2**3**2", 512), ("7//2", 3),
          ("-7%3", 2), (" ( 1 + 2 ) * 3 ", 9), ("0.1+0.2", 0.1 + 0.2), ("9" * 1024, int("9" * 1024))]


def test_values_in_one_session(server: ServerProcess) -> None:
    with server.client() as client:
        for expression, expected in VALUES:
            reply = client.exchange(expression)
            assert not is_error(reply), (expression, reply)
            if isinstance(expected, int):
                assert int(reply) == expected
            else:
                assert math.isclose(float(reply), expected, rel_tol=1e-9)
        client.send("fin")
        assert client.expect_closed() == b""


ERRORS = ["1/0", "1//0", "5%0", "3+", "(1+2", "2**", "3 4", "abc", "  ", 'abs(-5)', 'len("abc")', '"ab"*2',
          '__import__("os").getpid()', '__import__("os").system("ls")', "9**9**9", "10**10**10",
          "2.0**100000", "(9**99)**99", "**".join(["9"] * 342)]


def test_errors_and_the_session_goes_on(server: ServerProcess) -> None:
    with server.client() as client:
        for expression in ERRORS:
            reply = client.exchange(expression)
            assert is_error(reply), (expression, reply)
            assert client.exchange("1+1") == "2"
        client.send_bytes(b"\n")  # an empty message, in either framing
        assert is_error(client.receive())
        client.send("fin")
        assert client.expect_closed() == b""


@pytest.mark.parametrize("expression", ["9**9**9", "10**10**10", "2.0**100000", "(9**99)**99"])
def test_survives_huge_computations(server: ServerProcess, expression: str) -> None:
    with server.client() as client:
        assert is_error(client.exchange(expression))
    assert_still_serving(server)


def test_crlf_is_not_part_of_the_expression(server: ServerProcess) -> None:
    with server.client() as client:
        client.send_bytes(b"2+2\r\n")
        assert client.receive() == "4"


@pytest.mark.parametrize("abuse", sorted(ABUSES))
def test_survives_abuse(server: ServerProcess, abuse: str) -> None:
    with server.client() as client:
        ABUSES[abuse](client)
    assert_still_serving(server)
