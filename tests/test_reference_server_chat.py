"""Step 4 over loopback: the test plays the operator through the server's stdin and stdout.

Clauses: CHAT-1 to CHAT-5, FRAME-1, FRAME-2, SEQ-1 (both framings).
"""
from __future__ import annotations

from typing import Iterator

import pytest

from tests.reference_fixtures import FRAMINGS, ServerProcess, assert_clean_exit, is_error, serving


@pytest.fixture(scope="module", params=FRAMINGS)
def server(request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    with serving(4, request.param, operator=True) as running:
        yield running


def test_operator_answers_each_message(server: ServerProcess) -> None:
    with server.client() as client:
        client.send("Salut, ça va ?")
        server.operator_sees("Client dit: Salut, ça va ?")
        server.operator_types("Très bien, et toi ? 🦆")
        reply = client.receive_bytes()
        expected = "Très bien, et toi ? 🦆"
        assert reply == (expected + "\n" if server.framing == "line" else expected).encode()
        client.send("Ça roule")
        server.operator_sees("Client dit: Ça roule")
        server.operator_types("")
        assert client.receive() == ""
        client.send("fin")
        assert client.expect_closed() == b""


def test_client_fin_does_not_read_the_operator(server: ServerProcess) -> None:
    server.operator_types("réponse tapée d'avance")
    with server.client() as client:
        client.send("fin")
        assert client.expect_closed() == b""
    with server.client() as client:  # the line typed in advance is still there for the next one
        client.send("Quelqu'un ?")
        server.operator_sees("Client dit: Quelqu'un ?")
        assert client.receive() == "réponse tapée d'avance"
        client.send("fin")
        assert client.expect_closed() == b""


def test_operator_fin_is_sent_then_the_connection_closes(server: ServerProcess) -> None:
    with server.client() as client:
        client.send("On arrête ?")
        server.operator_sees("Client dit: On arrête ?")
        server.operator_types("fin")
        assert client.receive() == "fin"
        assert client.expect_closed() == b""


def test_unreadable_message_is_refused_without_the_operator(server: ServerProcess) -> None:
    with server.client() as client:
        client.send_bytes(b"\xff" + (b"\n" if server.framing == "line" else b""))
        assert is_error(client.receive())
        client.send("fin")
        assert client.expect_closed() == b""


@pytest.mark.parametrize("framing", FRAMINGS)
def test_operator_leaving_stops_the_server(framing: str) -> None:
    with ServerProcess(4, framing, operator=True) as server:
        with server.client() as client:
            client.send("Il y a quelqu'un ?")
            server.operator_sees("Client dit: Il y a quelqu'un ?")
            server.operator_leaves()
            assert client.expect_closed() == b""
        assert server.wait_exit() == 0
        assert "arrêt du serveur" in server.stderr_text()
    assert_clean_exit(server)
