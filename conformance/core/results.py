"""Gathering check outcomes (on the xdist controller too) into the summary and the results JSON.

Workers attach a ``canaduck`` user property to every report; the controller receives the reports,
so the results are complete whether or not the run is distributed.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Dict, List, Optional

from conformance.core.clauses import spec_clauses
from conformance.core.messages import translate_text, translator
from conformance.core.settings import ROLE_CLIENT, Settings
from conformance.core.transcript import translate_rendered
from conformance.core.verdict import (ADVICE, DID_NOT_START, ERROR, FAILED, NOT_REACHED, NOT_REACHED_PREFIX, NOT_RUN,
                                 NOT_RUN_PREFIX, PASSED, SKIPPED)

# How a clause's checks add up (``Results.clauses``): the worst outcome wins. A clause with a check
# not reached (or not run) is not shown to hold (no free points), but is not failed either (one
# fault, one clause).
CLAUSE_RANK = {SKIPPED: 0, PASSED: 1, NOT_RUN: 2, NOT_REACHED: 3, DID_NOT_START: 4, ADVICE: 5, FAILED: 6}

SCHEMA = "canaduck-results/1"
PROPERTY = "canaduck"


def property_of(report) -> Optional[Dict[str, Any]]:
    for name, value in getattr(report, "user_properties", ()):
        if name == PROPERTY:
            return value
    return None


class Results:
    """Outcome per check (by nodeid), built from test reports."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.checks: "OrderedDict[str, Dict[str, Any]]" = OrderedDict()
        self.run_error: Optional[str] = None      # e.g. nothing listening at the target
        self.not_started: Optional[str] = None    # the server never started: why, with its output
        self.selected = 0                         # the checks the run was to make
        self.stopped: Optional[str] = None        # why the run ended before its checks did (a msgid)
        self.still_answers: Optional[str] = None  # --target: the server after the checks (a msgid)

    def partial(self) -> bool:
        """The verdict does not cover what the run was to check: it stopped early, a check was left
        out (not run), or no check reached a verdict. Such a run never exits 0 (plugin)."""
        if self.not_started or self.run_error:
            return False          # said otherwise, with its own exit code
        outcomes = {record["outcome"] for record in self.checks.values()}
        return bool(self.stopped or len(self.checks) < self.selected or NOT_RUN in outcomes
                    or not outcomes & {PASSED, FAILED, ERROR, ADVICE})

    def add(self, report) -> None:
        info = property_of(report)
        if info is None:
            return
        record = self.checks.get(report.nodeid)
        if record is None:
            record = self.checks[report.nodeid] = {
                "nodeid": report.nodeid, "clause": info["clause"], "level": info["level"],
                "step": info["step"], "outcome": "passed", "message": "", "transcript": "",
                "server_output": "", "duration": 0.0, "framing": None, "start_error": None}
        for key in ("transcript", "server_output", "framing", "start_error"):
            if info.get(key):
                record[key] = info[key]
        message = info.get("message") or ""
        if report.when == "call":
            record["duration"] = round(report.duration, 3)
        skipped = info.get("skipped_as") or SKIPPED      # NOT_REACHED / ADVICE, set by the Check
        if report.when == "setup":
            if report.failed:
                record["outcome"] = ERROR
            elif report.skipped:
                record["outcome"] = skipped
        elif report.when == "call":
            record["outcome"] = PASSED if report.passed else FAILED if report.failed else skipped
        elif report.failed and record["outcome"] == PASSED:
            record["outcome"] = ERROR
        if record["start_error"] and record["outcome"] == FAILED:
            record["outcome"] = ERROR      # the server never came up: nothing was checked
        if report.failed or report.skipped:
            if not message:
                message = _longrepr_message(report)
            if message and not record["message"]:
                record["message"] = message

    def framing(self) -> Optional[str]:
        """The detected framing: one word, or ``step3=raw step5=line`` when the steps differ."""
        by_step: Dict[int, str] = {}
        for record in self.checks.values():
            if record["framing"]:
                by_step.setdefault(record["step"], record["framing"])
        values = set(by_step.values())
        if not values:
            return self.settings.framing if self.settings.role == ROLE_CLIENT else None
        if len(values) == 1:
            return values.pop()
        return " ".join(f"step{step}={framing}" for step, framing in sorted(by_step.items()))

    def start_error(self) -> Optional[str]:
        if self.run_error:
            return self.run_error
        if self.not_started:
            return f"{self.settings.role} did not start: {self.not_started}"
        for record in self.checks.values():
            if record["start_error"]:
                return record["start_error"]
        return None

    def clauses(self) -> "OrderedDict[str, str]":
        """Clause → failed / advice / not_reached / passed / skipped: the worst of its checks
        (``CLAUSE_RANK``; an error counts as failed)."""
        verdicts: "OrderedDict[str, str]" = OrderedDict()
        for record in self.checks.values():
            outcome = FAILED if record["outcome"] == ERROR else record["outcome"]
            previous = verdicts.get(record["clause"])
            if previous is None or CLAUSE_RANK[outcome] > CLAUSE_RANK[previous]:
                verdicts[record["clause"]] = outcome
        order = {clause_id: index for index, clause_id in enumerate(spec_clauses())}
        return OrderedDict(sorted(verdicts.items(), key=lambda item: order.get(item[0], len(order))))

    def as_json(self) -> Dict[str, Any]:
        settings = self.settings
        checks: List[Dict[str, Any]] = []
        for record in self.checks.values():
            checks.append({key: record[key] for key in ("nodeid", "clause", "level", "step", "outcome",
                                                        "message", "transcript", "server_output", "duration")})
        start_error = self.start_error()
        return {
            "schema": SCHEMA,
            "target": settings.target_text,
            "role": settings.role,
            "server_cmd": (settings.server_command(settings.steps[0])
                           if settings.mode != "target" and settings.role != ROLE_CLIENT else None),
            "client_cmd": settings.client_cmd,
            "steps": list(settings.steps),
            "framing": self.framing(),
            "started": start_error is None,
            "start_error": start_error,
            "checks": checks,
        }

    def write(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.as_json(), handle, ensure_ascii=False, indent=2)
            handle.write("\n")

    def summary_lines(self) -> List[str]:
        _ = translator(self.settings.lang)
        clauses = self.clauses()
        by_verdict: Dict[str, List[str]] = {}
        for clause_id, verdict in clauses.items():
            by_verdict.setdefault(verdict, []).append(clause_id)
        target = _(self.settings.target_text)
        lang = self.settings.lang
        framing = self.framing()
        lines = [_("target:  {target}", target=target)
                 + (f"  ({self.settings.command_text})" if self.settings.command_text else ""),
                 _("steps:   {steps}", steps=" ".join(map(str, self.settings.steps))),
                 _("framing: {framing}", framing=" ".join(translate_text(lang, word) for word in framing.split())
                   if framing else _("not detected"))]
        if self.not_started:
            lines.append(_("THE CLIENT DID NOT START: none of the {count} checks could be made."
                           if self.settings.role == ROLE_CLIENT else
                           "THE SERVER DID NOT START: none of the {count} checks could be made.",
                           count=len(self.checks)))
            lines.extend("  " + line for line in
                         translate_rendered(translate_text(lang, self.not_started), lang).splitlines())
            return lines
        if self.start_error():
            lines.append(_("server did not start / not reachable: {error}",
                           error=translate_text(lang, self.start_error().splitlines()[0])))
        passed, failed = by_verdict.get(PASSED, []), by_verdict.get(FAILED, [])
        lines.append(_("clauses passed ({count}): {clauses}", count=len(passed), clauses=" ".join(passed) or "-"))
        lines.append(_("clauses FAILED ({count}): {clauses}", count=len(failed), clauses=" ".join(failed) or "-"))
        not_reached = by_verdict.get(NOT_REACHED, [])
        if not_reached:
            lines.append(_("clauses not reached, because of another fault ({count}):", count=len(not_reached)))
            causes: "OrderedDict[str, List[str]]" = OrderedDict()
            for clause_id in not_reached:      # one line per cause, however many clauses it kept back
                causes.setdefault(self.not_reached_cause(clause_id), []).append(clause_id)
            lines.extend("  " + _("{clauses}: {cause}", clauses=" ".join(clause_ids), cause=cause)
                         for cause, clause_ids in causes.items())
        advice = by_verdict.get(ADVICE, [])
        if advice:
            lines.append(_("advice, SHOULD not followed ({count}): {clauses}", count=len(advice),
                           clauses=" ".join(advice)))
        not_run = by_verdict.get(NOT_RUN, [])
        if not_run:
            prefix = _(NOT_RUN_PREFIX) + " "
            reasons = sorted({record["message"][len(prefix):].splitlines()[0] for record in self.checks.values()
                              if record["outcome"] == NOT_RUN and record["message"].startswith(prefix)})
            lines.append(_("clauses not run ({count}): {clauses}", count=len(not_run), clauses=" ".join(not_run)))
            lines.extend(f"  {reason}" for reason in reasons)
            lines.append(_("PARTIAL VERDICT: the clauses not run were neither passed nor failed."))
        if self.stopped and not self.selected and not self.checks:
            lines.append(_("PARTIAL VERDICT: the run stopped early ({why}), before any check.", why=_(self.stopped)))
        elif self.stopped or len(self.checks) < self.selected:
            lines.append(_("PARTIAL VERDICT: the run stopped early ({why}): {ran} of {selected} checks made;"
                           " the others were neither passed nor failed.", why=_(self.stopped or "interrupted"),
                           ran=len(self.checks), selected=max(self.selected, len(self.checks))))
        elif not not_run and self.partial():
            lines.append(_("PARTIAL VERDICT: no check reached a verdict."))
        if self.still_answers:
            lines.append(_(self.still_answers))
        skipped = by_verdict.get(SKIPPED, [])
        if skipped:
            lines.append(_("clauses that do not apply to this server's framing ({count}): {clauses}",
                           count=len(skipped), clauses=" ".join(skipped)))
        return lines

    def not_reached_cause(self, clause_id: str) -> str:
        """Why a clause could not be checked: the first line of its first not-reached check's message."""
        prefix = translator(self.settings.lang)(NOT_REACHED_PREFIX) + " "
        for record in self.checks.values():
            if record["clause"] == clause_id and record["outcome"] == NOT_REACHED:
                message = record["message"]
                if message.startswith(prefix):
                    message = message[len(prefix):]
                return (message.splitlines() or [""])[0][:200]      # translated by the Check
        return ""


def _longrepr_message(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:      # a skip: (file, line, reason)
        return str(longrepr[2])
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message
    return str(longrepr)[:2000] if longrepr else ""
