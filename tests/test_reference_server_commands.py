"""Step 6 over loopback, both framings.

Clauses: CMD-1 to CMD-9, TEXT-1, SEQ-1, FRAME-1 to FRAME-3, ROBUST-1 to ROBUST-4.
"""
from __future__ import annotations

from typing import Iterator

import pytest

from tests.reference_fixtures import ABUSES, FRAMINGS, ServerProcess, is_error, serving


@pytest.fixture(scope="module", params=FRAMINGS)
def server(request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    with serving(6, request.param) as running:
        yield running


def assert_still_serving(server: ServerProcess) -> None:
    with server.client() as client:
        assert client.exchange("Roger") == "Bienvenue Roger !"
        assert client.exchange("/bye") == "À bientôt Roger !"
        assert client.expect_closed() == b""


def test_spec_transcript(server: ServerProcess) -> None:
    with server.client() as client:
        assert client.exchange("Ginette") == "Bienvenue Ginette !"
        assert client.exchange("/me applaudit") == "* Ginette applaudit"
        assert client.exchange("/all Salut tout le monde !") == "[Ginette] Salut tout le monde !"
        help_text = client.exchange("/help")
        assert not is_error(help_text)
        assert all(command in help_text for command in ("/all", "/me", "/bye", "/help"))
        assert is_error(client.exchange("/danse"))
        assert client.exchange("/bye") == "À bientôt Ginette !"
        assert client.expect_closed() == b""


def test_pseudo_without_surrounding_spaces_and_with_emoji(server: ServerProcess) -> None:
    with server.client() as client:
        assert client.exchange("  Éloïse🦆 ") == "Bienvenue Éloïse🦆 !"
        assert client.exchange("/me chante «  là  »") == "* Éloïse🦆 chante «  là  »"
        assert client.exchange("/bye") == "À bientôt Éloïse🦆 !"


def test_invalid_pseudo_is_asked_again(server: ServerProcess) -> None:
    with server.client() as client:
        for pseudo in ["Gi nette", "a/b", "x" * 33, "/bye"]:
            assert is_error(client.exchange(pseudo)), pseudo
        assert client.exchange("Ginette") == "Bienvenue Ginette !"
        assert client.exchange("/bye") == "À bientôt Ginette !"


def test_unknown_and_malformed_commands_then_the_session_goes_on(server: ServerProcess) -> None:
    with server.client() as client:
        client.exchange("Roger")
        for command in ["/foo", "/ALL x", "/me", "/all", "/me ", "/all ", "/bye maintenant"]:
            assert is_error(client.exchange(command)), command
            assert client.exchange("/me reste") == "* Roger reste"
        assert client.exchange("Salut sans commande") == "[Roger] Salut sans commande"
        assert client.exchange("fin") == "[Roger] fin"
        assert client.exchange("/bye") == "À bientôt Roger !"


@pytest.mark.parametrize("abuse", sorted(ABUSES))
def test_survives_abuse(server: ServerProcess, abuse: str) -> None:
    with server.client() as client:
        ABUSES[abuse](client)
    assert_still_serving(server)


def test_survives_abuse_after_the_pseudo(server: ServerProcess) -> None:
    with server.client() as client:
        client.exchange("Ginette")
        client.send_bytes(b"/all \xff\xfe" + (b"\n" if server.framing == "line" else b""))
        assert is_error(client.receive())
        assert client.exchange("/me revient") == "* Ginette revient"
        client.reset()
    assert_still_serving(server)
