"""``trygg move-page``: rename a page in every language at once, with the navigation and every
Markdown link to it, keeping each translation's state (an up-to-date translation stays up to
date; an outdated one stays outdated). Everything is checked and computed before anything is
written."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath

from .editing import page_path
from .exchange.moves import memories_after_move
from .languages import load_languages
from .problems import Problem, ProblemsFound
from .symlinks import writable
from .translation import read_page, record_translation, source_hash
from .validate import page_folder

# The target of an inline link or image, ](target), or of a reference, [id]: target.
_TARGET = re.compile(r"(\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)([^)\s>]+)", re.M)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//|^#", re.I)


def _retarget(text: str, old_folder: str, new_folder: str, moved: tuple[str, str]) -> str:
    """Links in a page that lived in ``old_folder`` and now lives in ``new_folder``, with
    every link to ``moved[0]`` leading to ``moved[1]``."""

    def replace(match: re.Match) -> str:
        target = match.group(2)
        if _SCHEME.match(target):
            return match.group(0)
        address, hash_, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(old_folder, address))
        if resolved == moved[0]:
            resolved = moved[1]
        elif old_folder == new_folder:
            return match.group(0)
        new = posixpath.relpath(resolved, new_folder or ".")
        return match.group(1) + new + hash_ + fragment

    return _TARGET.sub(replace, text)


def move_page(root: Path, old_name: str, new_name: str) -> list[Path]:
    languages = load_languages(root)
    docs = root / "docs"
    old, new = page_path(old_name), page_path(new_name)
    source = languages.source.code
    if not (docs / source / old).is_file():
        raise ProblemsFound([Problem(f"docs/{source}/{old}", 1, "page-missing", "no such page; "
                                     "give FROM as the page's path under docs/"
                                     f"{source}/, e.g. gangsnacket/varningstecken.")])
    taken = [f"docs/{lang.code}/{new}" for lang in languages if (docs / lang.code / new).exists()]
    if taken:
        raise ProblemsFound([Problem(taken[0], 1, "page-exists", "a page with the new name "
                                     "exists already; choose another name or remove it first.")])
    moved = (str(old), str(new))
    sources_before = {p.relative_to(docs / source).as_posix(): p.read_text("utf-8")
                      for p in (docs / source).rglob("*.md")}
    writes: dict[Path, str] = {}
    for lang in languages:
        for path in sorted((docs / lang.code).rglob("*.md")) if (docs / lang.code).is_dir() else []:
            relative = path.relative_to(docs / lang.code).as_posix()
            destination = str(new) if relative == moved[0] else relative
            text = path.read_text("utf-8")
            changed = _retarget(text, posixpath.dirname(relative), posixpath.dirname(destination),
                                moved)
            if changed != text or destination != relative:
                writes[docs / lang.code / destination] = changed
    sources_after = {**sources_before}
    for path, text in writes.items():
        if path.parent.is_relative_to(docs / source):
            sources_after[path.relative_to(docs / source).as_posix()] = text
    sources_after.pop(moved[0], None)  # the new name differs (page-exists above)
    # A translation that matched its Swedish page before the move matches it after: the
    # Swedish page changed only in its links.
    for lang in languages:
        if lang.is_source or not (docs / lang.code).is_dir():
            continue
        for path in sorted((docs / lang.code).rglob("*.md")):
            relative = path.relative_to(docs / lang.code).as_posix()
            destination = str(new) if relative == moved[0] else relative
            if relative not in sources_before or destination not in sources_after:
                continue
            before, after = sources_before[relative], sources_after[destination]
            target = docs / lang.code / destination
            block = read_page(path, f"docs/{lang.code}/{relative}").meta.get("translation") or {}
            if before != after and str(block.get("source")) == source_hash(before):
                writes[target] = record_translation(writes.get(target, path.read_text("utf-8")),
                                                    after)
    # The exchange's memory follows the page (README, "Translation exchange").
    writes.update(memories_after_move(root, source, {moved[0]: moved[1]}, sources_before,
                                      sources_after))
    config = _config_with(root, old, new)
    for path in [*writes, root / "mkdocs.yml"]:
        writable(root, path)  # never through a symbolic link, checked before any change
    for lang in languages:
        old_path = docs / lang.code / old
        if old_path.exists():
            old_path.unlink()
    for path, text in writes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return sorted(writes) + [root / "mkdocs.yml"]


def _config_with(root: Path, old: PurePosixPath, new: PurePosixPath) -> str:
    """mkdocs.yml with the page's nav entry (and its address in extra.pages) renamed."""
    text = (root / "mkdocs.yml").read_text("utf-8")
    text = re.sub(rf"(^\s*-\s+(?:[^\n:]*:\s+)?){re.escape(str(old))}[ \t]*$", rf"\g<1>{new}",
                  text, flags=re.M)
    return re.sub(rf"(:\s+){re.escape(page_folder(old))}/[ \t]*$", rf"\g<1>{page_folder(new)}/",
                  text, flags=re.M)
