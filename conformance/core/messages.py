"""The message catalogue: what the suite and the grader say, in the reader's language.

gettext's model without its tooling: the code writes English, and that English text is the key
(``msgid``) of each translation. ``translator(lang)`` gives the ``_`` of one run::

    _ = translator(settings.lang)
    _("{clause} [{level}] broken", clause="CMD-5", level="MUST")

Translations live in one dict per language (``conformance/core/messages_fr.py`` for French); a text that
is not there yet comes out in English, so adding a message never breaks a run in another language.
Clause texts are not here: they are quoted from the spec of the language (``conformance.core.clauses``).
The default language follows the locale (LC_ALL, LC_MESSAGES, LANG; on Windows the user's locale).
"""
from __future__ import annotations

import locale
import os
import re
import string
from functools import lru_cache
from typing import Callable, Dict, List, Mapping, Optional, Pattern, Tuple

from conformance.core.messages_fr import FRENCH, FRENCH_PATTERNS

ENGLISH = "en"
LANGUAGES = (ENGLISH, "fr")
_CATALOGUES: Dict[str, Mapping[str, str]] = {"fr": FRENCH}
_PATTERNS: Dict[str, Mapping[str, str]] = {"fr": FRENCH_PATTERNS}
_DEPTH = 4          # a text built of texts built of texts...: deep enough for the suite's, bounded
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

Translator = Callable[..., str]


def default_language(environ: Optional[Mapping[str, str]] = None) -> str:
    """The language of the locale if we have a catalogue for it, else English.

    The first of LC_ALL, LC_MESSAGES, LANG that is set decides (POSIX order); with none set (Windows),
    the user's locale (``French_France`` on a French Windows)."""
    env = os.environ if environ is None else environ
    name = next((env[var] for var in _LOCALE_VARIABLES if env.get(var)), None)
    if name is None and environ is None:
        try:
            name = locale.getlocale()[0]
        except ValueError:
            name = None
    return language_of(name or "")


def language_of(locale_name: str) -> str:
    """``fr_FR.UTF-8``, ``fr``, ``French_France`` → fr; anything we have no catalogue for → en."""
    lowered = locale_name.lower()
    for lang in LANGUAGES:
        if lowered[:2] == lang or (lang == "fr" and lowered.startswith("french")):
            return lang
    return ENGLISH


def translate(lang: str, msgid: str) -> str:
    """The text ``msgid`` in ``lang``; itself if the catalogue has no translation for it yet."""
    return _CATALOGUES.get(lang, {}).get(msgid, msgid)


def placeholders(msgid: str) -> List[str]:
    """The ``{names}`` of a message, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(msgid) if name is not None]


@lru_cache(maxsize=None)
def _compiled(lang: str) -> Tuple[Tuple[Pattern[str], str, Tuple[str, ...]], ...]:
    """The pattern catalogue of ``lang`` as regular expressions, the most specific (longest
    fixed text) first, so that ``after {what}, a new client is served`` wins over ``{what}``."""
    compiled = []
    for msgid, french in _PATTERNS.get(lang, {}).items():
        regex, names = [], []
        for literal, name, _, _ in string.Formatter().parse(msgid):
            regex.append(re.escape(literal))
            if name is not None:
                # a field glued to the word before it (``within {seconds} s{own} (``) may be empty
                glued = bool(literal) and not literal[-1].isspace()
                regex.append(f"(?P<f{len(names)}>.{'*' if glued else '+'}?)")
                names.append(name)
        fixed = len(re.sub(r"\{[^}]*\}", "", msgid))
        compiled.append((fixed, re.compile("".join(regex), re.DOTALL), french, tuple(names)))
    compiled.sort(key=lambda entry: -entry[0])
    return tuple((regex, french, names) for _, regex, french, names in compiled)


def translate_text(lang: str, text: str, depth: int = 0) -> str:
    """A text the suite built in English (an f-string of texts, quoted bytes, numbers), in ``lang``.

    The code writes ``f"after {after}, a new client is served"``; the catalogue holds
    ``"after {after}, a new client is served"`` (``FRENCH_PATTERNS``). The text is matched against
    the patterns, each field translated in turn (it may be a message itself), quoted bytes and
    numbers staying as they are; a text of ``; ``-separated parts is translated part by part.
    A text that matches nothing comes out as it is (English), as ``translate`` does."""
    exact = translate(lang, text)
    if exact != text or lang not in _PATTERNS or not text or depth > _DEPTH:
        return exact
    if depth and "\n" in text:
        return text         # a program's output inside a message: as it is
    for regex, french, names in _compiled(lang):
        match = regex.fullmatch(text)
        if match is not None:
            # ``{output}``: what a program printed, never translated
            fields = {name: match.group(f"f{index}") if name == "output" else
                      translate_text(lang, match.group(f"f{index}"), depth + 1)
                      for index, name in enumerate(names)}
            return french.format(**fields)
    if "; " in text:
        return "; ".join(translate_text(lang, part, depth + 1) for part in text.split("; "))
    return text


def translator(lang: str) -> Translator:
    """The ``_`` of one language: ``_(msgid, **fields)`` translates, then fills ``{fields}``."""

    def _(msgid: str, **fields: object) -> str:
        text = translate(lang, msgid)
        return text.format(**fields) if fields else text

    return _
