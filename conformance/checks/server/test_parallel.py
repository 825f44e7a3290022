"""Steps 7-8: clients served concurrently (PAR-1, PAR-2)."""
from __future__ import annotations

import threading
from typing import List

import pytest

from conformance.core import wire
from conformance.server_under_test import dialogue

CLIENTS = 20
ROUNDS = 4


@pytest.mark.clause("PAR-1")
@pytest.mark.steps(7, 8)
def test_idle_client_does_not_block(step, server, check):
    idle = server.connect("idle client (sends nothing)")
    try:
        ok, why = server.still_serves("second client, while the idle one is connected")
        check.require(ok, "another client is served while an idle client is connected", why)
    finally:
        server.end(idle)


@pytest.mark.clause("PAR-2")
@pytest.mark.steps(7)
def test_many_clients_at_once(step, server, check):
    mark = dialogue.token()
    problems: List[str] = []
    with server.crowd(CLIENTS, "client") as conns:
        barrier = threading.Barrier(CLIENTS, timeout=server.settings.reply_timeout * (ROUNDS + 2))
        others = [f"c{index}-{mark}" for index in range(CLIENTS)]

        def talk(index: int) -> None:
            conn = conns[index]
            own = others[index]
            try:
                for round_ in range(ROUNDS):
                    barrier.wait()
                    text = f"{own} r{round_}"
                    reply = conn.exchange(text, wire.containing(text, text))
                    strangers = [o for o in others if o != own and f"{o} " in reply.text]
                    if text not in reply.text or strangers:
                        problems.append(f"client {index} sent {text!r} and got {reply.describe()}"
                                        + (f" (carrying other clients' messages: {strangers})" if strangers else ""))
                        barrier.abort()
                        return
            except threading.BrokenBarrierError:
                return

        threads = [threading.Thread(target=talk, args=(index,), daemon=True) for index in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(server.settings.reply_timeout * (ROUNDS + 3))
        check.require(not problems and not any(t.is_alive() for t in threads),
                      f"each of {CLIENTS} simultaneous clients gets the replies to its own messages, and only those",
                      "; ".join(problems[:5]) or "some clients were still waiting")
