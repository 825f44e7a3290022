"""report.html of a run over several steps: students × steps (a column per step's server, and one
per step's client where clients were graded), each cell the score linking to that part's own
report (`stepN/report.html`, `stepN/client/report.html`: clause by clause, transcripts), the layout used, the
notes (missing servers, near misses, another step's job), and per step a class summary over the
servers that ran. Self-contained, no script; everything from a submission goes through escape."""
from __future__ import annotations

import datetime
from html import escape
from pathlib import Path
from typing import List

from .. import model
from .describe import STATUS_WORDS, fmt_points

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:center;white-space:nowrap}
td.student,td.notes{text-align:left}td.notes{white-space:normal;max-width:50em;font-size:.9em}
td.graded{background:#eaf7ea}td.did_not_start,td.timed_out,td.no_server,td.out_of_budget{background:#f6d0d0}
td.suite_error{background:#fbe3b5}td.off_step{background:#f6b8b8}
td.no_client{background:#eee;color:#777}
"""


def _link(step: int, part: str) -> str:
    """The group's own one-step report: `stepN/report.html`, a client's `stepN/client/...`."""
    return f"step{step}/" + ("" if part == model.PART_SERVER else part + "/") + "report.html"


def _cell(sub: model.Submission, step: int, part: str = model.PART_SERVER) -> str:
    if sub is None:
        return "<td></td>"
    css = "off_step" if sub.off_step else sub.status
    tip = sub.off_step or sub.reason or sub.server_file
    words = STATUS_WORDS.get(sub.status, sub.status)
    return (f"<td class='{escape(css)}' title='{escape(tip)}'><a href='{_link(step, part)}'>"
            f"{fmt_points(sub.score)}/{fmt_points(sub.max_score)}</a>"
            + ("" if sub.ran and not sub.off_step else "<br><small>"
               + ("another step's job?" if sub.off_step else escape(words)) + "</small>")
            + "</td>")


def render(lab: model.LabResult, layouts: str) -> str:
    head = "".join(f"<th>step {s}{'' if p == model.PART_SERVER else ' ' + escape(p)}</th>"
                   for s, p in lab.groups)
    rows: List[str] = []
    for row in lab.students:
        pct = 100.0 * row.score / row.max_score if row.max_score else 0.0
        cells = "".join(_cell(row.parts.get(g), *g) for g in lab.groups)
        rows.append(f"<tr><td class='student'>{escape(row.student)}</td>"
                    f"<td>{escape(row.layout)}</td>{cells}<td><b>{fmt_points(row.score)}/"
                    f"{fmt_points(row.max_score)}</b></td><td>{pct:.0f}</td>"
                    f"<td class='notes'>{'<br>'.join(escape(n) for n in row.notes)}</td></tr>")
    summary: List[str] = []
    for group in lab.groups:
        result = lab.classes[group]
        ran = result.ran()
        mean = (100.0 * sum(s.score / s.max_score for s in ran if s.max_score) / len(ran)
                if ran else 0.0)
        lost = sorted(((n, cid) for cid, n in result.failure_counts().items() if n),
                      reverse=True)[:5]
        name = f"step {group[0]}" + ("" if group[1] == model.PART_SERVER else f" {group[1]}")
        counted = [s for s in result.submissions if s.counts]  # not a client nobody asked for
        summary.append(f"<tr><td>{name}</td><td>{len(ran)} / {len(counted)}"
                       f"</td><td>{mean:.0f} %</td><td class='notes'>"
                       + ", ".join(f"{escape(cid)} ({n})" for n, cid in lost) + "</td></tr>")
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>CanaDuck grades, steps {', '.join(str(s) for s in sorted({s for s, _ in lab.groups}))}</title><style>{_CSS}</style></head>
<body>
<h1>CanaDuck grades: steps {', '.join(str(s) for s in sorted({s for s, _ in lab.groups}))}</h1>
<p>{len(lab.students)} students. {escape(layouts)}. Generated {generated}. Click a score for that
step's report.</p>
<p class="policy">{escape(next((s.policy for r in lab.students for s in r.parts.values()
                                if s.policy), ''))}</p>
<table id="lab"><thead><tr><th>student</th><th>layout</th>{head}<th>total</th><th>%</th><th>notes</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<h2>Per step, over the servers (and clients) that ran</h2>
<table id="steps"><thead><tr><th>step</th><th>programs that ran</th><th>average</th><th>clauses most of them lose</th></tr></thead>
<tbody>{''.join(summary)}</tbody></table>
</body></html>
"""


def write(lab: model.LabResult, out: Path, layouts: str) -> Path:
    path = out / "report.html"
    path.write_text(render(lab, layouts), encoding="utf-8")
    return path
