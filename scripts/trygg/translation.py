"""Translation state of a page: front matter, the Swedish source's hash, and what readers are told.

A translated page says in its front matter which version of the source page it
translates (a hash of the source file's text, so no git history is needed) and
whether a person has reviewed it:

    translation:
      status: machine      # or: reviewed
      source: "3f2a9c1b7d04"  # hash of the source page this translates

A page not yet translated has no file at all: readers of that language see the current
source page (mkdocs-static-i18n's fallback), marked as such, never a copy that can go stale.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, ProblemsFound
from .yamlfile import LineDict, normal_text, parse_yaml, read_text

# machine: made by a machine and not yet checked by a person; reviewed: checked by a person
# who reads both languages. (Not translated yet is no file, not a status.)
STATUSES = ("machine", "reviewed")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class PageSource:
    meta: LineDict
    body: str
    body_line: int  # the line of the file where the Markdown body starts


def split_front_matter(text: str, shown: str) -> PageSource:
    match = _FRONT_MATTER.match(text)
    if not match and re.match(r"---[ \t]*\n", text):
        raise ProblemsFound([Problem(shown, 1, "front-matter", "the front matter that starts "
                                     "here with '---' is never closed; add a line with only "
                                     "'---' after its last 'key: value' line (before the "
                                     "page's text).")])
    if not match:
        empty = LineDict()
        empty.lines, empty.start_line = {}, 1
        return PageSource(empty, text, 1)
    meta = parse_yaml(match.group(1) or "", shown, first_line=2)
    if meta is None:
        meta = LineDict()
        meta.lines, meta.start_line = {}, 2
    if not isinstance(meta, dict):
        raise ProblemsFound([Problem(shown, 2, "front-matter", "the front matter between the "
                                     "'---' lines must be 'key: value' lines.")])
    return PageSource(meta, text[match.end():], match.group(0).count("\n") + 1)


def read_page(path: Path, shown: str) -> PageSource:
    return split_front_matter(read_text(path, shown), shown)


def source_hash(text: str) -> str:
    """A short, stable fingerprint of a source page; blind to line endings and trailing spaces."""
    normal = "\n".join(line.rstrip() for line in normal_text(text).split("\n")).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class TranslationState:
    """What a reader of one language version is told about it."""

    missing: bool = False   # the page does not exist in this language: the source is shown
    machine: bool = False   # machine-made and not yet checked by a person
    outdated: bool = False  # the source page changed after this translation was made

    @property
    def needs_notice(self) -> bool:
        return self.missing or self.machine or self.outdated


def translation_problems(meta: LineDict, shown: str) -> list[Problem]:
    """Problems with a translated page's ``translation:`` front matter."""
    block = meta.get("translation")
    line = meta.lines.get("translation", 1)
    if not isinstance(block, dict):
        _, code, page = (shown.split("/", 2) + ["", ""])[:3]
        return [Problem(shown, line, "translation-status", "a translated page needs "
                        "'translation:' with 'status: machine' or 'status: reviewed' in its "
                        f"front matter: once it is translated, run 'trygg translated {page} "
                        f"--lang {code}' to add it (a page not translated yet is no file: "
                        "delete it).")]
    status = block.get("status")
    if status == "untranslated":
        return [Problem(shown, block.lines.get("status", line), "translation-untranslated",
                        "a page that is not translated yet is no file at all: delete this file. "
                        "Readers of this language then see the current Swedish page, marked as "
                        "Swedish, and 'make status' counts it as missing.")]
    if status not in STATUSES:
        return [Problem(shown, block.lines.get("status", line), "translation-status",
                        f"status '{status}' is unknown; use 'machine' (made by a machine, not yet "
                        "checked) or 'reviewed' (checked by a person).")]
    return []


def translation_state(meta: dict, source_text: str | None, *, missing: bool) -> TranslationState:
    block = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    if missing:
        return TranslationState(missing=True)
    machine = block.get("status") != "reviewed"
    # str(): MkDocs reads front matter with plain YAML, where a hash of only digits is a number.
    outdated = source_text is not None and str(block.get("source")) != source_hash(source_text)
    return TranslationState(machine=machine, outdated=outdated)


def record_translation(text: str, source_text: str, status: str | None = None) -> str:
    """The translated page's text with ``translation.source`` set to the source's current
    hash (and ``status`` set, when given). Only those lines change: the rest of the
    file, comments and layout included, stays as the editor wrote it."""
    if status is not None and status not in STATUSES:
        raise ValueError(status)
    text = normal_text(text)
    match = _FRONT_MATTER.match(text)
    front = match.group(1) or "" if match else ""
    body = text[match.end():] if match else text
    lines = front.splitlines()
    # Quoted, so that every YAML reader (MkDocs' too) reads a hash of only digits as text.
    values = {"source": f'"{source_hash(source_text)}"'}
    if status:
        values["status"] = status
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"translation:\s*$", line))
    except StopIteration:
        lines.append("translation:")
        start = len(lines) - 1
        values.setdefault("status", "machine")
    end = start + 1
    while end < len(lines) and re.match(r"\s+\S", lines[end]):
        end += 1
    block = lines[start + 1:end]
    for key, value in values.items():
        for i, line in enumerate(block):
            if re.match(rf"\s+{key}:", line):
                block[i] = f"  {key}: {value}"
                break
        else:
            block.append(f"  {key}: {value}")
    lines[start + 1:end] = block
    return "---\n" + "\n".join(lines) + "\n---\n" + body
