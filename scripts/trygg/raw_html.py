"""Raw HTML in what editors write: a short allow-list in Markdown, none in plain-text fields.

Pages are Markdown; the few HTML elements an editor may need are listed here, with the
attributes each may carry. Everything else (a script, a style, a frame, a form, an event
handler, a style attribute) is a source error before anything is built. Plain-text fields
(titles, descriptions, UI strings, contact, checklist and announcement texts …) take no HTML
at all: the site shows them as typed.

HTML is read with Python's own HTML tokenizer (``html.parser``), the one Python-Markdown uses
to find raw HTML in a page, so a tag is seen here exactly when Markdown would pass it on.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .problems import Problem

# element: the attributes it may carry besides lang and dir (which every element may carry).
ALLOWED_ELEMENTS: dict[str, frozenset[str]] = {
    "details": frozenset({"open", "markdown"}),  # fold-out parts (markdown: text inside is Markdown)
    "summary": frozenset(),
    "abbr": frozenset({"title"}),   # an abbreviation and its expansion
    "bdi": frozenset(),             # a number or name in another direction
    "span": frozenset(),            # a passage in another language (lang, dir)
    "br": frozenset(),
    "kbd": frozenset(),
    "sup": frozenset(),
    "sub": frozenset(),
}
GLOBAL_ATTRIBUTES = frozenset({"lang", "dir"})
ALLOWED_LIST = ", ".join(f"<{name}>" for name in ALLOWED_ELEMENTS)
# Addresses that run code or hide a document, in a Markdown link, image or reference.
_UNSAFE_SCHEME = re.compile(r"^<?\s*(?:javascript|vbscript|data)\s*:", re.I)
_MARKDOWN_TARGET = re.compile(r"\]\(\s*([^)\s]*)|^\s{0,3}\[[^\]]+\]:\s*(\S+)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")

_WHY = {
    "script": "scripts run only from the site's own files (overrides/assets/javascripts/)",
    "style": "the look of the site lives in overrides/assets/stylesheets/site.css",
    "iframe": "no other website's player or page is embedded: link to it instead",
    "object": "no other website's content is embedded: link to it instead",
    "embed": "no other website's content is embedded: link to it instead",
    "form": "forms are made from the checklist files: write [[checklista:<id>]]",
    "input": "forms are made from the checklist files: write [[checklista:<id>]]",
    "a": "write a link in Markdown: [text](page.md)",
    "img": "write an image in Markdown: ![what it shows](picture.png)",
}


class _Tags(HTMLParser):
    """Every start tag with its attributes and line, and every comment's line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, attrs))


def _tags(text: str) -> list[tuple[int, str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def _without_code(body: str) -> str:
    """The body with code blocks and code spans blanked (their text is shown as code, not
    read as HTML); lines keep their numbers."""
    lines, fenced = [], False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append("")
        else:
            lines.append("" if fenced else _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(lines)


def _is_autolink(tag: str) -> bool:
    # <https://…> and <name@example.se> are Markdown's links, not HTML.
    return tag.startswith(("http:", "https:", "ftp:", "mailto:")) or "@" in tag


def page_problems(body: str, shown: str, first_line: int = 1) -> list[Problem]:
    """Raw HTML outside the allow-list, and links that run code, in a page's Markdown body."""
    problems = []
    text = _without_code(body)
    for line, tag, attrs in _tags(text):
        where = first_line + line - 1
        if _is_autolink(tag):
            continue
        if tag not in ALLOWED_ELEMENTS:
            why = _WHY.get(tag, "write it in Markdown")
            problems.append(Problem(shown, where, "html-not-allowed", f"<{tag}> is not allowed "
                                    f"in a page ({why}). The HTML a page may use: "
                                    f"{ALLOWED_LIST}."))
            continue
        allowed = ALLOWED_ELEMENTS[tag] | GLOBAL_ATTRIBUTES
        for name, _value in attrs:
            if name not in allowed:
                hint = ("behaviour belongs in a script file in overrides/assets/javascripts/"
                        if name.startswith("on") else "the look belongs in site.css"
                        if name == "style" else "remove it")
                problems.append(Problem(shown, where, "html-attribute-not-allowed", f"<{tag} "
                                        f"{name}=…>: the attribute '{name}' is not allowed "
                                        f"({hint}). <{tag}> may carry: "
                                        f"{', '.join(sorted(allowed))}."))
    for offset, line in enumerate(text.split("\n")):
        for match in _MARKDOWN_TARGET.finditer(line):
            target = match.group(1) or match.group(2) or ""
            if _UNSAFE_SCHEME.match(target):
                problems.append(Problem(shown, first_line + offset, "link-unsafe", f"the "
                                        f"address '{target[:40]}' runs code or hides a "
                                        "document; link to a page (page.md), a file in docs/ "
                                        "or a web address (https://…)."))
    return problems


def text_problems(value: str, shown: str, line: int, field: str) -> list[Problem]:
    """HTML in a plain-text field: the site would show the tags as typed."""
    tags = [tag for _line, tag, _attrs in _tags(value) if not _is_autolink(tag)]
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
    from .yamlfile import load_yaml
    from .problems import ProblemsFound

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
