"""The accessibility statement, generated in each language from ``docs/_data/accessibility.yml``
and ``publisher.yml``: every field DIGG requires, labelled from the UI strings. A page shows
it with the line ``[[tillganglighetsredogorelse]]``."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .problems import Problem
from .yamlfile import load_mapping

ACCESSIBILITY_FILE = Path("docs") / "_data" / "accessibility.yml"
TOKEN = re.compile(r"^\[\[tillganglighetsredogorelse\]\]\s*$", re.M)
LEVELS = {"full": "a11y.level.full", "partial": "a11y.level.partial", "none": "a11y.level.none"}


def load_statement(root: Path) -> dict:
    path = root / ACCESSIBILITY_FILE
    return load_mapping(path, ACCESSIBILITY_FILE.as_posix()) if path.exists() else {}


def statement_problems(root: Path, languages) -> list[Problem]:
    data = load_statement(root)
    if not data:
        return []
    shown = ACCESSIBILITY_FILE.as_posix()
    problems = []
    if data.get("compliance") not in LEVELS:
        problems.append(Problem(shown, data.lines.get("compliance", 1), "statement-field",
                                "compliance must be full, partial or none."))
    for key in ("assessed", "updated", "complaint_url"):
        if not data.get(key):
            problems.append(Problem(shown, data.lines.get(key, 1), "statement-field",
                                    f"'{key}' is required in the accessibility statement."))
    url = str(data.get("complaint_url") or "")
    if url and not url.startswith("https://"):
        problems.append(Problem(shown, data.lines.get("complaint_url", 1), "statement-field",
                                f"complaint_url '{url[:40]}' must be a web address starting "
                                "with https:// (DIGG's complaint page)."))
    texts = data.get("text") or {}
    for lang in languages:
        severity = "warning" if lang.status == "in-progress" else "error"
        block = texts.get(lang.code) or {}
        for key in ("issues", "method", "exemptions"):
            if not block.get(key):
                line = getattr(block, "lines", {}).get(key, data.lines.get("text", 1))
                problems.append(Problem(shown, line, "statement-missing", f"{lang.code}: "
                                        f"'{key}' has no text.", severity))
    return problems


def render_statement(data: dict, publisher: dict, lang, source: str, ui: dict,
                     site_name: str) -> str:
    e = html.escape
    texts = (data.get("text") or {})
    own = texts.get(lang.code) or {}
    fallback = texts.get(source) or {}

    def text(key):
        value = own.get(key) or fallback.get(key)
        attribute = "" if own.get(key) else f' lang="{source}"'
        return value, attribute

    def field(label, value):
        return f"<dt>{e(ui[label])}</dt><dd>{value}</dd>"

    missing = e(ui["a11y.missing"])
    contact = publisher.get("content_contact")
    contact_html = (f'<a href="mailto:{e(contact)}">{e(contact)}</a>' if contact else missing)
    issues, issues_lang = text("issues")
    method, method_lang = text("method")
    exemptions, exemptions_lang = text("exemptions")
    parts = ['<dl class="trygg-statement">',
             field("a11y.body", e(publisher.get("organisation") or "") or missing),
             field("a11y.service", e(site_name)),
             field("a11y.level", e(ui[LEVELS[data["compliance"]]])),
             f"<dt>{e(ui['a11y.issues'])}</dt><dd><ul{issues_lang}>"
             + "".join(f"<li>{e(item)}</li>" for item in issues or []) + "</ul></dd>",
             field("a11y.assessed", e(lang.format_date(data["assessed"]))),
             field("a11y.updated", e(lang.format_date(data["updated"]))),
             f"<dt>{e(ui['a11y.method'])}</dt><dd><p{method_lang}>{e(method or '')}</p></dd>",
             field("a11y.feedback", contact_html),
             f"<dt>{e(ui['a11y.complaint_link'])}</dt><dd><p>{e(ui['a11y.complaint'])}</p>"
             f'<p><a href="{e(data["complaint_url"])}">{e(ui["a11y.complaint_link"])}</a></p></dd>',
             f"<dt>{e(ui['a11y.exemptions'])}</dt><dd><p{exemptions_lang}>{e(exemptions or '')}</p></dd>",
             "</dl>"]
    return "\n".join(parts)


def render_statements(markdown: str, root: Path, publisher: dict, lang, source: str, ui: dict,
                      site_name: str) -> str:
    if not TOKEN.search(markdown):
        return markdown
    statement = render_statement(load_statement(root), publisher, lang, source, ui, site_name)
    return TOKEN.sub(lambda _: "\n" + statement + "\n", markdown)
