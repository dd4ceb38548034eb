"""What a translation must keep from its Swedish source: every [[token]], every link's
address, {placeholders}, inline code and emphasis marks, and the block it sits in (one
line, no new heading, list item or table cell); and what it must not bring: HTML the source
rules refuse, invisible direction controls, text in another language's script. A unit that
breaks one is refused."""

from __future__ import annotations

import re
from collections import Counter

from ..raw_html import elements, is_autolink, page_problems

_TOKEN = re.compile(r"\[\[[^\]\n]+\]\]")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<((?:https?|mailto|tel):[^>\s]+)>")
_PLACEHOLDER = re.compile(r"(?<!\{)\{[a-z_]+\}(?!\})")
_BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|:\s|>|\||```|~~~)")
# Embeddings, overrides and isolates reorder everything after them up to their end, which a
# translation may leave out: the site sets each language's direction itself (dir, <bdi>).
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Right-to-left marks place a number or a full stop in right-to-left text, where translators
# use them; in a left-to-right language they are invisible and can only move punctuation. (A
# left-to-right mark, U+200E, changes nothing in left-to-right text and is left alone.)
_RTL_MARK = re.compile("[\u200f\u061c]")
# The letters of each script the site's languages are written in (ISO 15924 codes, as
# Language.script gives them).
SCRIPT_LETTERS = {
    "Latn": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "Arab": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "Ethi": re.compile("[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]"),
}
SCRIPT_NAMES = {"Latn": "Latin", "Arab": "Arabic", "Ethi": "Ge'ez (Ethiopic)"}


def _missing(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    want, have = Counter(source), Counter(target)
    return sorted((want - have).elements()), sorted((have - want).elements())


def problems(source: str, target: str, *, cell: bool = False, markdown: bool = True,
             direction: str = "ltr", script: str | None = None) -> list[tuple[str, str]]:
    """(rule, message) for each way ``target`` breaks what ``source`` has. ``markdown``: the
    text is a page's Markdown (else a plain-text field); ``direction`` and ``script``: the
    language's (``script`` None: its script is not checked)."""
    found = _html(target, markdown) + _invisible(target, direction)
    if script is not None:
        found += _script(target, script)
    dropped, added = _missing(_TOKEN.findall(source), _TOKEN.findall(target))
    if dropped or added:
        found.append(("unit-token", _say("[[…]] references", dropped, added)
                      + " Keep every [[…]] exactly as in the Swedish text: it becomes a "
                      "phone number, a name or a checklist."))
    links = lambda text: [a or b for a, b in _LINK.findall(text)]  # noqa: E731
    dropped, added = _missing(links(source), links(target))
    if dropped or added:
        found.append(("unit-link", _say("links", dropped, added) + " Translate the link's "
                      "text in [ ] and keep its address in ( ) as it is."))
    dropped, added = _missing(_PLACEHOLDER.findall(source), _PLACEHOLDER.findall(target))
    if dropped or added:
        found.append(("unit-placeholder", _say("placeholders", dropped, added)
                      + " Keep each {name} as it is: the site fills in a number there."))
    reasons = []
    if "\n" in target or "\r" in target:
        reasons.append("it has a line break (a new paragraph would not line up with the "
                       "Swedish page)")
    if _BLOCK_START.match(target) and not _BLOCK_START.match(source):
        reasons.append("it starts like a heading, list item, quote or table")
    if cell and re.search(r"(?<!\\)\|", target):
        reasons.append("it has a '|', which would split the table cell")
    for mark, name in (("`", "code marks `"), ("**", "bold marks **")):
        if source.count(mark) != target.count(mark):
            reasons.append(f"it has {target.count(mark)} {name} where the Swedish text has "
                           f"{source.count(mark)}")
    if reasons:
        found.append(("unit-structure", "the translation breaks the Markdown: "
                      + "; ".join(reasons) + ". Keep it one block like the Swedish text."))
    return found


def _html(target: str, markdown: bool) -> list[tuple[str, str]]:
    """HTML the source rules would refuse on the page (raw_html) or in a plain-text field
    (plain_text: no tag at all), refused here at the unit instead of in the next build."""
    if markdown:
        return [("unit-html", f"the translation has HTML the site does not allow: {p.message}")
                for p in page_problems(target, "unit")]
    tags = [tag for _line, tag, _attrs in elements(target) if not is_autolink(tag)]
    return [("unit-html", f"the translation has <{tags[0]}>, but this text is shown exactly "
             "as typed, tags and all. Remove the tag.")] if tags else []


def _invisible(target: str, direction: str) -> list[tuple[str, str]]:
    marks = _BIDI_CONTROL.findall(target)
    if direction == "ltr":
        marks += _RTL_MARK.findall(target)
    if not marks:
        return []
    codes = ", ".join(dict.fromkeys(f"U+{ord(mark):04X}" for mark in marks))
    return [("unit-invisible", f"the translation has an invisible direction character "
             f"({codes}), which changes the order readers see the text in. Remove it: the "
             "site sets each language's direction itself.")]


def _script(target: str, script: str) -> list[tuple[str, str]]:
    """A translation with letters but none of its language's script: most likely the file of
    another language, or a unit left in the language it was drafted from."""
    letters = _PLACEHOLDER.sub("", _LINK.sub("", _TOKEN.sub("", target)))
    wanted = SCRIPT_LETTERS.get(script)
    if wanted is None or not re.search(r"[^\W\d_]", letters) or wanted.search(letters):
        return []
    return [("unit-language", f"the translation has no letter of the "
             f"{SCRIPT_NAMES[script]} script this language is written in: is the file for "
             "another language? Check the file's target-language and its text.")]


def _say(what: str, dropped: list[str], added: list[str]) -> str:
    parts = []
    if dropped:
        parts.append(f"drops {', '.join(dropped)}")
    if added:
        parts.append(f"adds {', '.join(added)}")
    return f"the translation {' and '.join(parts)} ({what} must be the same as in the Swedish text)."
