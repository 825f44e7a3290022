"""Steps 3 (one client after another) and 7 (threads) over loopback, both framings.

Clauses: ECHO-1, TEXT-1, TEXT-2, SIZE-1, SIZE-2, FRAME-1 to FRAME-4, TURN-1, SESS-1 to SESS-3,
SEQ-1, ROBUST-1 to ROBUST-4; step 7 also PAR-1 and PAR-2.
"""
from __future__ import annotations

from contextlib import ExitStack
from typing import Iterator

import pytest

from tests.reference_fixtures import (
    ABUSES,
    MULTIBYTE_1024,
    OVERSIZE,
    ServerProcess,
    is_error,
    serving,
)

SERVERS = [(3, "raw"), (3, "line"), (7, "raw"), (7, "line")]


@pytest.fixture(scope="module", params=SERVERS, ids=[f"step{step}-{framing}" for step, framing in SERVERS])
def server(request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    with serving(*request.param) as running:
        yield running


def assert_still_serving(server: ServerProcess) -> None:
    with server.client() as client:
        assert client.exchange("encore là ? 🦆") == "encore là ? 🦆"
        client.send("fin")
        assert client.expect_closed() == b""


def test_echo_session_until_fin(server: ServerProcess) -> None:
    with server.client() as client:
        for text in ["Bonjour", "Ça marche, même avec des accents 🦆", "\tTab et  espaces ", "fin de journée",
                     "fine", "enfin", "FIN", " fin", "fin.", MULTIBYTE_1024]:
            assert client.exchange(text) == text
        client.send("fin")
        assert client.expect_closed() == b""


def test_reply_bytes(server: ServerProcess) -> None:
    with server.client() as client:
        if server.framing == "line":
            client.send_bytes("é".encode()[:1])
            client.send_bytes("é".encode()[1:] + b"t\xc3")
            client.send_bytes(b"\xa9\r\n")
            assert client.receive_bytes() == "été\n".encode()
            client.send_bytes(b"un\ndeux\n")
            assert client.receive_bytes() == b"un\n"
            assert client.receive_bytes() == b"deux\n"
        else:
            client.send_bytes("été".encode())
            assert client.receive_bytes() == "été".encode()
            client.send_bytes(b"nc\n")
            assert client.receive_bytes() == b"nc"
            client.send_bytes(b"telnet\r\n")
            assert client.receive_bytes() == b"telnet"


def test_empty_message_gets_an_empty_reply(server: ServerProcess) -> None:
    with server.client() as client:
        client.send_bytes(b"\n")
        assert client.receive_bytes() == b"\n"
        assert client.exchange("après") == "après"


def test_invalid_utf8_gets_an_error_and_the_session_goes_on(server: ServerProcess) -> None:
    with server.client() as client:
        client.send_bytes(b"\xff\xfe\xfd" + (b"\n" if server.framing == "line" else b""))
        assert is_error(client.receive())
        assert client.exchange("toujours là") == "toujours là"


def test_oversize_message(server: ServerProcess) -> None:
    with server.client() as client:
        client.send(OVERSIZE)
        if server.framing == "line":
            assert is_error(client.receive())
        else:  # raw framing answers it in pieces, and no character is broken
            assert client.receive_at_least(len(OVERSIZE.encode())).decode() == OVERSIZE
        assert client.exchange("ok") == "ok"


def test_next_client_is_served_after_the_first(server: ServerProcess) -> None:
    with server.client() as first, server.client() as second:
        assert first.exchange("salut") == "salut"
        second.send("coucou")  # step 3: waits in the backlog until the first client leaves
        first.send("fin")
        assert first.expect_closed() == b""
        assert second.receive() == "coucou"


@pytest.mark.parametrize("abuse", sorted(ABUSES))
def test_survives_abuse(server: ServerProcess, abuse: str) -> None:
    with server.client() as client:
        ABUSES[abuse](client)
    assert_still_serving(server)


def test_silent_client_does_not_block_others(server: ServerProcess) -> None:
    if server.step != 7:
        pytest.skip("GEN-4: step 3 serves one client at a time")
    with server.client() as silent, server.client() as talker:
        assert talker.exchange("je passe") == "je passe"
        assert silent.exchange("moi aussi") == "moi aussi"


def test_200_simultaneous_clients_get_their_own_echo(server: ServerProcess) -> None:
    if server.step != 7:
        pytest.skip("GEN-4: step 3 serves one client at a time")
    with ExitStack() as stack:
        clients = [stack.enter_context(server.client(timeout=20)) for _ in range(200)]
        for number, client in enumerate(clients):
            client.send(f"client {number} 🦆")
        for number, client in enumerate(clients):
            assert client.receive() == f"client {number} 🦆"
        for client in clients:
            client.send("fin")
        for client in clients:
            assert client.expect_closed() == b""
