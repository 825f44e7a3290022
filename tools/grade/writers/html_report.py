"""report.html: one self-contained page (inline CSS and JS, no network) for the teacher.

A students × clauses matrix, colour-coded by clause status (passed, not applicable, failed, error,
advice, not checked, not run) and sortable by clicking a header; a click on a cell
opens what the suite saw for that clause (messages, transcripts, the server's error output).
Per-step totals, and a class summary listing the clauses most students fail.

Everything that comes from a submission (names, output, transcripts) goes through html.escape:
student output is hostile. Details live in <template> elements, which the browser never renders
or runs, and are copied into a <dialog> on click. In English or French (``lang``: words through
conformance.core.messages, clause texts as given in ``clauses``).
"""
from __future__ import annotations

import datetime
from html import escape
from pathlib import Path
from typing import Dict, List, Optional

from conformance.core.messages import ENGLISH, Translator, translator

from .. import model
from ..clipping import clip
from ..spec_clauses import Clause
from .describe import CHECK_WORDS, CLAUSE_WORDS, STATUS_WORDS, fmt_points, totals, why_not_checked

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}
h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.5em 0 .5em}
.meta{color:#666;margin-bottom:1em}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:center;white-space:nowrap}
#grades thead th{position:sticky;top:0;background:#eee;cursor:pointer;user-select:none}
#grades thead th:hover{background:#ddd}
#grades thead th[aria-sort=ascending]::after{content:" \\25B2"}
#grades thead th[aria-sort=descending]::after{content:" \\25BC"}
th.student,td.student{text-align:left}
td.cell{cursor:pointer;min-width:2.2em}
td.total{font-weight:bold}
.st-graded{color:#176317}.st-did_not_start,.st-timed_out,.st-no_server,.st-out_of_budget{color:#a31515;font-weight:bold}
.st-suite_error{color:#8a5a00;font-weight:bold}.st-no_client{color:#777}
th.client{background:#e6eefa}
.legend span{display:inline-block;padding:1px 8px;margin-right:6px;border:1px solid #ccc}
.bar{display:inline-block;height:10px;background:#d9534f;vertical-align:middle}
#summary td{text-align:left}#summary td:last-child{white-space:normal;max-width:60em}
dialog{max-width:min(1100px,95vw);max-height:85vh;overflow:auto;border:1px solid #888;padding:1em}
dialog pre{background:#f3f3f3;padding:.5em;white-space:pre-wrap;word-break:break-all;
 max-height:40vh;overflow:auto}
dialog h3{margin-top:0}
"""

# Cell colours by clause status, and the legend's words: one table, so the two always agree.
_COLOURS = (
    (model.CLAUSE_PASSED, "background:#c8efc8", "passed"),
    (model.CLAUSE_NOT_APPLICABLE, "background:#e4f5e4;color:#555",
     "n/a: does not apply (in neither score nor maximum)"),
    (model.CLAUSE_FAILED, "background:#f6b8b8", "failed"),
    (model.CLAUSE_ERROR, "background:#fbd49a", "error"),
    (model.CLAUSE_ADVICE, "background:#fff2a8", "advice: SHOULD not followed (0 points)"),
    (model.CLAUSE_NOT_REACHED, "background:#d9dcf2;color:#555",
     "not checked: another fault came first (0 points)"),
    (model.CLAUSE_NOT_RUN, "background:#e0e0e0;color:#777", "not run (or server did not start)"),
)
_STATUS_CSS = "".join(f"td.{status},.legend .{status}{{{style}}}" for status, style, _ in _COLOURS)


def _legend(_: Translator) -> str:
    return "".join(f"<span class='{status}'>{escape(_(words))}</span>" for status, _style, words in _COLOURS)


_JS = """
(function(){
  var table=document.getElementById('grades');
  var dialog=document.getElementById('detail');
  var body=document.getElementById('detail-body');
  function key(td){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent;
    var n=parseFloat(v);return isNaN(n)?v.toLowerCase():n;}
  function sortBy(col,dir){
    var ths=table.tHead.rows[0].cells;
    for(var i=0;i<ths.length;i++)ths[i].removeAttribute('aria-sort');
    ths[col].setAttribute('aria-sort',dir>0?'ascending':'descending');
    var tb=table.tBodies[0];var rows=Array.prototype.slice.call(tb.rows);
    rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);
      if(typeof x!==typeof y){x=String(x);y=String(y);}
      return x<y?-dir:x>y?dir:0;});
    rows.forEach(function(r){tb.appendChild(r);});
  }
  var ths=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(ths,function(th,i){
    th.addEventListener('click',function(){
      sortBy(i,th.getAttribute('aria-sort')==='ascending'?-1:1);});
  });
  function open(id){
    var tpl=document.getElementById(id);if(!tpl||tpl.tagName!=='TEMPLATE')return;
    body.innerHTML='';body.appendChild(tpl.content.cloneNode(true));
    dialog.showModal();
  }
  table.addEventListener('click',function(ev){
    var td=ev.target.closest('td[data-detail]');if(td)open(td.getAttribute('data-detail'));
  });
  document.getElementById('detail-close').addEventListener('click',function(){dialog.close();});
  /* Links to a view: #sort=COLUMN[-desc] sorts, #open=CELL opens a cell's details. */
  var m=/sort=(\\d+)(-desc)?/.exec(location.hash);
  if(m)sortBy(parseInt(m[1],10),m[2]?-1:1);
  var o=/open=([\\w-]+)/.exec(location.hash);
  if(o)open(o[1]);
  document.body.setAttribute('data-script','ran');
})();
"""


def _detail(sub: model.Submission, c: model.ClauseResult, spec: Clause, lang: str) -> str:
    _ = translator(lang)
    parts = [f"<h3>{escape(sub.student)}: {escape(c.clause)} [{escape(c.level)}], "
             f"{escape(_(CLAUSE_WORDS.get(c.status, c.status)))} "
             f"({fmt_points(c.points)} / {fmt_points(c.max_points)})</h3>"]
    if spec is not None:
        parts.append(f"<blockquote>{escape(spec.text)}</blockquote>")
    if sub.status != model.GRADED:
        parts.append(f"<p><b>{escape(_(STATUS_WORDS.get(sub.status, sub.status)))}</b>: "
                     f"{escape(sub.reason)}</p>")
        if sub.start_error:
            parts.append(f"<pre>{escape(clip(sub.start_error))}</pre>")
    if c.status == model.CLAUSE_NOT_REACHED:
        parts.append(f"<p>{escape(_('This clause {why}.', why=why_not_checked(c, lang)))}</p>")
    for chk in c.checks:
        parts.append(f"<p><code>{escape(chk.nodeid)}</code>: "
                     f"<b>{escape(_(CHECK_WORDS.get(chk.outcome, chk.outcome)))}</b></p>")
        for label, text in (("Message", chk.message), ("Transcript", chk.transcript),
                            ("Server stderr/stdout", chk.server_output)):
            if text:
                parts.append(f"<div>{escape(_(label))}</div><pre>{escape(clip(text))}</pre>")
    return "".join(parts)


def _clause_cells(sub: model.Submission, clause_ids: List[str], prefix: str,
                  clauses: Dict[str, Clause], lang: str, templates: List[str]) -> List[str]:
    """One cell per clause of `sub` (its details in a <template> added to `templates`)."""
    _ = translator(lang)
    cells = []
    for j, cid in enumerate(clause_ids):
        c = sub.clause(cid)
        if c is None:
            cells.append("<td data-sort='-1'></td>")
            continue
        tid = f"{prefix}-{j}"
        templates.append(f"<template id='{tid}'>{_detail(sub, c, clauses.get(cid), lang)}</template>")
        # A program that never ran failed nothing: it showed nothing. Grey, not red.
        css = c.status if sub.ran else model.CLAUSE_NOT_RUN
        tip = _(CLAUSE_WORDS.get(c.status, ""))
        if c.status == model.CLAUSE_NOT_REACHED:
            tip += ": " + why_not_checked(c, lang)
        shown = fmt_points(c.points) if c.applies else "n/a"
        cells.append(f"<td class='cell {escape(css)}' data-detail='{tid}' "
                     f"data-sort='{c.points}' title='{escape(tip)}'>{shown}</td>")
    return cells


def render(result: model.ClassResult, clauses: Dict[str, Clause], lang: str = ENGLISH,
           clients: Optional[model.ClassResult] = None) -> str:
    """The page; `clients`: the step's clients, in columns after the server's clauses (a
    `client` total, then a column per client clause), counted in each student's total."""
    _ = translator(lang)
    client_of = {c.student: c for c in clients.submissions} if clients else {}
    steps = sorted({c.step for s in result.submissions for c in s.clauses})
    # Totals first: with 15+ clause columns the right edge is off-screen.
    head = [f"<th class='student'>{_('student')}</th>", f"<th>{_('status')}</th>",
            f"<th>{_('total')}</th>", "<th>%</th>"]
    head += [f"<th>{_('step {n}', n=n)}</th>" for n in steps]
    for cid in result.clause_ids:
        spec = clauses.get(cid)
        tip = f"{cid} [{spec.level}] {spec.text}" if spec else cid
        head.append(f"<th title='{escape(tip)}'>{escape(cid)}</th>")
    if clients is not None:
        head.append(f"<th class='client'>{escape(_('client'))}</th>")
        for cid in clients.clause_ids:
            spec = clauses.get(cid)
            tip = f"{cid} [{spec.level}] {spec.text}" if spec else cid
            head.append(f"<th class='client' title='{escape(tip)}'>{escape(cid)}</th>")
    rows: List[str] = []
    templates: List[str] = []
    for i, sub in enumerate(result.submissions):
        score, top = totals([sub] + ([client_of[sub.student]] if sub.student in client_of else []))
        pct = 100.0 * score / top if top else 0.0
        cells = [f"<td class='student'>{escape(sub.student)}</td>",
                 f"<td class='st-{escape(sub.status)}' title='{escape(sub.off_step or sub.reason)}'>"
                 f"{escape(_(STATUS_WORDS.get(sub.status, sub.status)))}</td>",
                 f"<td class='total' data-sort='{score}'>{fmt_points(score)}/"
                 f"{fmt_points(top)}</td>", f"<td data-sort='{pct:.2f}'>{pct:.0f}</td>"]
        per_step = sub.step_totals()
        for n in steps:
            earned, total = per_step.get(n, [0.0, 0.0])
            cells.append(f"<td data-sort='{earned}'>{fmt_points(earned)}/{fmt_points(total)}</td>")
        cells += _clause_cells(sub, result.clause_ids, f"d{i}", clauses, lang, templates)
        if clients is not None:
            client = client_of.get(sub.student)
            if client is None:
                cells += ["<td data-sort='-1'></td>"] * (1 + len(clients.clause_ids))
            else:
                cells.append(f"<td class='total st-{escape(client.status)}' data-sort='{client.score}' "
                             f"title='{escape(client.reason or client.server_file)}'>"
                             f"{fmt_points(client.score)}/{fmt_points(client.max_score)}"
                             + ("" if client.ran else "<br><small>" + escape(
                                 _(STATUS_WORDS.get(client.status, client.status))) + "</small>")
                             + "</td>")
                cells += _clause_cells(client, clients.clause_ids, f"c{i}", clauses, lang,
                                       templates)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    n = len(result.ran())  # the summary counts the servers that ran, apart from the others
    summary = _summary_rows(result, clauses)
    if clients is not None:  # the clients' clauses, over the clients that ran
        summary += _summary_rows(clients, clauses)
    both = [totals([s] + ([client_of[s.student]] if s.student in client_of else []))
            for s in result.ran()]  # with the clients' points where they were graded
    scores = [score / top for score, top in both if top]
    mean = 100.0 * sum(scores) / len(scores) if scores else 0.0
    not_started = sum(1 for s in result.submissions if not s.ran)
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{escape(_('CanaDuck grades, step {step}', step=result.step) + _part(result, _))}</title><style>{_CSS}{_STATUS_CSS}</style></head>
<body>
<h1>{escape(_('CanaDuck grades: step {step}', step=result.step) + _part(result, _))}</h1>
<div class="meta">{escape(_('{count} submissions, class average {mean} %, {not_started} did not run. Generated {generated}.',
                            count=len(result.submissions), mean=f"{mean:.0f}", not_started=not_started, generated=generated))}
{escape(_('The average and the class summary count the {ran} servers that ran.', ran=n))}
{escape(_('Click a header to sort, a cell to see what the suite saw.'))}
{_client_meta(clients, _)}</div>
<p class="policy">{escape(next((s.policy for s in result.submissions if s.policy), ''))}</p>
<div class="legend">{_legend(_)}</div>
<h2>{escape(_('Students × clauses'))}</h2>
<table id="grades"><thead><tr>{''.join(head)}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<h2>{escape(_('Class summary: clauses most students lose'))}</h2>
<table id="summary"><thead><tr><th>{escape(_('clause'))}</th><th>{escape(_('students losing it'))}</th><th></th><th>{escape(_('text'))}</th></tr></thead>
<tbody>{''.join(summary)}</tbody></table>
<dialog id="detail"><button id="detail-close" type="button">{escape(_('Close'))}</button><div id="detail-body"></div></dialog>
{''.join(templates)}
<script>{_JS}</script>
</body></html>
"""


def _summary_rows(result: model.ClassResult, clauses: Dict[str, Clause]) -> List[str]:
    """The class summary's rows: each clause, how many of the programs that ran lose it."""
    n = len(result.ran())
    rows = []
    for cid, count in sorted(result.failure_counts().items(), key=lambda kv: (-kv[1], kv[0])):
        spec = clauses.get(cid)
        text = "" if spec is None else spec.text[:140] + ("…" if len(spec.text) > 140 else "")
        width = int(200 * count / n) if n else 0
        rows.append(f"<tr><td>{escape(cid)}</td><td>{count} / {n}</td>"
                    f"<td><span class='bar' style='width:{width}px'></span></td>"
                    f"<td>{escape(text)}</td></tr>")
    return rows


def _part(result: model.ClassResult, _: Translator) -> str:
    """" (clients)" in the title of a clients' own report (OUT/client/report.html)."""
    roles = {s.role for s in result.submissions}
    return " (" + _("clients") + ")" if roles == {model.PART_CLIENT} else ""


def _client_meta(clients: Optional[model.ClassResult], _: Translator) -> str:
    if clients is None:
        return ""
    return escape(_("The client columns grade each student's client, with the suite playing the "
                    "server; {ran} of {count} clients ran, and the total counts them.",
                    ran=len(clients.ran()), count=len(clients.submissions)))


def write(result: model.ClassResult, clauses: Dict[str, Clause], out: Path, lang: str = ENGLISH,
          clients: Optional[model.ClassResult] = None) -> Path:
    path = out / "report.html"
    path.write_text(render(result, clauses, lang, clients), encoding="utf-8")
    return path
