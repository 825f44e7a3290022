"""The message catalogue (conformance/core/messages.py, messages_fr.py): the language a run speaks, the
fallback to English, translations that fit their English, and French where a student reads it: a
failure quoting spec/protocole.md, the summary, a feedback file and report.html."""
from __future__ import annotations

import ast
import json
import string
from html import escape
from pathlib import Path

import pytest

from conformance.core.clauses import spec_clauses
from conformance.core.messages import default_language, language_of, translate, translator
from conformance.core.messages_fr import FRENCH
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


def _string_constants() -> set:
    """Every string literal in the kit's code (implicit concatenations joined, as ast gives them)."""
    found = set()
    for folder in ("conformance", "tools"):
        for path in (REPO / folder).rglob("*.py"):
            if path.name == "messages_fr.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.add(node.value)
    return found


def test_every_translation_is_of_a_text_the_code_still_writes():
    """A message reworded in English leaves its old French behind: this names it, to update."""
    stale = sorted(set(FRENCH) - _string_constants())
    assert not stale, f"conformance/core/messages_fr.py translates texts no code writes any more: {stale}"


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
    assert lines[0].startswith("cible :   serveur lancé par la suite (--server-cmd)")
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
