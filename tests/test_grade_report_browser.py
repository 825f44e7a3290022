"""report.html in a real headless browser (Debian's chromium): it renders, its inline script runs
(sorting, opening a cell's details), and hostile student output stays text."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.grade_helpers import HOSTILE, check, results_json
from tools.grade.points import PointsScheme
from tools.grade.session import complete
from tools.grade.spec_clauses import clauses_for_step, load_clauses
from tools.grade.suite_run import RunConfig, read_results
from tools.grade.writers import html_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(Debian package `chromium`; CI installs it)")
CLAUSES = load_clauses()


def _chromium(tmp_path: Path, url: str, *mode: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--disable-background-networking", "--disable-component-update",
                           "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                           f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,900",
                           *mode, url], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    cfg = RunConfig(step=3, points=PointsScheme(), clauses=CLAUSES)
    subs = []
    for name, checks, started in [
        ("ana", [check(c, "passed") for c in clauses_for_step(3, CLAUSES)], True),
        ("<b>zed</b>", [check("ECHO-1", "failed", message=HOSTILE, transcript=HOSTILE,
                              server_output=HOSTILE), check("TEXT-1", "passed")], True),
        ("carl", [check(c, "passed") for c in clauses_for_step(3, CLAUSES)[:5]], True),
        ("dead", [], False),
    ]:
        path = tmp / f"{len(subs)}.json"
        path.write_text(json.dumps(results_json(checks, started, None if started else HOSTILE)))
        subs.append(read_results(path, name, cfg))
    return html_report.write(complete(subs, 3, CLAUSES, PointsScheme()), CLAUSES, tmp)


def test_screenshot_renders(report, tmp_path):
    png = tmp_path / "report.png"
    res = _chromium(tmp_path, report.as_uri(), f"--screenshot={png}")
    assert png.is_file(), res.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def _rows(dom: str) -> list:
    body = dom.split('<table id="grades">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<td class=\"student\">(.*?)</td>", body)


def _hostile_cell(report: Path) -> str:
    """The id of the details of the hostile student's ECHO-1 cell."""
    html = report.read_text(encoding="utf-8")
    return re.search(r"<template id='(d\d+-\d+)'><h3>&lt;b&gt;zed&lt;/b&gt;: ECHO-1", html).group(1)


def test_script_sorts_by_total_and_opens_a_cell(report, tmp_path):
    # column 2 is "total": descending order puts the full marks first, the dead server last
    url = f"{report.as_uri()}#sort=2-desc&open={_hostile_cell(report)}"
    dom = _chromium(tmp_path, url, "--dump-dom").stdout
    assert 'data-script="ran"' in dom, "the inline script did not run to its end"
    assert _rows(dom)[0] == "ana" and _rows(dom)[-1] == "dead"
    assert 'aria-sort="descending"' in dom
    dialog = dom.split('<dialog id="detail"', 1)[1].split("</dialog>", 1)[0]
    assert " open" in dialog.split(">", 1)[0]
    assert "&lt;script&gt;document.title" in dialog  # the hostile text, shown as text
    dom_up = _chromium(tmp_path, report.as_uri() + "#sort=0", "--dump-dom").stdout
    assert _rows(dom_up) == sorted(_rows(dom_up), key=str.lower)


def test_hostile_output_never_becomes_markup(report, tmp_path):
    dom = _chromium(tmp_path, f"{report.as_uri()}#open={_hostile_cell(report)}",
                    "--dump-dom").stdout
    assert "<title>CanaDuck grades" in dom and "pwned</title>" not in dom
    assert not re.search(r"<img[^>]*pwned", dom)
    assert "&lt;b&gt;zed&lt;/b&gt;" in dom and "<b>zed</b>" not in dom


@pytest.fixture(scope="module")
def client_report(tmp_path_factory) -> Path:
    """A one-step report with the client columns (tests/test_grade_clients.py's class)."""
    from tests.test_grade_clients import _step
    tmp = tmp_path_factory.mktemp("clients")
    servers, clients = _step(tmp)
    return html_report.write(servers, CLAUSES, tmp, "en", clients)


def test_client_columns_are_visible_and_open_their_details(client_report, tmp_path):
    html = client_report.read_text(encoding="utf-8")
    cell = re.search(r"<template id='(c\d+-\d+)'><h3>ben: CLIENT-4", html).group(1)
    png = tmp_path / "clients.png"
    _chromium(tmp_path, client_report.as_uri(), f"--screenshot={png}")
    assert png.is_file() and png.stat().st_size > 10_000
    dom = _chromium(tmp_path, f"{client_report.as_uri()}#sort=2-desc&open={cell}",
                    "--dump-dom").stdout
    assert 'data-script="ran"' in dom
    head = dom.split('<table id="grades">', 1)[1].split("</thead>", 1)[0]
    assert '<th class="client">client</th>' in head and ">CLIENT-4</th>" in head
    assert _rows(dom)[0] == "ana"  # full marks, server and client, sort first
    dialog = dom.split('<dialog id="detail"', 1)[1].split("</dialog>", 1)[0]
    assert " open" in dialog.split(">", 1)[0] and "ben: CLIENT-4" in dialog
    assert "&lt;script&gt;document.title" in dialog and "pwned</title>" not in dom
