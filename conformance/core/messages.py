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
from typing import Callable, Dict, Mapping, Optional

from conformance.core.messages_fr import FRENCH

ENGLISH = "en"
LANGUAGES = (ENGLISH, "fr")
_CATALOGUES: Dict[str, Mapping[str, str]] = {"fr": FRENCH}
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


def translator(lang: str) -> Translator:
    """The ``_`` of one language: ``_(msgid, **fields)`` translates, then fills ``{fields}``."""

    def _(msgid: str, **fields: object) -> str:
        text = translate(lang, msgid)
        return text.format(**fields) if fields else text

    return _
