"""Step 8 over loopback, both framings.

Clauses: STORE-1 to STORE-6, SESS-1, SESS-2, SEQ-1, PAR-1, TEXT-1, FRAME-1 to FRAME-3,
ROBUST-1 to ROBUST-4.
"""
from __future__ import annotations

import threading
import uuid
from typing import Dict, Iterator, List

import pytest

from tests.reference_fixtures import ABUSES, FRAMINGS, ServerProcess, is_error, serving


@pytest.fixture(scope="module", params=FRAMINGS)
def server(request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    with serving(8, request.param) as running:
        yield running


def assert_still_serving(server: ServerProcess) -> None:
    with server.client() as client:
        assert client.exchange("/count").isdigit()
        client.send("fin")
        assert client.expect_closed() == b""


def test_store_find_get(server: ServerProcess) -> None:
    text = f"Premier message 🦆 {uuid.uuid4()}"
    with server.client() as client:
        acknowledgement = client.exchange(text)
        assert acknowledgement and not is_error(acknowledgement)
        position = client.exchange(f"/find {text}")
        assert position.isdigit() and int(position) >= 1
        assert client.exchange(f"/get {position}") == text
        assert client.exchange(f"/find absent {uuid.uuid4()}") == "0"
        assert int(client.exchange("/count")) >= int(position)
        for bad in ["/get 999999", "/get x", "/get", "/find", "/danse", "/count 2"]:
            assert is_error(client.exchange(bad)), bad
        client.send_bytes(b"\n")  # an empty message, in either framing
        assert is_error(client.receive())
        client.send("fin")
        assert client.expect_closed() == b""


def test_list_is_shared_between_clients(server: ServerProcess) -> None:
    text = f"de Ginette pour Roger {uuid.uuid4()}"
    with server.client() as ginette:
        ginette.exchange(text)
    with server.client() as roger:
        position = roger.exchange(f"/find {text}")
        assert roger.exchange(f"/get {position}") == text


def test_many_clients_storing_at_once_lose_nothing(server: ServerProcess) -> None:
    writers, each = 20, 15
    start = threading.Barrier(writers)
    problems: Dict[int, str] = {}

    def write(writer: int) -> None:
        try:
            with server.client(timeout=20) as client:
                texts = [f"w{writer}-{index}-{uuid.uuid4()}" for index in range(each)]
                start.wait(timeout=20)
                for text in texts:
                    assert not is_error(client.exchange(text))
                positions: List[int] = []
                for text in texts:
                    found = client.exchange(f"/find {text}").split(" ")
                    assert len(found) == 1 and found[0] != "0", (text, found)
                    positions.append(int(found[0]))
                    assert client.exchange(f"/get {found[0]}") == text
                assert positions == sorted(positions)
        except BaseException as problem:  # reported in the test's thread below
            problems[writer] = repr(problem)

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert problems == {}


def test_silent_client_does_not_block_others(server: ServerProcess) -> None:
    with server.client() as silent, server.client() as talker:
        assert talker.exchange("/count").isdigit()
        assert silent.exchange("/count").isdigit()


@pytest.mark.parametrize("abuse", sorted(ABUSES))
def test_survives_abuse(server: ServerProcess, abuse: str) -> None:
    with server.client() as client:
        ABUSES[abuse](client)
    assert_still_serving(server)
