"""The project's data, read and checked once, then handed to every part of a build.

One frozen value: the languages, every language's UI strings, the contact facts, the
checklists, the navigation, the PDFs the site offers and the pages' sources. The MkDocs plugin, the parallel
language builds and the PDFs take it from ``project_at(root)``, which reads the files once
per process: ``trygg build`` reads them before it forks a process per language, so each
language's build starts with them read. A process that keeps running (a preview) reads
them again when one of the files they come from changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .checklists import load_checklists
from .contacts import load_contacts
from .languages import Languages, load_languages
from .pdf.books import Book, project_books
from .problems import ProblemsFound
from .sources import load_sources
from .strings import check_strings, ui_strings
from .validate import nav_entries


@dataclass(frozen=True)
class Project:
    root: Path
    languages: Languages
    strings: Mapping[str, Mapping[str, str]]  # language code -> key -> text
    contacts: Any
    checklists: Any
    nav: tuple[str, ...]     # source-relative pages in the navigation's order
    books: tuple[Book, ...]  # the PDFs the site offers
    sources: Any             # docs/_data/sources.yml: id -> Source


def load_project(root: Path) -> Project:
    """Read and check the project's data; raises ProblemsFound when a ready language's UI
    strings have errors (the build cannot render its pages then)."""
    languages = load_languages(root)
    problems = [p for p in check_strings(root, languages) if p.severity == "error"]
    if problems:
        raise ProblemsFound(problems)
    strings = MappingProxyType({lang.code: MappingProxyType(ui_strings(root, languages, lang))
                                for lang in languages})
    nav = tuple(nav_entries(root))
    return Project(root, languages, strings, load_contacts(root), load_checklists(root), nav,
                   tuple(project_books(root, languages, list(nav))), load_sources(root))


_loaded: dict[tuple, Project] = {}


def project_at(root: Path) -> Project:
    """The project at ``root``, read once per process and again only when its files changed."""
    root = root.resolve()
    key = (root, _stamp(root))
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = load_project(root)
    return _loaded[key]


def _stamp(root: Path) -> tuple:
    """Every file the project's data is read from, with its size and time: mkdocs.yml, the
    language list and strings, the data files, and the source pages (the checklists' pages
    are found in them)."""
    files = [root / "mkdocs.yml"]
    for folder in (root / "translations", root / "docs"):
        if folder.is_dir():
            files.extend(sorted(folder.rglob("*")))
    stamp = []
    for path in files:
        try:
            stat = os.stat(path)
            stamp.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            stamp.append((str(path), -1, -1))
    return tuple(stamp)
