"""Writing one JSON results file, as every platform format does (UTF-8, readable, folders made)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict


def dump(data: Dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return path
