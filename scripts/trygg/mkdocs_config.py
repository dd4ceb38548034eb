"""``mkdocs.yml`` as our rules read it: checked before MkDocs reads it, so that a mistake in it
is ``mkdocs.yml:L: yaml-syntax`` (or ``yaml-duplicate-key``), never MkDocs' traceback; and the
pages its navigation lists, in order."""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem
from .yamlfile import _Loader, parse_yaml, read_text

CONFIG_FILE = "mkdocs.yml"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


class _IgnoreTags(_Loader):
    """MkDocs' own tags (``!ENV``, ``!!python/name:``) are values MkDocs resolves; we only
    need the file's shape and its navigation."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(root: Path) -> dict:
    """mkdocs.yml's settings; raises ProblemsFound with the line of a syntax error."""
    return parse_config(read_text(root / CONFIG_FILE, CONFIG_FILE), CONFIG_FILE)


def parse_config(text: str, shown: str) -> dict:
    """A configuration file's settings (mkdocs.yml, or a file it inherits), MkDocs' own tags
    left out; raises ProblemsFound with the line of a syntax error."""
    config = parse_yaml(text, shown, loader_class=_IgnoreTags)
    return config if isinstance(config, dict) else {}


def _entries(nav) -> list[str]:
    entries = []
    for item in nav or []:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, list):
                entries.extend(_entries(value))
            elif isinstance(value, str) and not _SCHEME.match(value):
                entries.append(value)
    return entries


def nav_entries(root: Path) -> list[str]:
    """The pages mkdocs.yml's navigation lists, in order (source-relative paths)."""
    return _entries(load_config(root).get("nav"))


def nav_coverage_problems(root: Path, source: str) -> list[Problem]:
    """Each source page once in the navigation: a page left out is published outside the
    menu (found only through search or the sitemap), and one listed twice shows twice."""
    config = load_config(root)
    if not config.get("nav"):
        return []  # no navigation: MkDocs lists every page itself
    lines = (root / CONFIG_FILE).read_text("utf-8").splitlines()
    entries, problems, seen = nav_entries(root), [], set()
    for entry in entries:
        if entry in seen:
            line = max(n for n, row in enumerate(lines, 1) if row.rstrip().endswith(entry))
            problems.append(Problem(CONFIG_FILE, line, "nav-duplicate", f"'{entry}' is in the "
                                    "navigation twice; delete one of the lines."))
        seen.add(entry)
    nav_line = next((n for n, row in enumerate(lines, 1) if row.startswith("nav:")), 1)
    docs = root / "docs" / source
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        relative = path.relative_to(docs).as_posix()
        if relative not in seen:
            problems.append(Problem(f"docs/{source}/{relative}", 1, "nav-page-missing", "this "
                                    f"page is not in the menu (nav: in mkdocs.yml, line "
                                    f"{nav_line}); add a line '- {relative}' in its section, "
                                    "or delete the page if it is not wanted."))
    return problems
