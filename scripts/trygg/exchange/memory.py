"""What came back from the translators last time, per language, committed in the repository:
``translations/exchange/<code>.json``.

For every unit: a hash of the Swedish text its translation was made from, and whether a
person translated or reviewed it (``reviewed``) or a machine did (``machine``). For every
page: the hashes of its Swedish blocks in order, which the translation lines up with, so
that a paragraph added in Swedish later takes its own place and moves nothing else. For
every page ``trygg move-page`` renamed: its old path and its new one, so that a file exported
before the move still imports.
``trygg import`` writes it; ``trygg export --changed`` compares today's Swedish with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = Path("translations") / "exchange"


@dataclass
class Memory:
    units: dict[str, list[str]] = field(default_factory=dict)  # key: [swedish hash, state]
    pages: dict[str, list[str]] = field(default_factory=dict)  # page: [block hashes]
    moved: dict[str, str] = field(default_factory=dict)  # old page path: new page path

    def unit_hash(self, key: str) -> str | None:
        entry = self.units.get(key)
        return entry[0] if entry else None

    def unit_state(self, key: str) -> str | None:
        entry = self.units.get(key)
        return entry[1] if entry else None


def path(root: Path, code: str) -> Path:
    return root / FOLDER / f"{code}.json"


def load(root: Path, code: str) -> Memory:
    file = path(root, code)
    if not file.exists():
        return Memory()
    data = json.loads(file.read_text(encoding="utf-8"))
    return Memory(data.get("units", {}), data.get("pages", {}), data.get("moved", {}))


def dumps(memory: Memory) -> str:
    """One entry a line, sorted, so that a pull request's diff shows which units came back."""
    def entries(mapping: dict) -> str:
        return ",\n".join(f"    {json.dumps(key, ensure_ascii=False)}: {json.dumps(value)}"
                          for key, value in sorted(mapping.items()))
    # "moved" only once a page was moved, so that the files written before stay as they are.
    moved = f'  "moved": {{\n{entries(memory.moved)}\n  }},\n' if memory.moved else ""
    return ('{\n  "about": "Written by trygg import: the Swedish text each translation was '
            'made from (README, \\"Translation exchange\\"). Do not edit by hand.",\n'
            f'{moved}  "pages": {{\n{entries(memory.pages)}\n  }},\n'
            f'  "units": {{\n{entries(memory.units)}\n  }}\n}}\n')


def save(root: Path, code: str, memory: Memory) -> Path:
    file = path(root, code)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(dumps(memory), encoding="utf-8")
    return file
