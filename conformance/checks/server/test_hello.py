"""Step 1: one greeting exchange (HELLO-1 to HELLO-3), read from the step's one-connection scenario."""
from __future__ import annotations

import pytest

from conformance.server_under_test.scenario import HELLO_TEXT

pytestmark = pytest.mark.steps(1)


def _first(scenario, check):
    first = scenario.first
    if first is None:
        check.not_reached(scenario.why_not_reached())
    return first


@pytest.mark.clause("HELLO-1")
def test_one_non_empty_reply(step, scenario, check):
    first = _first(scenario, check)
    check.require(first["received"] and bool(first["text"].strip()),
                  f"one non-empty reply to {HELLO_TEXT!r}", first["shown"])


@pytest.mark.clause("HELLO-2")
def test_closes_after_reply(step, scenario, check):
    first = _first(scenario, check)
    if not first["received"]:
        check.not_reached(f"no reply to {HELLO_TEXT!r} (see HELLO-1)")
    closing = scenario.data.get("closing") or {"outcome": first["ending"], "extra": ""}
    if first["ending"] in ("eof", "reset"):
        return
    check.require(closing["outcome"] in ("eof", "reset") and not closing["extra"],
                  "the server closes the connection right after its reply",
                  f"connection {'still open' if closing['outcome'] == 'timeout' else closing['outcome']}"
                  + (f", and more arrived: {closing['extra']}" if closing["extra"] else ""))


@pytest.mark.clause("HELLO-3")
def test_reply_text_advice(step, scenario, check):
    first = _first(scenario, check)
    if first["text"].strip() != "Bonjour client !":
        check.advise("'Bonjour client !'", first["shown"])
