"""A PrairieLearn externally graded question: `python -m tools.grade.platforms prairielearn ...`.

The folder (put it under the course's questions/) holds
- info.json: external grading on, the grader image, the entry point /grade/tests/run.sh, and a
  timeout of the submission's time budget (GradingSettings.budget, 540 s by default) and a
  minute for run.sh's install (PrairieLearn allows 600 s at most); a step the budget cuts is
  "not graded: time budget" (lab.py), not a fault;
- question.html: a file upload of the servers the layout names (one file per step, no folders:
  `server.py`, `server2.py`... by default when several steps are graded), every one optional
  when several steps are graded: a student hands in the steps they did;
- tests/: run.sh, the kit's wheel (and its dependencies' wheels: the grader has no network unless
  the question enables it) and the baked settings.
run.sh installs the kit into a virtual environment under /tmp and runs
`python -m tools.grade.platforms run prairielearn`, which writes /grade/results/results.json
(`gradable: false` when no server of the submission ran). CANADUCK_PRAIRIELEARN_ROOT (default
/grade) and CANADUCK_VENV let a test run it in a temporary folder.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from typing import List, Optional

from ..layout import Layout
from .kit import SETTINGS_FILE, GradingSettings, build_wheel, dependency_wheels

IMAGE = "prairielearn/grader-python"
RUN_SH = """#!/usr/bin/env bash
# PrairieLearn runs this in the grader container; the student's files are in $ROOT/student.
set -uo pipefail
ROOT="${CANADUCK_PRAIRIELEARN_ROOT:-/grade}"
HERE="$ROOT/tests"
VENV="${CANADUCK_VENV:-/tmp/canaduck-venv}"
mkdir -p "$ROOT/results"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  if ls "$HERE"/wheels/deps/*.whl >/dev/null 2>&1; then
    "$VENV/bin/pip" install -q --no-index --find-links "$HERE/wheels/deps" "$HERE"/wheels/canaduck_kit-*.whl
  else
    "$VENV/bin/pip" install -q "$HERE"/wheels/canaduck_kit-*.whl
  fi
fi
exec "$VENV/bin/python" -m tools.grade.platforms run prairielearn --root "$ROOT" \\
  --settings "$HERE/%s"
""" % SETTINGS_FILE


def upload_names(settings: GradingSettings, role: str = "server") -> List[str]:
    """The files the student uploads: the layout's path per step, flattened (PrairieLearn's file
    upload takes file names); `role` client: the clients' (`client.py`, `client2.py`...)."""
    stem = settings.server_file[:-3] if settings.server_file.endswith(".py") else settings.server_file
    layout = Layout(settings.layout, settings.layout, stem=stem) if settings.layout else None
    names = []
    for step in settings.steps:
        if layout is not None:
            chosen = layout.for_client() if role == "client" else layout
            names.append(chosen.candidates(step)[-1].rsplit("/", 1)[-1])
        else:
            names.append(f"{role}.py" if len(settings.steps) == 1 or step == 1
                         else f"{role}{step}.py")
    return names


def build(settings: GradingSettings, out: Path, deps_from: Optional[Path], vendor_deps: bool,
          python_version: str, title: str) -> Path:
    """The question folder `out` (info.json, question.html, tests/)."""
    if not settings.layout and not settings.mapping and len(settings.steps) > 1:
        settings.layout = "server{step}.py"  # what the upload names say
    tests = out / "tests"
    if tests.exists():
        shutil.rmtree(tests)
    tests.mkdir(parents=True)
    build_wheel(tests / "wheels")
    if vendor_deps:
        dependency_wheels(tests / "wheels" / "deps", deps_from, python_version)
    settings.dump(tests / SETTINGS_FILE)
    run_sh = tests / "run.sh"
    run_sh.write_text(RUN_SH, encoding="utf-8")
    os.chmod(run_sh, 0o755)
    # PrairieLearn's limit (600 s at most) holds the budget and run.sh's install of the kit
    timeout = min(600, int(60 + (settings.budget or len(settings.steps) * settings.timeout / 3)))
    info = {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"canaduck:{title}:{settings.steps}")),
        "title": title, "topic": "Sockets", "tags": ["canaduck"], "type": "v3",
        "singleVariant": True, "gradingMethod": "External",
        "externalGradingOptions": {"enabled": True, "image": IMAGE,
                                   "entrypoint": "/grade/tests/run.sh", "timeout": timeout},
    }
    (out / "info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    names = upload_names(settings)
    clients = upload_names(settings, "client") if settings.clients != "off" else []
    if settings.clients == "required":
        names, clients = names + clients, []
    if len(settings.steps) > 1:  # a student hands in the steps they did: each is optional
        names, clients = [], names + clients
    required = f'file-names="{", ".join(names)}"' if names else ""
    optional = f' optional-file-names="{", ".join(clients)}"' if clients else ""
    (out / "question.html").write_text(f"""<pl-question-panel>
<p>Upload your server{'s' if len(settings.steps) > 1 else ''} for step{'s' if len(settings.steps) > 1 else ''} {', '.join(map(str, settings.steps))}
of the socket lab{" and their clients" if settings.clients == "required" else (", and your clients if you wrote them" if clients else "")}. Each is started on its own and checked by the CanaDuck conformance suite.</p>
</pl-question-panel>
<pl-file-upload {(required + optional).strip()}></pl-file-upload>
<pl-submission-panel><pl-external-grader-results></pl-external-grader-results>
<pl-file-preview></pl-file-preview></pl-submission-panel>
""", encoding="utf-8")
    return out
