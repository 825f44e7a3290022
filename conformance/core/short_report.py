"""``canaduck check``'s own report: one screen a student reads about their own code.

pytest's report is for the kit's developers (its header, paths into site-packages, every transcript
in full). A student needs, in their language: what was checked (2 lines), each failure with a
plain headline first ("your server crashed: server.py line 14"), the clause, what was expected and
seen, the few transcript lines that show it, then the summary. ``canaduck check -v`` still gives
pytest's full report. The report is built from what the plugin writes for it (``--canaduck-screen``):
the results (schema canaduck-results/1), the summary lines and the run's state.
"""
from __future__ import annotations

import re
import textwrap
from typing import Any, Dict, List, Optional, Sequence

from conformance.core.clauses import spec_clauses
from conformance.core.messages import translate_text, translator
from conformance.core.transcript import translate_rendered

TRANSCRIPT_LINES = 3       # of the last transcript of a failure: the lines that show it
WRAPPED_LINES = 2          # at most, for what was expected and what was seen
START_LINES = 8            # of a server that did not start: the end of what it printed
RED, GREEN, BOLD, RESET = "\033[31m", "\033[32m", "\033[1m", "\033[0m"
_FILE_LINE = re.compile(r'\s*File "(?P<path>[^"]+)", line (?P<line>\d+)')

# A plain headline per clause, for a failure that is not a crash: the student's likely mistake.
HEADLINES = {
    "HELLO-1": "your server sent nothing back: print instead of send?",
    "FRAME-1": "your server sent nothing back: print instead of send?",
    "ECHO-1": "your server does not send back the text it received, unchanged",
    "TEXT-1": "your server changes accented characters: decode and encode in UTF-8",
    "SIZE-1": "your server cuts or merges long messages: one recv(1024) per message",
    "TURN-1": "your server does not answer once, and only once, per message",
    "SESS-1": "your server stops answering after the first message: recv and send in a loop?",
    "SESS-2": "your server does not end the session on 'fin'",
    "SESS-3": "your server ends the session on a message that merely contains 'fin' (msg == 'fin'?)",
    "SEQ-1": "your server stops after its first client: a loop around accept()?",
    "SEQ-2": "your server does not serve every client that connects",
    "ROBUST-1": "your server does not close a connection the client closed: it loops on an empty recv()",
    "ROBUST-2": "a client that disappears (RST) stops your server: catch ConnectionResetError",
    "ROBUST-3": "bytes that are not UTF-8 stop your server: decode(errors='replace')?",
    "ROBUST-4": "a long message stops your server",
    "CALC-1": "your server's result is wrong",
    "CALC-2": "a division by zero gets no error reply from your server",
    "CALC-3": "a malformed calculation gets no error reply from your server",
    "CALC-4": "your server runs what the client sends (eval?): compute only arithmetic",
    "CALC-5": "a huge calculation freezes your server: refuse it before computing",
    "PAR-1": "your server serves one client at a time: a thread per client?",
    "PAR-2": "your server serves one client at a time: a thread per client?",
    "CLIENT-1": "your client does not send the typed line as one message",
    "CLIENT-2": "your client does not print the server's reply on a line",
    "CLIENT-3": "your client does not print a long reply whole: one recv(1024) per reply",
    "CLIENT-4": "your client does not end after 'fin'",
    "CLIENT-5": "your client does not end when the server closes the connection: if not reply: break?",
    "CLIENT-6": "with no server listening, your client crashes or says nothing: catch ConnectionRefusedError",
    "CLIENT-7": "your client does not send its greeting first",
}


def plain_headline(check: Dict[str, Any], lang: str) -> str:
    """What went wrong, in plain words: a crash and where, else the clause's usual mistake."""
    _ = translator(lang)
    client = check["clause"].startswith("CLIENT-")
    crash = crash_of(check.get("server_output") or "")
    if crash is not None:
        where, error = crash
        return _("your client crashed: {where} ({error})" if client else "your server crashed: {where} ({error})",
                 where=where.replace(" line ", _(" line ")), error=error.split(":")[0])
    text = HEADLINES.get(check["clause"])
    if text is not None:
        return _(text)
    return _("your client does not do what {clause} asks" if client else "your server does not do what {clause} asks",
             clause=check["clause"])


def crash_of(output: str) -> Optional[tuple]:
    """(``server.py line 14``, ``ConnectionResetError: ...``) from a traceback in the server's
    stderr (the student's own file's last frame), or None."""
    lines = crash_lines(output)
    if not lines:
        return None
    match = _FILE_LINE.match(lines[0])
    where = f"{re.split(r'[/]', match.group('path').replace(chr(92), '/'))[-1]} line {match.group('line')}" if match else "?"
    return (where, lines[-1].strip())


def crash_lines(output: str) -> List[str]:
    """The end of a traceback in the server's stderr: the student's own file's last frame (not the
    standard library's), its line of code, the error; [] if it did not crash."""
    lines = _stderr(output)
    start = max((i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last)")),
                default=None)
    if start is None:
        return []
    lines = lines[start:]
    frames = [i for i, line in enumerate(lines) if _FILE_LINE.match(line)
              and not re.search(r"site-packages|[/\\]lib[/\\]python|[/\\]Lib[/\\]", line)]
    error = next((line for line in reversed(lines) if line.strip() and not line.startswith(" ")), "")
    if not frames:
        return [error]
    frame = lines[frames[-1]]
    code = lines[frames[-1] + 1] if frames[-1] + 1 < len(lines) and not _FILE_LINE.match(lines[frames[-1] + 1]) else ""
    return [line for line in (frame, code) if line.strip() and line.strip("^~ ")] + [error]


def _stderr(output: str) -> List[str]:
    """The lines of the ``... stderr:`` section of a captured output."""
    lines, inside = [], False
    for line in output.splitlines():
        if line.endswith(" stderr:") or line.endswith(" stderr: (empty)"):
            inside = True
            continue
        if inside and re.fullmatch(r"(server|client) (stdout|stderr):.*", line):
            break
        if inside:
            lines.append(line)
    return lines


def cut(line: str, width: int, lang: str) -> str:
    """A line no wider than ``width``, saying how much was cut."""
    if len(line) <= width:
        return line
    more = translator(lang)("(+{count} chars)", count="{count}")
    keep = max(10, width - len(more) - 8)
    return line[:keep] + "... " + more.format(count=len(line) - keep)


def _color(text: str, code: str, colors: bool) -> str:
    return f"{code}{text}{RESET}" if colors else text


def render(screen: Dict[str, Any], command: Sequence[str], width: int = 120, colors: bool = False) -> List[str]:
    """The short report's lines, from the plugin's screen file."""
    lang = screen.get("lang") or "en"
    _ = translator(lang)
    results = screen["results"]
    summary = list(screen.get("summary") or [])
    lines = _header(results, command, lang)
    if screen.get("run_error"):
        lines.append(_color(screen["run_error"], RED + BOLD, colors))
        return [cut(line, width, lang) for line in lines]
    if screen.get("not_started"):
        lines.extend(_not_started(screen, lang, colors))
        return [cut(line, width, lang) for line in lines]
    clauses = spec_clauses(lang)
    order = {clause_id: index for index, clause_id in enumerate(clauses)}
    failures = sorted((c for c in results["checks"] if c["outcome"] in ("failed", "error")),
                      key=lambda c: (order.get(c["clause"], len(order)), c.get("step") or 0))
    for number, check in enumerate(failures, 1):
        lines.append("")
        lines.append(_color(f"{number}. {plain_headline(check, lang)}", RED + BOLD, colors))
        message = (check.get("message") or "").splitlines()
        found = clauses.get(check["clause"])
        if message:
            lines.append("   " + (_("{broken}: {clause}", broken=message[0], clause=found.text) if found else message[0]))
        for line in message[1:3]:
            lines.extend(textwrap.wrap(line.strip(), width, initial_indent="   ", subsequent_indent="       ",
                                       max_lines=WRAPPED_LINES, placeholder=" ..."))
        crash = crash_lines(check.get("server_output") or "")
        if crash:
            lines.extend("   " + line for line in crash)
        else:
            lines.extend("   " + line for line in _transcript_tail(check.get("transcript") or "", lang,
                                                                   " ".join(message[1:3])))
    lines.append("")
    for line in summary[3:]:
        # a cause (indented) is cut; a verdict line is wrapped, never lost
        for part in ([line] if line.startswith(" ") else
                     textwrap.wrap(line, width, subsequent_indent="  ", max_lines=3, placeholder=" ...") or [""]):
            lines.append(_color(part, RED + BOLD, colors) if "PARTIAL" in line or "PARTIEL" in line
                         else _color(part, RED, colors) if line.startswith(("clauses FAILED", "clauses NON"))
                         and "(0)" not in line else part)
    if failures:
        lines.append(_("Full detail: the same command with -v. A clause's text: canaduck spec {clause}.",
                       clause=failures[0]["clause"]))
    return [cut(line, width, lang) for line in lines]


def _header(results: Dict[str, Any], command: Sequence[str], lang: str) -> List[str]:
    """2 lines: the command, then what was checked, at which step, in which framing."""
    _ = translator(lang)
    framing = results.get("framing")
    return [" ".join(command),
            _("{target}; step {steps}; framing: {framing}", target=translate_text(lang, results.get("target") or ""),
              steps=" ".join(map(str, results.get("steps") or [])),
              framing=" ".join(translate_text(lang, word) for word in framing.split()) if framing
              else _("not detected"))]


_SENT_OR_RECEIVED = re.compile(r"\s+\+\s*[0-9.]+s [CS]> (?P<data>'.*?'|\".*?\")(?:  \(.*\))?")


def _transcript_tail(transcript: str, lang: str, said: str = "") -> List[str]:
    """The last transcript's label and the lines that show the failure: up to the last message sent
    or received that expected/seen (``said``) quote, else its last lines."""
    if not transcript.strip():
        return []
    blocks, current = [], []
    for line in transcript.splitlines():
        if not line.startswith(" ") and current:
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    last = blocks[-1]
    entries = last[1:]
    end = len(entries)
    for block in reversed(blocks):           # the transcript where what was seen shows
        hits = [i for i, line in enumerate(block[1:])
                if _SENT_OR_RECEIVED.fullmatch(line) and _SENT_OR_RECEIVED.fullmatch(line).group("data") in said]
        if hits:
            last, entries = block, block[1:]
            end = min(len(entries), hits[-1] + 2)
            break
    start = max(0, end - TRANSCRIPT_LINES)
    if start == 1:
        start = 0
    head = [last[0]]
    if start:
        head.append(translator(lang)("  ... {count} earlier lines (-v shows them)", count=start))
    return head + entries[start:end]


def _not_started(screen: Dict[str, Any], lang: str, colors: bool) -> List[str]:
    """Said once, in red: the server did not start, and the end of what it printed."""
    _ = translator(lang)
    role = screen["results"].get("role") or "server"
    first, *rest = (screen["not_started"] or "").splitlines() or [""]
    first = translate_text(lang, first)
    rest = [line for line in translate_rendered("\n".join(rest), lang).splitlines() if line.strip()]
    title = _("YOUR CLIENT DID NOT START: nothing could be checked." if role == "client" else
              "YOUR SERVER DID NOT START: nothing could be checked.")
    lines = ["", _color(title, RED + BOLD, colors), "  " + first]
    if len(rest) > START_LINES:
        lines.append("  " + _("  ... {count} earlier lines (-v shows them)", count=len(rest) - START_LINES).strip())
    lines.extend("  " + line for line in rest[-START_LINES:])
    lines.append(_("Run it yourself (python server.py) and read the first error it prints."
                   if role != "client" else
                   "Run it yourself (python client.py) and read the first error it prints."))
    return lines
