"""Source rules about a page as a whole and the files it shows: an empty page, an image from
another website, an image too heavy for a phone, a translation left without its Swedish page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .languages import Languages
from .problems import Problem
from .translation import PageSource

# 300 kB: every page of the site weighs under 150 kB compressed, so one image of 300 kB
# already triples a page for a parent on a prepaid phone plan, and the guide's PDF embeds
# each of its images in every language. A photo saved for the web (1200 px wide, JPEG
# quality 80) stays well below it.
IMAGE_LIMIT = 300_000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
_OTHER_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What the contact and checklist rules read ([[bris]], [[bris:namn]], a line
# [[checklista:id]]); any other [[…]] would be published as it is, brackets and all.
_BRACKETS = re.compile(r"\[\[[^\]\n]*\]\]")
_CONTACT = re.compile(r"\[\[[A-Za-z0-9_-]+(?::[a-zåäö]+)?\]\]")
_CHECKLIST = re.compile(r"\[\[checklista:[a-z0-9-]+\]\]")
# Control characters: a file that is not text, or text pasted from a word processor (its line
# and page breaks come along as invisible characters that break the page).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def name_problems(relative: str, shown: str) -> list[Problem]:
    """A page's file and folder names become its web address: lower-case ASCII words."""
    parts = relative.removesuffix(".md").split("/")
    if all(_NAME.match(part) for part in parts):
        return []
    suggestion = "/".join(_slug(part) for part in parts) + ".md"
    return [Problem(shown, 1, "page-name", f"'{relative}': page and folder names become the "
                    "page's web address, so they are lower-case words in plain letters joined "
                    f"by '-' (å, ä, ö become a, a, o; no spaces or capitals): rename it, e.g. "
                    f"'{suggestion}'.")]


def _slug(part: str) -> str:
    plain = part.lower().translate(str.maketrans("åäöéèü", "aaoeeu"))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "sida"


# The front-matter keys a page may have: ours, and the ones MkDocs and Material read.
FRONT_MATTER_KEYS = ("title", "description", "translation", "sources", "review_by", "contact",
                     "hide", "template", "icon", "status", "subtitle", "search", "tags")
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*):(?:\s|$)")


def front_matter_problems(page: PageSource, shown: str) -> list[Problem]:
    """A front matter whose opening '---' is missing, keys nobody reads (a misspelt
    'review_by' silently loses its reminder), and a title or description that is not text."""
    from difflib import get_close_matches

    if page.body_line == 1:
        first = next((line for line in page.body.splitlines() if line.strip()), "")
        key = _KEY_LINE.match(first)
        if key and key.group(1) in FRONT_MATTER_KEYS and "\n---" in page.body:
            return [Problem(shown, 1, "front-matter", "the front matter's opening '---' line "
                            "is missing: put a line with only '---' above "
                            f"'{key.group(1)}:'.")]
        return []
    problems = []
    for key, line in page.meta.lines.items():
        if str(key) not in FRONT_MATTER_KEYS:
            close = get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else (
                "the keys a page may have: " + ", ".join(FRONT_MATTER_KEYS) + ".")
            problems.append(Problem(shown, line, "front-matter", f"'{key}' is not a key the "
                                    f"site reads, so it does nothing; {hint}"))
    for key, example in _TEXT_KEYS.items():
        value = page.meta.get(key)
        # YAML reads `title: 12` as a number and `title: [1, 2]` as a list; MkDocs would
        # publish either as written ("[1, 2]") in the tab, the heading and search.
        if value is not None and not isinstance(value, str):
            kind = next((name for types, name in _KINDS if isinstance(value, types)), "not text")
            problems.append(Problem(shown, page.meta.lines.get(key, 1), "front-matter-text",
                                    f"'{key}' is read as {kind}, not as text, and would be "
                                    f"published as written; write the {key} as text: {key}: "
                                    f"{example} (a number, date or yes/no meant as the text "
                                    f"goes in quotes: {key}: '112')."))
    return problems


# Front-matter keys the site shows as text, with an example for the message.
_TEXT_KEYS = {"title": "Varningstecken", "description": "Tecken på att ett barn rekryteras."}
_KINDS = ((bool, "yes/no"), ((int, float), "a number"), (list, "a list"),
          (dict, "a group of keys"), (dt.date, "a date"))


def page_problems(page: PageSource, shown: str) -> list[Problem]:
    """An empty page, invisible characters, and images on other websites, in one page."""
    if control := _CONTROL.search(page.body):
        return [Problem(shown, page.body_line + page.body[:control.start()].count("\n"),
                        "file-encoding", f"this line has an invisible control character "
                        f"(U+{ord(control.group()):04X}), which breaks the page: often text "
                        "pasted from a word processor, or a file that is not text. Retype the "
                        "line, or paste the text as plain text.")]
    if not page.body.strip():
        return [Problem(shown, page.body_line, "page-empty", "this page has no text"
                        + (" below its front matter" if page.body_line > 1 else "")
                        + "; write the page (a '# Title' line, then the text), or delete the "
                        "file and its line in mkdocs.yml's nav if the page is not wanted.")]
    problems = []
    for offset, line in enumerate(page.body.splitlines()):
        for match in _BRACKETS.finditer(line):
            token = match.group()
            if _CHECKLIST.fullmatch(token) and line.strip() != token:
                problems.append(Problem(shown, page.body_line + offset, "token-unknown", f"put "
                                        f"{token} on a line of its own (the checklist takes "
                                        "the whole line)."))
            elif not (_CONTACT.fullmatch(token) or _CHECKLIST.fullmatch(token)):
                problems.append(Problem(shown, page.body_line + offset, "token-unknown", f"{token} "
                                        "is not a reference the site knows, and would be "
                                        "published as it is. Write a contact as [[bris]] or "
                                        "[[bris:namn]] and a checklist as [[checklista:id]], "
                                        "without spaces."))
        for match in _IMAGE.finditer(line):
            if not match.group(1).strip():
                problems.append(Problem(shown, page.body_line + offset, "image-alt", "this "
                                        "image has no text for readers who cannot see it; say "
                                        "what it shows between the brackets: ![what the image "
                                        "shows](file)."))
            if _OTHER_SITE.match(match.group(2)):
                problems.append(Problem(shown, page.body_line + offset, "image-external",
                                        f"the image '{match.group(2)}' is on another website, "
                                        "and the site loads nothing from other websites (a "
                                        "reader's visit must not be seen elsewhere). Save the "
                                        "image into docs/ next to the page and show that file; "
                                        "for a video or a web page, write an ordinary link "
                                        "[text](address) without the '!'."))
    return problems


def image_problems(docs: Path) -> list[Problem]:
    """Images heavier than IMAGE_LIMIT, once each, at the image file."""
    problems = []
    for path in sorted(docs.rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
            size = path.stat().st_size
            if size > IMAGE_LIMIT:
                problems.append(Problem(
                    f"docs/{path.relative_to(docs).as_posix()}", 1, "image-too-large",
                    f"this image is {_size(size)}; the limit is {_size(IMAGE_LIMIT)}, so that "
                    "pages stay light on a phone and the PDFs small. Save it smaller: at most "
                    "1200 pixels wide, as JPEG (photos) or PNG (drawings)."))
    return problems


def orphan_problems(docs: Path, languages: Languages) -> list[Problem]:
    """Translated pages whose source page no longer exists (renamed or removed): one finding
    per missing source page, naming every language that still has it."""
    source = languages.source.code
    orphans: dict[str, list[str]] = {}
    for lang in languages:
        if not lang.is_source and (docs / lang.code).is_dir():
            for path in sorted((docs / lang.code).rglob("*.md")):
                relative = path.relative_to(docs / lang.code).as_posix()
                if not (docs / source / relative).exists():
                    orphans.setdefault(relative, []).append(lang.code)
    problems = []
    for relative, codes in sorted(orphans.items()):
        also = f" (and the same file in {', '.join(codes[1:])})" if codes[1:] else ""
        problems.append(Problem(
            f"docs/{codes[0]}/{relative}", 1, "translation-orphan",
            f"there is no docs/{source}/{relative}, the page this translates{also}. If that "
            f"page was renamed, rename it in every language at once with 'make move-page "
            f"FROM={relative} TO=<new name>'; if it was removed, delete these files."))
    return problems


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size // 1000} kB"
