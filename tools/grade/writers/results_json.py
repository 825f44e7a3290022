"""results/<student>.json: our own model, the input of `--merge` and of re-runs that skip work."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict

from .. import model
from ..hygiene import file_stem

FOLDER = "results"


def write(sub: model.Submission, out: Path) -> Path:
    path = out / FOLDER / f"{file_stem(sub.student)}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(sub.to_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)  # never a half-written file if the run is interrupted
    return path


def read_all(out: Path) -> Dict[str, model.Submission]:
    """Every result already in an output folder, by student."""
    found: Dict[str, model.Submission] = {}
    folder = out / FOLDER
    if folder.is_dir():
        for p in sorted(folder.glob("*.json")):
            sub = model.Submission.from_dict(json.loads(p.read_text(encoding="utf-8")))
            found[sub.student] = sub
    return found
