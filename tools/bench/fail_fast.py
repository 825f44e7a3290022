"""How long the suite takes to give up: nothing listening, a black hole, the slowest catalogue servers.

A student whose server is down or stuck wants the bad news in seconds, not minutes. The black hole
is a server that accepts every connection and never reads nor answers (a ``while True: pass`` after
``accept()``, seen from the network). The slow catalogue servers are faulty servers whose faults make
the suite wait (no close after ``/bye``, ``fin`` ignored...), run as the catalogue test runs them.
"""
from __future__ import annotations

import contextlib
import selectors
import socket
import threading
from dataclasses import replace
from typing import Iterator, List, Sequence, Tuple

from conformance.server_under_test.launcher import free_port
from tools.bench.floor import UnitCosts
from tools.bench.suite_timing import SuiteTiming, run_conformance
from tools.catalogue import MODE_SERVER_CMD, SuiteRun, load_catalogue, suite_arguments

NOTHING_LISTENING_EXIT = 3   # the suite's exit code when the target does not answer at all
FAILED_EXIT = 1              # pytest: some checks failed
FAIL_FAST_STEP = 3
# The slowest faulty servers of the catalogue in the last full measurement
# (/work/shared/measurements, "Faulty servers"): each waits on a different timeout.
SLOWEST = ("step6/cmd_bye_no_close_cmd4", "step2/ignores_fin_sess2", "step2/closes_after_first_sess1")


@contextlib.contextmanager
def black_hole() -> Iterator[Tuple[str, int]]:
    """A loopback server that accepts connections and holds them, silent, until the block ends."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    listener.setblocking(False)
    stop = threading.Event()
    held: List[socket.socket] = []

    def hold() -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(listener, selectors.EVENT_READ)
            while not stop.is_set():
                if selector.select(timeout=0.05):
                    with contextlib.suppress(BlockingIOError):
                        held.append(listener.accept()[0])

    thread = threading.Thread(target=hold, name="black-hole", daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[:2]
    finally:
        stop.set()
        thread.join(5)
        for conn in held:
            conn.close()
        listener.close()


def time_fail_fast(costs: UnitCosts, slow: Sequence[str]) -> List[SuiteTiming]:
    """Nothing listening and a black hole (``--target``, step 3), then each ``slow`` catalogue
    server (``--server-cmd``, its own step), all with ``-n 0``."""
    timings = []
    nowhere = f"127.0.0.1:{free_port()}"
    timing, _ = run_conformance("nothing listening", ["--target", nowhere, "--step", str(FAIL_FAST_STEP)], costs)
    timings.append(replace(timing, verdict_ok=timing.exit_code == NOTHING_LISTENING_EXIT))
    with black_hole() as (host, port):
        timing, _ = run_conformance("black hole", ["--target", f"{host}:{port}", "--step", str(FAIL_FAST_STEP)],
                                    costs)
    timings.append(replace(timing, verdict_ok=timing.exit_code == FAILED_EXIT))
    catalogue = {expectation.name: expectation for expectation in load_catalogue()}
    for name in slow:
        expectation = catalogue[name]
        timing, results = run_conformance(
            name, suite_arguments(expectation, MODE_SERVER_CMD), costs)
        run = SuiteRun(expectation, MODE_SERVER_CMD, 0, timing.exit_code, results, "")
        timings.append(replace(timing, verdict_ok=results is not None and run.failed_must() == expectation.fails))
    return timings


def known_slow_servers() -> List[str]:
    """The catalogue names the bench accepts for ``--slow``."""
    return [expectation.name for expectation in load_catalogue()
            if not expectation.correct and not expectation.is_client]
