"""Unit tests of the simple dialogues: greeting, echo, chat and calculator (sans I/O)."""
from __future__ import annotations

from typing import List

from reference_impl.dialogues import CalculatorDialogue, ChatDialogue, EchoDialogue, GreetingDialogue
from reference_impl.reply import Reply, error


def test_error_replies_start_with_erreur() -> None:
    assert error("division par zéro") == Reply("Erreur : division par zéro")


def test_greeting_hello_1_to_3() -> None:
    assert GreetingDialogue().answer("Bonjour serveur !") == Reply("Bonjour client !", close=True)


def test_echo_echo_1_sess_2_sess_3() -> None:
    echo = EchoDialogue()
    for text in ["Bonjour", " Ça marche 🦆 ", "", "fin de journée", "fine", "enfin", "FIN", " fin"]:
        assert echo.answer(text) == Reply(text)
    assert echo.answer("fin") == Reply(close=True)


class Operator:
    """Plays the person at the server's terminal."""

    def __init__(self, lines: List[str]) -> None:
        self.lines = lines
        self.shown: List[str] = []

    def show(self, line: str) -> None:
        self.shown.append(line)

    def ask(self, prompt: str) -> str:
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)


def test_chat_shows_the_message_and_sends_the_operator_line_chat_1_chat_2() -> None:
    person = Operator(["Très bien, et toi ?"])
    chat = ChatDialogue(person.show, person.ask)
    assert chat.answer("Salut, ça va ?") == Reply("Très bien, et toi ?")
    assert person.shown == ["Client dit: Salut, ça va ?"]


def test_chat_client_fin_does_not_ask_the_operator_chat_3() -> None:
    person = Operator(["à ne pas lire"])
    assert ChatDialogue(person.show, person.ask).answer("fin") == Reply(close=True)
    assert person.lines == ["à ne pas lire"] and person.shown == []


def test_chat_operator_fin_is_sent_then_closes_chat_4() -> None:
    person = Operator(["fin"])
    assert ChatDialogue(person.show, person.ask).answer("Salut") == Reply("fin", close=True)


def test_chat_operator_gone_stops_the_server() -> None:
    reply = ChatDialogue(Operator([]).show, Operator([]).ask).answer("Salut")
    assert reply.close and reply.text is None and reply.stop_server


def test_calculator_dialogue_calc_1_calc_2_sess_2() -> None:
    calculator = CalculatorDialogue()
    assert calculator.answer("3*5+1") == Reply("16")
    assert calculator.answer("1/0") == Reply("Erreur : division par zéro")
    assert calculator.answer("fin") == Reply(close=True)
