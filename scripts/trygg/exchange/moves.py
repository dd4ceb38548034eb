"""The exchange's memory follows a page that ``trygg move-page`` renames: its entries move to
the new path, and a unit whose Swedish text changed only because a link in it was
retargeted (in the translation too) keeps counting as translated from today's text."""

from __future__ import annotations

from pathlib import Path

from . import memory as memories
from .markdown import text_hash
from .units import source_texts


def _follow(memory: memories.Memory, old_file: str, new_file: str, before: str,
            after: str) -> None:
    old_texts, old_blocks = source_texts(before, old_file)
    new_texts, new_blocks = source_texts(after, new_file)
    for key in [k for k in memory.units if k.startswith(old_file + "#")]:
        entry = memory.units.pop(key)
        unit_id = key.partition("#")[2]
        if (unit_id in old_texts and unit_id in new_texts
                and entry[0] == text_hash(old_texts[unit_id])):
            entry = [text_hash(new_texts[unit_id]), *entry[1:]]
        memory.units[f"{new_file}#{unit_id}"] = entry
    if old_file in memory.pages:
        hashes = memory.pages.pop(old_file)
        if len(old_blocks) == len(new_blocks):  # only links changed, never the blocks
            rehashed = {a.hash: b.hash for a, b in zip(old_blocks, new_blocks)}
            hashes = [rehashed.get(h, h) for h in hashes]
        memory.pages[new_file] = hashes
    if old_file != new_file:  # a file exported before the move names the old path
        for before, after in list(memory.moved.items()):
            if after == old_file:
                memory.moved[before] = new_file
        memory.moved[old_file] = new_file
        memory.moved.pop(new_file, None)  # moved back: its own path again


def memories_after_move(root: Path, source: str, renamed: dict[str, str],
                        before: dict[str, str], after: dict[str, str]) -> dict[Path, str]:
    """Each language's memory file with its new text, after Swedish pages (``before`` and
    ``after``: their texts by path under docs/<source>/) were rewritten and renamed
    (``renamed``: old path → new path; a page kept its path when it is not there)."""
    written = {}
    for file in sorted((root / memories.FOLDER).glob("*.json")):
        memory = memories.load(root, file.stem)
        for rel, text in before.items():
            new_rel = renamed.get(rel, rel)
            if new_rel in after and (after[new_rel] != text or new_rel != rel):
                _follow(memory, f"docs/{source}/{rel}", f"docs/{source}/{new_rel}", text,
                        after[new_rel])
        text = memories.dumps(memory)
        if text != file.read_text(encoding="utf-8"):
            written[file] = text
    return written
