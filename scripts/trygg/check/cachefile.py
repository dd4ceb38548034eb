"""A cache file of the check's (.cache/*.json): read as empty when missing or unreadable, so
a broken cache only means checking again; written whole or not at all."""

from __future__ import annotations

import json
import os
from pathlib import Path


def read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}  # no cache, or one that cannot be read: everything is checked again


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside it, then renamed: a check stopped halfway leaves the old file whole.
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
