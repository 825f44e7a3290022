"""Unit tests of step 6's mini-protocol, sans I/O (CMD-1 to CMD-9)."""
from __future__ import annotations

import pytest

from reference_impl.commands import HELP, answer_command, pseudo_problem, welcome
from reference_impl.dialogues import CommandDialogue
from reference_impl.reply import Reply


def is_error(reply: Reply) -> bool:
    return reply.text is not None and reply.text.lower().startswith("erreur")


@pytest.mark.parametrize("pseudo", ["Ginette", "Roger-42", "Éloïse", "🦆", "a", "x" * 32, "a.b", "é" * 32])
def test_valid_pseudos(pseudo: str) -> None:
    assert pseudo_problem(pseudo) is None


@pytest.mark.parametrize("pseudo", ["", "x" * 33, "Gi nette", "a/b", "/bye", "tab\there", "nul\x00"])
def test_invalid_pseudos(pseudo: str) -> None:
    assert pseudo_problem(pseudo) is not None


def test_welcome_is_not_an_error_cmd_1() -> None:
    assert welcome("Ginette") == "Bienvenue Ginette !"


def test_me_cmd_2() -> None:
    assert answer_command("Ginette", "/me applaudit") == Reply("* Ginette applaudit")


def test_all_cmd_3() -> None:
    assert answer_command("Ginette", "/all Salut tout le monde !") == Reply("[Ginette] Salut tout le monde !")


def test_text_is_kept_exactly() -> None:
    assert answer_command("G", "/all  deux espaces ") == Reply("[G]  deux espaces ")


def test_bye_closes_cmd_4() -> None:
    assert answer_command("Ginette", "/bye") == Reply("À bientôt Ginette !", close=True)


def test_help_names_every_command_cmd_6() -> None:
    reply = answer_command("G", "/help")
    assert reply == Reply(HELP)
    for command in ("/all", "/me", "/bye", "/help"):
        assert command in reply.text


@pytest.mark.parametrize("message", ["/foo", "/ALL x", "/danse", "/", "/all\tx", "//all x", "/Me x"])
def test_unknown_command_cmd_7(message: str) -> None:
    reply = answer_command("G", message)
    assert is_error(reply) and not reply.close


@pytest.mark.parametrize("message", ["/me", "/all", "/me ", "/all ", "/bye now", "/help me", ""])
def test_malformed_command_cmd_8(message: str) -> None:
    reply = answer_command("G", message)
    assert is_error(reply) and not reply.close


@pytest.mark.parametrize("message", ["bonjour", "fin", " /all x", "Ça va 🦆 ?"])
def test_plain_text_is_said_to_all_cmd_9(message: str) -> None:
    assert answer_command("G", message) == Reply(f"[G] {message}")


def test_dialogue_pseudo_first_then_commands_cmd_1_cmd_5() -> None:
    dialogue = CommandDialogue()
    assert is_error(dialogue.answer("Gi nette"))
    assert is_error(dialogue.answer("/me danse"))  # still no pseudo: "/" is not allowed in one
    assert dialogue.answer("  Ginette\t") == Reply("Bienvenue Ginette !")
    assert dialogue.answer("/me danse") == Reply("* Ginette danse")
    assert dialogue.answer("/bye") == Reply("À bientôt Ginette !", close=True)
