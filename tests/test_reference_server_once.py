"""Steps 1 and 2 over loopback: one-shot servers, a fresh one per test, both framings.

Clauses: HELLO-1, HELLO-2, HELLO-3, FRAME-1 to FRAME-4, TEXT-1, SIZE-1, TURN-1, ECHO-1,
SESS-1 to SESS-3; GEN-3 (the reference exits after its one client).
"""
from __future__ import annotations

import pytest

from tests.reference_fixtures import FRAMINGS, MULTIBYTE_1024, ServerProcess, assert_clean_exit


@pytest.fixture(params=FRAMINGS)
def framing(request: pytest.FixtureRequest) -> str:
    return request.param


def test_step1_one_greeting_then_close(framing: str) -> None:
    with ServerProcess(1, framing) as server:
        with server.client() as client:
            client.send("Bonjour serveur !")
            reply = client.receive_bytes()
            assert reply == (b"Bonjour client !\n" if framing == "line" else b"Bonjour client !")
            assert client.expect_closed() == b""
        assert server.wait_exit() == 0
    assert_clean_exit(server)


def test_step2_echo_until_fin(framing: str) -> None:
    messages = ["Bonjour", "Ça marche, même avec des accents 🦆", "é à ç €", "  espaces  ", "fin de journée",
                "fine", "enfin", MULTIBYTE_1024]
    with ServerProcess(2, framing) as server:
        with server.client() as client:
            for text in messages:
                assert client.exchange(text) == text
            client.send("fin")
            assert client.expect_closed() == b""  # TURN-1: nothing unprompted, nothing after fin
        assert server.wait_exit() == 0
    assert_clean_exit(server)


def test_step2_framing_bytes(framing: str) -> None:
    with ServerProcess(2, framing) as server:
        with server.client() as client:
            if framing == "line":
                client.send_bytes(b"bon")
                client.send_bytes(b"jour\r\n")  # FRAME-1: answered once the \n came; FRAME-3
                assert client.receive_bytes() == b"bonjour\n"  # FRAME-2
            else:
                client.send_bytes(b"bonjour")
                assert client.receive_bytes() == b"bonjour"  # FRAME-1: no terminator either way
                client.send_bytes(b"salut\r\n")
                assert client.receive_bytes() == b"salut"  # FRAME-4
            client.send("fin")
            assert client.expect_closed() == b""
        assert server.wait_exit() == 0
    assert_clean_exit(server)


def test_step2_client_leaving_without_fin_ends_the_server(framing: str) -> None:
    with ServerProcess(2, framing) as server:
        with server.client() as client:
            assert client.exchange("salut") == "salut"
            client.end_of_file()
            assert client.expect_closed() == b""
        assert server.wait_exit() == 0
    assert_clean_exit(server)
