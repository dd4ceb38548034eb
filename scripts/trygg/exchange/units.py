"""Every text a translator translates, as units: one per heading, paragraph, list item and
table cell of each page (and its title and description), one per UI string, checklist text,
contact text and text of the accessibility statement. Each unit has its Swedish source, the language's current translation (lined
up block by block with the Swedish page), and whether the Swedish changed since last import."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..languages import Languages
from ..translation import source_hash, split_front_matter
from ..yamlfile import load_yaml, normal_text, parse_yaml
from .markdown import Block, describe, parse_blocks, text_hash
from .memory import Memory
from .returns import Form, read
from .yamledit import item_lines

STRINGS = "translations"
CHECKLISTS = Path("docs") / "_data" / "checklists"
CONTACTS = Path("docs") / "_data" / "contacts.yml"
STATEMENT = Path("docs") / "_data" / "accessibility.yml"
# UI strings that are not text: the search's word separator and its pipeline are read by
# lunr as a regular expression and a list of function names; a translation of them would
# break the language's search, so they are set by a developer, never sent to translators.
NOT_TEXT = ("search.config.",)


@dataclass
class Unit:
    file: str            # the Swedish file it comes from, e.g. docs/sv/unga/index.md
    id: str              # its id in that file: title, description, 4, 7.2, site.name, bris.who
    kind: str            # for the translator: heading 2, list item, UI string …
    source: str
    target: str | None   # the current translation; None when there is none
    line: int            # its line in the Swedish file
    changed: bool = False  # the Swedish text changed since the last import, or no translation
    state: str = "none"    # reviewed, machine or none
    resend: bool = False   # unchanged, on a page whose Swedish changed around it (--changed)
    cell: bool = False
    target_file: str = ""  # where the translation is written (YAML units)
    target_path: tuple = ()  # the keys of its value in target_file (YAML units)
    parent_path: tuple = ()  # the mapping a missing value is added to (YAML units)

    @property
    def key(self) -> str:
        return f"{self.file}#{self.id}"

    @property
    def markdown(self) -> bool:
        """A page's Markdown (else a plain-text field: YAML, a page's title or description)."""
        return not self.target_file and self.id not in ("title", "description")


@dataclass
class PageView:
    """One page in Swedish and in the language, lined up block by block."""

    rel: str
    sv_file: str
    tr_file: str
    sv_text: str
    sv_lines: list[str]
    sv_meta: dict
    sv_blocks: list[Block]
    tr_text: str | None
    tr_lines: list[str]
    tr_meta: dict
    tr_blocks: list[Block]
    status: str                    # missing, untranslated, machine, reviewed
    in_sync: bool                  # translation.source is today's Swedish page
    tr_form: Form = field(default_factory=Form)  # the translation's BOM and line endings
    mapping: dict[int, int] = field(default_factory=dict)  # Swedish block → translated block
    # Swedish block → its index at the last import (None: never imported)
    previous: dict[int, int] | None = None

    def remembered_key(self, unit_id: str) -> str | None:
        """The key a unit had in the memory at the last import (blocks move when a block
        is added or removed in Swedish), or None for a block that is new since."""
        index, dot, cell = unit_id.partition(".")
        if not index.isdigit():
            return f"{self.sv_file}#{unit_id}"
        if self.previous is None:
            return f"{self.sv_file}#{unit_id}"
        old = self.previous.get(int(index))
        return None if old is None else f"{self.sv_file}#{old}{dot}{cell}"

    @property
    def lined_up(self) -> bool:
        """Whether every block translates the Swedish block at the same place."""
        return (len(self.sv_blocks) == len(self.tr_blocks)
                and all(self.mapping.get(i) == i for i in range(len(self.sv_blocks))))


def _pairs(old: list[str], new: list[str]) -> dict[int, int]:
    """new index → old index, for blocks kept or changed in place between two sequences."""
    result = {}
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for k in range(min(a1 - a0, b1 - b0)):
                result[b0 + k] = a0 + k
    return result


def align(sv: list[Block], tr: list[Block], remembered: list[str] | None) -> dict[int, int]:
    """Swedish block index → translated block index.

    The translation lines up with the Swedish blocks it was last imported against
    (``remembered``); a Swedish edit since then is followed through those. Without that
    memory, a translation with the same shape lines up one to one; else by shape."""
    if remembered is not None and len(remembered) == len(tr):
        mapping = _pairs(remembered, [b.hash for b in sv])
    elif [b.signature for b in sv] == [b.signature for b in tr]:
        mapping = {i: i for i in range(len(sv))}
    else:
        mapping = _pairs([b.signature for b in tr], [b.signature for b in sv])
    return {i: t for i, t in mapping.items() if sv[i].signature == tr[t].signature}


def view_page(root: Path, languages: Languages, code: str, rel: str, memory: Memory) -> PageView:
    sv_file = f"docs/{languages.source.code}/{rel}"
    tr_file = f"docs/{code}/{rel}"
    sv_text, _ = read(root / sv_file)  # a BOM or CRLF read as MkDocs reads them
    sv = split_front_matter(sv_text, sv_file)
    sv_lines = sv_text.splitlines(keepends=True)
    sv_blocks = parse_blocks(sv_lines, sv.body_line - 1)
    tr_path = root / tr_file
    tr_text, tr_form = read(tr_path) if tr_path.exists() else (None, Form())
    status, in_sync, tr_meta, tr_lines, tr_blocks = "missing", False, {}, [], []
    if tr_text is not None:
        tr = split_front_matter(tr_text, tr_file)
        tr_meta, tr_lines = tr.meta, tr_text.splitlines(keepends=True)
        block = tr_meta.get("translation") if isinstance(tr_meta.get("translation"), dict) else {}
        status = block.get("status") or "machine"
        in_sync = block.get("source") == source_hash(sv_text)
        tr_blocks = parse_blocks(tr_lines, tr.body_line - 1)
    view = PageView(rel, sv_file, tr_file, sv_text, sv_lines, sv.meta, sv_blocks, tr_text,
                    tr_lines, tr_meta, tr_blocks, status, in_sync, tr_form)
    remembered = memory.pages.get(sv_file)
    if remembered is not None:
        view.previous = _pairs(remembered, [b.hash for b in sv_blocks])
    if status not in ("missing", "untranslated"):
        view.mapping = align(sv_blocks, tr_blocks, remembered)
    return view


def block_unit_id(block: Block, index: int, cell: int) -> str:
    """A block's unit id on its page: its index, and a table cell's number after a dot."""
    return f"{index}.{cell + 1}" if block.kind == "row" else str(index)


def source_texts(text: str, file: str) -> tuple[dict[str, str], list[Block]]:
    """A Swedish page's units' texts by id (title, description, blocks), and its blocks."""
    text = normal_text(text)
    page = split_front_matter(text, file)
    blocks = parse_blocks(text.splitlines(keepends=True), page.body_line - 1)
    texts = {key: page.meta[key] for key in ("title", "description")
             if isinstance(page.meta.get(key), str)}
    for index, block in enumerate(blocks):
        for cell, unit_text in enumerate(block.texts):
            texts[block_unit_id(block, index, cell)] = unit_text
    return texts, blocks


def page_units(view: PageView, memory: Memory) -> list[Unit]:
    translated = view.status in ("machine", "reviewed")
    units = []
    for key in ("title", "description"):
        if isinstance(view.sv_meta.get(key), str):
            target = view.tr_meta.get(key) if translated else None
            units.append(Unit(view.sv_file, key, f"page {key}", view.sv_meta[key],
                              target if isinstance(target, str) else None,
                              view.sv_meta.lines[key]))
    for index, block in enumerate(view.sv_blocks):
        tr = view.tr_blocks[view.mapping[index]] if index in view.mapping else None
        for cell, text in enumerate(block.texts):
            units.append(Unit(view.sv_file, block_unit_id(block, index, cell),
                              describe(block, cell), text, tr.texts[cell] if tr else None,
                              block.start + 1, cell=block.kind == "row"))
    for unit in units:
        key = view.remembered_key(unit.id)
        remembered = memory.unit_hash(key) if key else None
        if unit.target is None:
            unit.changed = True
        elif remembered is not None:
            unit.changed = remembered != text_hash(unit.source)
        else:
            # Never imported: a page translated from today's Swedish is up to date.
            unit.changed = view.sv_file in memory.pages or not view.in_sync
        unit.state = "none" if unit.target is None else view.status
    return units


def _yaml_unit(memory: Memory, unit: Unit) -> Unit:
    remembered = memory.unit_hash(unit.key)
    unit.changed = unit.target is None or (remembered is not None
                                           and remembered != text_hash(unit.source))
    unit.state = "none" if unit.target is None else memory.unit_state(unit.key) or "machine"
    return unit


def yaml_units(root: Path, languages: Languages, code: str, memory: Memory) -> list[Unit]:
    """UI strings, checklist texts and contact texts."""
    source = languages.source.code
    units = []
    sv_file, tr_file = f"{STRINGS}/{source}.yml", f"{STRINGS}/{code}.yml"
    sv = load_yaml(root / sv_file, sv_file) or {}
    tr = load_yaml(root / tr_file, tr_file) if (root / tr_file).exists() else {}
    for key, text in sv.items():
        if isinstance(text, str) and not str(key).startswith(NOT_TEXT):
            target = tr.get(key) if isinstance(tr, dict) else None
            units.append(Unit(sv_file, str(key), "UI string", text,
                              target if isinstance(target, str) and target else None,
                              sv.lines[key], target_file=tr_file, target_path=(key,)))
    for path in sorted((root / CHECKLISTS).glob("*.yml")):
        file = path.relative_to(root).as_posix()
        data = load_yaml(path, file) or {}
        texts = data.get("text") or {}
        mine = texts.get(code) if isinstance(texts.get(code), dict) else {}
        for key, text in (texts.get(source) or {}).items():
            if isinstance(text, str):
                target = mine.get(key)
                units.append(Unit(file, str(key), "checklist text", text,
                                  target if isinstance(target, str) and target else None,
                                  texts[source].lines[key], target_file=file,
                                  target_path=("text", code, key)))
    file = CONTACTS.as_posix()
    for contact, entry in (load_yaml(root / CONTACTS, file) or {}).items():
        for name, value in (entry.items() if isinstance(entry, dict) else ()):
            if isinstance(value, dict) and isinstance(value.get(source), str):
                target = value.get(code)
                units.append(Unit(file, f"{contact}.{name}", f"contact text ({name})",
                                  value[source],
                                  target if isinstance(target, str) and target else None,
                                  value.lines[source], target_file=file,
                                  target_path=(contact, name, code), parent_path=(contact, name)))
    units += statement_units(root, source, code)
    return [_yaml_unit(memory, unit) for unit in units]


def statement_units(root: Path, source: str, code: str) -> list[Unit]:
    """The accessibility statement's texts: each known issue (a list item, ``issues.1`` …),
    the method and the exemptions."""
    path, file = root / STATEMENT, STATEMENT.as_posix()
    if not path.exists():
        return []
    text, _ = read(path)
    texts = (parse_yaml(text, file) or {}).get("text") or {}
    sv = texts.get(source) if isinstance(texts.get(source), dict) else {}
    mine = texts.get(code) if isinstance(texts.get(code), dict) else {}
    units = []
    for key, value in sv.items():
        theirs = mine.get(key)
        if isinstance(value, str):
            units.append(Unit(file, str(key), f"accessibility statement ({key})", value,
                              theirs if isinstance(theirs, str) and theirs else None,
                              sv.lines[key], target_file=file, target_path=("text", code, key),
                              parent_path=("text", code)))
        elif isinstance(value, list):
            lines = item_lines(text, sv.lines[key])
            theirs = theirs if isinstance(theirs, list) else []
            for i, item in enumerate(value):
                if isinstance(item, str) and i < len(lines):
                    target = theirs[i] if i < len(theirs) else None
                    units.append(Unit(file, f"{key}.{i + 1}",
                                      f"accessibility statement ({key}, item {i + 1})", item,
                                      target if isinstance(target, str) and target else None,
                                      lines[i], target_file=file,
                                      target_path=("text", code, key, i)))
    return units


def source_pages(root: Path, languages: Languages) -> list[str]:
    folder = root / "docs" / languages.source.code
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


def collect(root: Path, languages: Languages, code: str, memory: Memory
            ) -> tuple[dict[str, PageView], list[Unit]]:
    """Every page seen in both languages, and every unit in a stable order."""
    views, units = {}, []
    for rel in source_pages(root, languages):
        view = view_page(root, languages, code, rel, memory)
        views[view.sv_file] = view
        units.extend(page_units(view, memory))
    units.extend(yaml_units(root, languages, code, memory))
    return views, units
