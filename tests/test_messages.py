"""The message catalogue (conformance/core/messages.py, messages_fr.py): the language a run speaks, the
fallback to English, translations that fit their English, and French where a student reads it: a
failure quoting spec/protocole.md, the summary, a feedback file and report.html."""
from __future__ import annotations

import ast
import json
import re
import string
from html import escape
from pathlib import Path

import pytest

from conformance.core.clauses import spec_clauses
from conformance.core.messages import default_language, language_of, translate, translate_text, translator
from conformance.core.messages_fr import FRENCH, FRENCH_PATTERNS
from conformance.core.results import Results
from conformance.core.settings import build_settings
from conformance.core.verdict import Check
from tests.grade_helpers import check, results_json
from tools.grade.points import PointsScheme
from tools.grade.session import complete, write_outputs
from tools.grade.spec_clauses import load_clauses
from tools.grade.suite_run import RunConfig, read_results

REPO = Path(__file__).resolve().parent.parent
CLAUSES = load_clauses()


@pytest.mark.parametrize("environ, lang", [
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_CA.UTF-8"}, "fr"),        # LC_ALL wins
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C"}, "en"),             # LC_MESSAGES before LANG
    ({"LANG": "de_DE.UTF-8"}, "en"),                                 # no German catalogue
    ({}, "en"),
])
def test_the_default_language_follows_the_locale(environ, lang):
    assert default_language(environ) == lang


def test_windows_locale_names_are_understood():
    assert language_of("French_France") == "fr" and language_of("English_United States") == "en"


def test_an_untranslated_message_falls_back_to_english():
    _ = translator("fr")
    assert _("a message nobody translated yet ({n})", n=3) == "a message nobody translated yet (3)"
    assert translate("fr", "not reached:") == "non atteinte :"


def _fields(text: str):
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


@pytest.mark.parametrize("msgid", sorted(FRENCH))
def test_a_translation_keeps_the_placeholders_of_its_english(msgid):
    assert _fields(FRENCH[msgid]) == _fields(msgid)


@pytest.mark.parametrize("msgid", sorted(FRENCH_PATTERNS))
def test_a_pattern_keeps_the_placeholders_of_its_english(msgid):
    assert _fields(FRENCH_PATTERNS[msgid]) == _fields(msgid)


def _skeleton(node) -> "str | None":
    """A string literal as is; an f-string with each ``{expression}`` as ``{}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    return None


def _literals(folders=("conformance", "tools"), docstrings: bool = True) -> "dict[str, str]":
    """Every string literal and f-string skeleton in the kit's code, with where it is."""
    found = {}
    for folder in folders:
        base = REPO / folder
        for path in sorted(base.rglob("*.py")) if base.is_dir() else [base]:
            if path.name == "messages_fr.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            inner = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
            if not docstrings:
                inner |= {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                          and isinstance(node.body[0], ast.Expr)}
            for node in ast.walk(tree):
                text = None if id(node) in inner else _skeleton(node)
                if text is not None:
                    found.setdefault(text, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def _as_skeleton(msgid: str) -> str:
    return "".join(literal + ("{}" if name is not None else "")
                   for literal, name, _, _ in string.Formatter().parse(msgid))


def test_every_translation_is_of_a_text_the_code_still_writes():
    """A message reworded in English leaves its old French behind: this names it, to update."""
    literals = _literals()
    literals.update(_literals(("conformance/bindshim",)))
    stale = sorted(set(FRENCH) - set(literals))
    assert not stale, f"conformance/core/messages_fr.py translates texts no code writes any more: {stale}"
    # A pattern may span texts the code joins (``describe()`` + `` (then ...)``): each fixed piece of it
    # must still be in a literal.
    stale = sorted(msgid for msgid in FRENCH_PATTERNS
                   if not all(any(piece in literal for literal in literals)
                              for piece in (p.strip(" ,:;()") for p in _as_skeleton(msgid).split("{}")) if piece))
    assert not stale, f"FRENCH_PATTERNS has texts no code builds any more: {stale}"


# What a French run can show, built by the suite: what checks expect and see, transcripts' labels and
# events, causes. Every such literal needs a French text (an exact one, or a pattern holding it).
_SHOWN = ("conformance/checks", "conformance/server_under_test", "conformance/client_under_test",
          "conformance/core/wire.py", "conformance/core/settings.py")
# Literals there that no French run shows as a sentence: protocol data (French already), regexes,
# commands, option help (pytest's own --help is English; ``canaduck check --help`` is translated).
_NOT_SHOWN = re.compile(r"(^[-\w:]+$|^[\^/\[*']|Bonjour|Salut|fin de|Très|Ça|Deux|Premier|doublon|entre-deux|avec des|"
                        r"message jamais|partagé|compté|avant les|Texte exact|MAJUSCULES|À bientôt|Bienvenue|"
                        r"Réponse|Deuxième|Bien recu|encore un|On |Et après|print\(|-m reference_impl|"
                        r"Address already|unexpected end|Traceback|^[a-z_, ]+$|^[A-Z][a-z]+ [a-z]+$)")
_ENGLISH = re.compile(r"\b(the|a|an|no|not|of|to|after|before|with|without|reply|server|client|"
                      r"connection|sent|got|is|was|exited|framing)\b")


def test_every_message_a_french_run_shows_has_french():
    """Fails when a message the suite writes (a check's expected/seen, a transcript's event or label,
    a cause) has no French: neither an exact translation nor a pattern whose text holds it."""
    catalogue = set(FRENCH) | {_as_skeleton(msgid) for msgid in FRENCH_PATTERNS}
    missing = []
    for text, where in _literals(_SHOWN, docstrings=False).items():
        if not any(where.startswith(folder) for folder in _SHOWN) or "help=" in text:
            continue
        if "\n" in text.strip() or _NOT_SHOWN.search(text) or not _ENGLISH.search(text):
            continue
        if not any(re.sub(r"(\{\})+", "{}", text) in known for known in catalogue):
            missing.append(f"{where}: {text!r}")
    assert not missing, "no French for:\n" + "\n".join(missing)


@pytest.mark.parametrize("english, french", [
    ("after two clients reset their connections (TCP RST), a new client is served",
     "deux clients ont réinitialisé leur connexion (RST) : ensuite, un nouveau client est servi"),
    ("sent 'fin de journée' and got the connection was reset without a reply (expected a reply containing 'x')",
     "envoyé 'fin de journée', reçu : la connexion a été réinitialisée (RST) sans réponse (attendu : une"
     " réponse contenant 'x')"),
    ("a message nobody translated", "a message nobody translated"),
])
def test_a_built_text_is_translated_field_by_field_its_quoted_bytes_untouched(english, french):
    assert translate_text("fr", english) == french


def test_a_french_failure_quotes_the_french_clause():
    verdict = Check("CMD-5", "fr")
    with pytest.raises(pytest.fail.Exception) as failure:
        verdict.fail("then the server closes the connection", "nothing")
    text = str(failure.value)
    assert text.startswith("CMD-5 [MUST] non respectée")
    assert "clause : " + spec_clauses("fr")["CMD-5"].text in text
    assert "Le pseudo dans les réponses de CMD-2 à CMD-4" in text
    assert "attendu : puis le serveur ferme la connexion" in text
    assert Check("CMD-5").clause.text.startswith("The pseudo in the replies")


def test_a_french_not_reached_check_and_summary():
    verdict = Check("ECHO-1", "fr")
    with pytest.raises(pytest.skip.Exception):
        verdict.not_reached("the server stopped")
    assert verdict.message == "non atteinte : the server stopped"
    settings = build_settings(target=None, server_cmd="python server.py", steps=["3"], framing=None,
                              reply_timeout="2", start_timeout="10", quiet_gap="0.15",
                              gentle=False, results_json=None, lang="fr")
    lines = Results(settings).summary_lines()
    assert lines[0].startswith("cible :   serveur démarré par l'outil de vérification (--server-cmd)")
    assert "clauses NON RESPECTÉES (0) : -" in lines


def test_french_feedback_and_report_quote_protocole_md(tmp_path):
    data = results_json([check("ECHO-1", "failed", message="ECHO-1 [MUST] non respectée"),
                         check("SEQ-1", "not_reached", message="non atteinte : le serveur s'est arrêté"),
                         check("TEXT-1", "passed")])
    path = tmp_path / "zoe.results.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    sub = read_results(path, "zoe", RunConfig(step=3, points=PointsScheme(), clauses=CLAUSES))
    (tmp_path / "out").mkdir()
    write_outputs(complete([sub], 3, CLAUSES, PointsScheme()), CLAUSES, tmp_path / "out", "fr")
    feedback = (tmp_path / "out" / "feedback" / "zoe.md").read_text(encoding="utf-8")
    assert feedback.startswith("# Retour pour zoe : étape 3")
    assert "La règle (spec/protocole.md) :" in feedback
    assert "> " + spec_clauses("fr")["ECHO-1"].text in feedback
    assert "n'a pas pu être vérifiée parce que le serveur s'est arrêté" in feedback    # prefix stripped
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in report and "Étudiants × clauses" in report
    assert "<blockquote>" + escape(spec_clauses("fr")["ECHO-1"].text) + "</blockquote>" in report
    assert "Le serveur répond à chaque message par le même texte" in spec_clauses("fr")["ECHO-1"].text
