"""Making what comes from a submission safe to show: folder names and the text its server printed.

A folder name may hold any bytes but `/` and NUL (undecodable bytes, control characters, quotes,
`$(...)`, a leading `-`); a server may print raw escape sequences. Everything the grader writes
(feedback/*.md, grades.csv, report.html, the terminal) takes names and text from here, so one
hostile submission can neither stop the class (an undecodable name used to abort the CSV writer)
nor run escape sequences in the teacher's terminal when a file is `cat`-ed.
"""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from . import model

_KEPT_CONTROLS = {"\n", "\t"}


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode() keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(ch: str) -> bool:
    """Control (C0, DEL, C1), format (bidi overrides that reorder a line), surrogate: never shown raw."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in _KEPT_CONTROLS


def clean_text(text: str) -> str:
    """`text` with every control character written as a visible escape (`\\x1b`), so nothing a
    server printed acts on a terminal or an editor; newlines and tabs are kept."""
    if text.isprintable():
        return text
    return "".join(_escape_char(ch) if _unsafe(ch) else ch for ch in text)


def student_name(folder: Path) -> str:
    """The student's folder name as shown everywhere (and used for output file names): printable
    text, undecodable bytes and control characters escaped, backslashes doubled first so that two
    different folders never get the same name."""
    name = Path(folder).name.replace("\\", "\\\\")  # undecodable bytes: surrogate escapes
    return "".join(_escape_char(ch) if _unsafe(ch) or ch == "\n" or ch == "\t" else ch
                   for ch in name)


# A file name is at most 255 bytes; a student's name escaped (`\\xff` for one byte) can be four
# times its folder's, and outputs add a suffix (`.json.tmp`). Longer names are cut and get a hash.
_STEM_BYTES = 120
# What starts markup inside a line: emphasis, code, links, tables, escapes; `_` only at a word's
# edge (`etape_3` stays readable: CommonMark makes no emphasis inside a word).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")


def file_stem(student: str) -> str:
    """The file name an output of `student` gets (results/<stem>.json, feedback/<stem>.md...):
    the name itself when short, else its beginning, `~` and a hash of the whole name, so that
    two long names never share a file and the teacher still recognises the student."""
    raw = student.encode("utf-8", "surrogateescape")
    if len(raw) <= _STEM_BYTES and student not in (".", ".."):
        return student
    head = raw[:_STEM_BYTES - 17].decode("utf-8", "ignore")
    return f"{head}~{hashlib.sha256(raw).hexdigest()[:16]}"


def short_name(student: str, width: int = 48) -> str:
    """`student` for a terminal table: a name longer than `width` is cut in the middle (`…`),
    so that one long folder name does not push every other line off the screen."""
    if len(student) <= width:
        return student
    keep = width - 1
    return student[:keep - keep // 3] + "…" + student[len(student) - keep // 3:]


def markdown_text(text: str) -> str:
    """`text` (a folder name, say) shown as itself in Markdown: HTML is written as entities and
    Markdown's punctuation is escaped, so a name like `<img src=x onerror=...>` or `**x**` is
    neither markup nor emphasis in a heading or a table."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _replace_all(text: str, private: Iterable[str]) -> str:
    for path, shown in private:
        text = text.replace(path + "/", shown + "/" if shown else "").replace(path, shown or ".")
    return text


def clean_submission(sub: model.Submission, private: Iterable[tuple] = ()) -> model.Submission:
    """Every text of `sub` that a submission could have written to, made safe (clean_text), and the
    private copy's paths (`private`: (path, shown as) pairs, longest first) replaced by what the
    student knows: `server.py`, not `/run/canaduck-grade/.../src/server.py`."""
    pairs = sorted(private, key=lambda p: -len(p[0]))

    def fix(text):
        return clean_text(_replace_all(text, pairs)) if isinstance(text, str) else text

    sub.reason, sub.start_error, sub.suite_output = (
        fix(sub.reason), fix(sub.start_error), fix(sub.suite_output))
    for clause in sub.clauses:
        for chk in clause.checks:
            chk.message, chk.transcript, chk.server_output = (
                fix(chk.message), fix(chk.transcript), fix(chk.server_output))
            chk.nodeid = fix(chk.nodeid)
    return sub
