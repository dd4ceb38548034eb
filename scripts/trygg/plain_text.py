"""Plain-text fields take no HTML: titles, descriptions, UI strings, the announcement, the
publisher, contacts, checklists, the accessibility statement. The site shows them exactly as
typed (escaped wherever a template prints them); a tag in one is a mistake to point out."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem, ProblemsFound
from .raw_html import elements, is_autolink
from .yamlfile import load_yaml


def text_problems(value: str, shown: str, line: int, field: str) -> list[Problem]:
    """HTML in a plain-text field: the site would show the tags as typed."""
    tags = [tag for _line, tag, _attrs in elements(value) if not is_autolink(tag)]
    if not tags:
        return []
    return [Problem(shown, line, "text-html", f"'{field}' is plain text, but it contains "
                    f"<{tags[0]}>: the site shows text exactly as typed. Remove the tag; for a "
                    "link or emphasis, write it in a page's Markdown.")]


def data_problems(data, shown: str, line: int = 1, field: str = "") -> list[Problem]:
    """``text_problems`` for every string in a YAML file's data, at its key's line."""
    if isinstance(data, str):
        return text_problems(data, shown, line, field)
    problems = []
    if isinstance(data, dict):
        lines = getattr(data, "lines", {})
        for key, value in data.items():
            name = f"{field}.{key}" if field else str(key)
            problems += data_problems(value, shown, lines.get(key, line), name)
    elif isinstance(data, list):
        for value in data:
            problems += data_problems(value, shown, line, field)
    return problems


def project_data_problems(root: Path) -> list[Problem]:
    """Every plain-text string in the UI strings and the data files."""
    files = sorted((root / "translations").glob("*.yml")) + sorted(
        (root / "docs" / "_data").rglob("*.yml"))
    problems = []
    for path in files:
        shown = path.relative_to(root).as_posix()
        try:
            problems += data_problems(load_yaml(path, shown), shown)
        except ProblemsFound:
            continue  # a file that cannot be read is reported by the rules that read it
    return problems
