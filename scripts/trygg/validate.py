"""Source rules: everything an editor writes, checked before anything is built.

Every problem is collected, then reported at once as ``path:line: rule-id: message``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path, PurePosixPath

from .accessibility import statement_problems
from .checklists import checklist_problems, load_checklists, token_problems
from .contacts import contact_problems, load_contacts
from .languages import Languages, load_languages
from .mkdocs_config import load_config, nav_coverage_problems, nav_entries
from .page_rules import (front_matter_problems, image_problems, name_problems,
                         orphan_problems, page_problems)
from .problems import Problem, ProblemsFound
from .plain_text import data_problems, project_data_problems
from .published_files import file_problems
from .raw_html import page_problems as raw_html_problems
from .readability import lix
from .sitedata import announcement_problems, publisher_problems
from .sources import source_problems
from .symlinks import symlink_problems
from .theme_templates import template_problems
from .strings import check_strings, load_strings, strings_file
from .translation import read_page, translation_problems

_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


def _slugify():
    from pymdownx.slugs import slugify

    return slugify(case="lower")


def heading_ids(body: str) -> set[str]:
    """The ids the toc extension gives this page's headings (our mkdocs.yml slugify)."""
    slug = _slugify()
    ids, seen = set(), defaultdict(int)
    fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if not match:
            continue
        explicit = re.search(r"#([\w-]+)", match.group(3) or "")
        text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", match.group(2))
        base = explicit.group(1) if explicit else slug(text, "-")
        seen[base] += 1
        ids.add(base if seen[base] == 1 else f"{base}_{seen[base] - 1}")
    return ids


def page_folder(relative: PurePosixPath) -> str:
    """Where a page ends up (use_directory_urls): a/b.md and a/b/index.md both give a/b/."""
    stem = relative.with_suffix("")
    return str(stem.parent if stem.name in ("index", "README") else stem)


def nav_problems(root: Path, languages: Languages) -> list[Problem]:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    problems = []
    for entry in nav_entries(root):
        if not (root / "docs" / languages.source.code / entry).is_file():
            line = next((n for n, row in enumerate(text.splitlines(), 1)
                         if row.strip().endswith(entry)), 1)
            problems.append(Problem("mkdocs.yml", line, "nav-missing-page", f"the navigation "
                                    f"lists '{entry}', but docs/{languages.source.code}/{entry} "
                                    "does not exist; create the page or remove the line."))
    return problems


def validate_project(root: Path) -> list[Problem]:
    """Every problem in languages, UI strings, contacts, pages and navigation."""
    try:
        load_config(root)  # the navigation and MkDocs need it readable
        languages = load_languages(root)
    except ProblemsFound as found:
        return found.problems
    problems = check_strings(root, languages) + nav_problems(root, languages)
    problems += nav_coverage_problems(root, languages.source.code)
    problems += publisher_problems(root) + announcement_problems(root)
    problems += statement_problems(root, languages) + project_data_problems(root)
    problems += file_problems(root) + symlink_problems(root) + source_problems(root, languages)
    problems += template_problems(root)
    # A data file that cannot be read is one finding: its references are not then each
    # reported as unknown (None skips those rules).
    try:
        contacts = load_contacts(root)
    except ProblemsFound as found:
        problems += found.problems
        contacts = None
    try:
        checklists = load_checklists(root)
    except ProblemsFound as found:
        problems += found.problems
        checklists = None
    for checklist in (checklists or {}).values():
        problems += checklist_problems(checklist, languages)
    if contacts is not None:  # an unreadable contacts.yml is one finding already
        problems += _string_contact_problems(root, languages, contacts)
    docs = root / "docs"
    dests: dict[tuple[str, str], list[str]] = defaultdict(list)
    bodies: dict[tuple[str, str], tuple[str, int]] = {}
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and not p.name.startswith("_")):
        if folder.name not in languages.codes:
            problems.append(Problem(f"docs/{folder.name}", 1, "language-unknown", f"'{folder.name}'"
                                    " is not in translations/languages.yml; add it with "
                                    f"'trygg new-lang {folder.name}' or rename the folder."))
            continue
        for path in sorted(folder.rglob("*.md")):
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            shown = f"docs/{folder.name}/{relative}"
            try:
                page = read_page(path, shown)
            except ProblemsFound as found:
                problems += found.problems
                continue
            lang = languages.get(folder.name)
            broken_front = front_matter_problems(page, shown)
            problems += broken_front + page_problems(page, shown)
            if lang.is_source:  # a translation's odd name is a translation-orphan already
                problems += name_problems(str(relative), shown)
            if not lang.is_source:
                # Without its opening '---' a page has no front matter to read: that is the
                # one finding, not also a missing 'translation:'.
                if not (broken_front and page.body_line == 1):
                    problems += translation_problems(page.meta, shown)
            elif lang.code == "sv" and (value := lix(path.read_text(encoding="utf-8"))) > 40:
                problems.append(Problem(shown, page.body_line, "lix-high", f"the page's LIX "
                                        f"readability index is {value:.0f}; plain Swedish stays "
                                        "at 40 or below: shorter sentences, fewer long words.",
                                        "warning"))
            if contacts is not None:
                problems += contact_problems(page.body, shown, contacts, page.body_line)
            if checklists is not None:
                problems += token_problems(page.body, shown, checklists, page.body_line)
            problems += raw_html_problems(page.body, shown, page.body_line)
            problems += data_problems(page.meta, shown)
            dests[(lang.code, page_folder(relative))].append(shown)
            bodies[(lang.code, str(relative))] = (page.body, page.body_line)
    for (code, dest), shown_paths in dests.items():
        if len(shown_paths) > 1:
            for shown in shown_paths:
                others = ", ".join(p for p in shown_paths if p != shown)
                problems.append(Problem(shown, 1, "page-duplicate", f"this page and {others} "
                                        f"both become /{dest}/; rename or remove one."))
    problems += _link_problems(docs, languages, bodies)
    problems += image_problems(docs) + orphan_problems(docs, languages)
    return sorted(problems)


def _string_contact_problems(root: Path, languages: Languages, contacts) -> list[Problem]:
    """UI strings may name contacts too (the 404 page's help numbers): the same rules as
    in pages, at the line of the strings file."""
    problems = []
    for lang in languages:
        try:
            data = load_strings(root, lang)
        except ProblemsFound:
            continue  # reported by check_strings
        for key, value in data.items():
            if isinstance(value, str) and "[[" in value:
                problems += contact_problems(value, strings_file(lang).as_posix(), contacts,
                                             data.lines.get(key, 1))
    return problems


def _link_problems(docs: Path, languages, bodies) -> list[Problem]:
    problems = []
    ids_cache: dict[tuple[str, str], set[str]] = {}

    def ids(key):
        if key not in ids_cache:
            ids_cache[key] = heading_ids(bodies[key][0])
        return ids_cache[key]

    for (code, relative), (body, first) in bodies.items():
        shown = f"docs/{code}/{relative}"
        for offset, line in enumerate(body.splitlines()):
            for match in _LINK.finditer(line):
                target = match.group(3)
                if _SCHEME.match(target):
                    continue
                address, _, fragment = target.partition("#")
                if address:
                    normal = _normalise(str(PurePosixPath(relative).parent / address))
                    key = next((k for k in ((code, normal), (languages.source.code, normal))
                                if k in bodies), None)
                    exists = key is not None or any(
                        (docs / c / normal).is_file() for c in (code, languages.source.code))
                    if not exists:
                        problems.append(Problem(shown, first + offset, "link-broken", f"'{target}' "
                                                "leads to a page or file that does not exist; "
                                                "check the file name (pages are linked by their "
                                                ".md file)."))
                        continue
                else:
                    key = (code, relative)
                if fragment and key and key in bodies and fragment not in ids(key):
                    problems.append(Problem(shown, first + offset, "link-fragment", f"'{target}': "
                                            f"no heading with the id '{fragment}' on that page; "
                                            f"ids there: {', '.join(sorted(ids(key))) or 'none'}."))
    return problems


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in PurePosixPath(path).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
