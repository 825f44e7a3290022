"""Unit tests of step 8's shared list and its dialogue, sans I/O (STORE-1 to STORE-6)."""
from __future__ import annotations

import threading
from typing import List

import pytest

from reference_impl.dialogues import StoreDialogue
from reference_impl.reply import Reply
from reference_impl.store import MessageStore


def test_store_count_get_find() -> None:
    store = MessageStore()
    assert store.count() == 0
    assert store.store("un") == 1
    assert store.store("deux 🦆") == 2
    assert store.store("un") == 3
    assert store.count() == 3
    assert store.get(2) == "deux 🦆"
    assert store.get(0) is None and store.get(4) is None
    assert store.find("un") == [1, 3]
    assert store.find("trois") == []


def test_threads_storing_together_lose_nothing_store_5() -> None:
    store = MessageStore()
    writers, each = 8, 500
    positions: List[List[int]] = [[] for _ in range(writers)]
    start = threading.Barrier(writers)

    def write(writer: int) -> None:
        start.wait(timeout=10)
        for index in range(each):
            positions[writer].append(store.store(f"w{writer}-{index}"))

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert store.count() == writers * each
    for writer in range(writers):
        assert positions[writer] == sorted(positions[writer])
        for index, position in enumerate(positions[writer]):
            assert store.get(position) == f"w{writer}-{index}"
            assert store.find(f"w{writer}-{index}") == [position]


def is_error(reply: Reply) -> bool:
    return reply.text is not None and reply.text.lower().startswith("erreur")


def test_dialogue_store_and_read_back_store_1_to_3() -> None:
    shared = MessageStore()
    alice, bob = StoreDialogue(shared), StoreDialogue(shared)
    acknowledgement = alice.answer("Premier message 🦆")
    assert acknowledgement.text and not is_error(acknowledgement)
    assert bob.answer("/find Premier message 🦆") == Reply("1")  # STORE-4: shared
    assert bob.answer("/get 1") == Reply("Premier message 🦆")
    assert bob.answer("/find absent") == Reply("0")
    bob.answer("Premier message 🦆")
    assert alice.answer("/find Premier message 🦆") == Reply("1 2")
    assert alice.answer("/count") == Reply("2")


@pytest.mark.parametrize(
    "message", ["/get 999", "/get 0", "/get", "/get ", "/get x", "/get -1", "/get ٣", "/find", "/find ", "/foo", "/count x", ""]
)
def test_dialogue_errors_store_3_store_6(message: str) -> None:
    dialogue = StoreDialogue(MessageStore())
    dialogue.answer("un")
    reply = dialogue.answer(message)
    assert is_error(reply) and not reply.close


def test_dialogue_fin_closes_and_is_not_stored() -> None:
    shared = MessageStore()
    assert StoreDialogue(shared).answer("fin") == Reply(close=True)
    assert shared.count() == 0
