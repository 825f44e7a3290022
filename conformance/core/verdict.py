"""Turning a broken clause into a failure a student can act on.

The message names the clause and its level, quotes the clause from the spec, says what was expected
and what was seen, and carries the transcripts and the server's output tail.
"""
from __future__ import annotations

import warnings
from typing import Callable, List, NoReturn, Optional

import pytest

from conformance.core.clauses import clause
from conformance.core.messages import ENGLISH, translate_text, translator
from conformance.core.transcript import Transcript, translate_rendered


# A check's outcome in the results JSON (ARCHITECTURE.md, "Results file").
PASSED = "passed"              # the clause holds on what was checked
FAILED = "failed"              # the clause is broken
ERROR = "error"                # nothing could be checked for the suite's or the start's sake
SKIPPED = "skipped"            # the check does not apply (raw framing for a line clause, --target...)
NOT_REACHED = "not_reached"    # could not be checked because of another fault (the message names it)
ADVICE = "advice"              # a SHOULD clause not followed: reported, never failing the run
DID_NOT_START = "did_not_start"  # the server never listened: nothing was checked (said once, in the summary)
NOT_RUN = "not_run"            # not run by choice (--gentle) or for lack of means (step 4 with --target)
OUTCOMES = (PASSED, FAILED, ERROR, SKIPPED, NOT_REACHED, ADVICE, DID_NOT_START, NOT_RUN)
NOT_REACHED_PREFIX = "not reached:"     # starts a not-reached check's message (msgid: translated)
NOT_RUN_PREFIX = "not run:"             # starts a not-run check's message (msgid: translated)


class AdviceWarning(UserWarning):
    """A SHOULD clause the server does not follow: reported, never failing the run."""


class Check:
    """The verdict of one check on one clause, with the evidence gathered on the way."""

    def __init__(self, clause_id: str, lang: str = ENGLISH) -> None:
        self.lang = lang
        self._ = translator(lang)
        self.clause = clause(clause_id, lang)      # quoted from the spec in the reader's language
        self.transcripts: List[Transcript] = []
        self.rendered: List[str] = []        # transcripts recorded elsewhere (a cached scenario)
        self.server_output: Callable[[], str] = lambda: ""
        self.message = ""            # the short failure message (results JSON)
        self.framing: Optional[str] = None
        self.skip_outcome: Optional[str] = None    # NOT_REACHED or ADVICE when the check skips for that

    def attach(self, transcript: Transcript) -> Transcript:
        if transcript not in self.transcripts:
            self.transcripts.append(transcript)
        return transcript

    def attach_text(self, rendered: str) -> None:
        if rendered and rendered not in self.rendered:
            self.rendered.append(rendered)

    def headline(self) -> str:
        return f"{self.clause.id} [{self.clause.level}] {self.clause.text}"

    def transcript_text(self) -> str:
        """The transcripts, their labels and events in the reader's language (bytes as they are)."""
        return translate_rendered("\n".join(self.rendered + [t.render() for t in self.transcripts]), self.lang)

    def tr(self, text: str) -> str:
        """A text the suite built in English (``expected``, ``seen``, a cause), in the reader's language."""
        return translate_text(self.lang, text)

    def fail(self, expected: str, seen: str) -> NoReturn:
        """Fail the check with the clause, expected vs seen, transcripts and server output.

        ``expected`` and ``seen`` are English; they are shown translated (``messages.translate_text``),
        the quoted bytes in them as they are."""
        _ = self._
        broken = _("{clause} [{level}] broken", clause=self.clause.id, level=self.clause.level)
        expected, seen = self.tr(expected), self.tr(seen)
        width = max(len(_("expected:")), len(_("seen:")))
        expected_line = f"  {_('expected:'):<{width}} {expected}"
        seen_line = f"  {_('seen:'):<{width}} {seen}"
        self.message = f"{broken}\n{expected_line}\n{seen_line}"
        parts = [broken, f"  {_('clause:')} {self.clause.text}", expected_line, seen_line]
        if self.transcripts or self.rendered:
            parts.append(self.transcript_text())
        output = self.server_output()
        if output:
            parts.append(translate_rendered(output, self.lang))
        # ``from None``: a check that fails while handling an exception (a reset, a timeout) shows its
        # verdict, not the kit's "During handling of the above exception..." chain
        raise pytest.fail.Exception("\n".join(parts), pytrace=False) from None

    def require(self, condition: bool, expected: str, seen: str) -> None:
        if not condition:
            self.fail(expected, seen)

    def not_reached(self, why: str) -> NoReturn:
        """The check could not get to the point it verifies, because of another fault (the server
        stopped earlier, found no framing...): a skip naming that fault, so one fault fails one
        clause. Reported as NOT_REACHED, never as passed."""
        self.message = f"{self._(NOT_REACHED_PREFIX)} {self.tr(why)}"
        self.skip_outcome = NOT_REACHED
        pytest.skip(self.message)

    def did_not_start(self, why: str, msgid: str = "server did not start: {error}") -> NoReturn:
        """The server (or client, with its ``msgid``) never started: this check was not made. A skip,
        so the start error (its traceback) is told once, in the summary, not once per check."""
        self.message = self._(msgid, error=self.tr(why.splitlines()[0]) if why else "")
        self.skip_outcome = DID_NOT_START
        pytest.skip(self.message)

    def not_run(self, why: str) -> NoReturn:
        """The check was left out (``--gentle``, or what it needs is missing): its clause is
        neither passed nor failed, and the summary says the verdict is partial."""
        self.message = f"{self._(NOT_RUN_PREFIX)} {self.tr(why)}"
        self.skip_outcome = NOT_RUN
        pytest.skip(self.message)

    def advise(self, expected: str, seen: str) -> NoReturn:
        """A SHOULD clause not followed: a warning and a skip, never a failure."""
        text = self._("advice ({clause} [{level}]): expected {expected}; seen {seen}", clause=self.clause.id,
                      level=self.clause.level, expected=self.tr(expected), seen=self.tr(seen))
        self.message = text
        self.skip_outcome = ADVICE
        warnings.warn(AdviceWarning(text))
        pytest.skip(text)
