"""What a translation must keep from its Swedish source: every [[token]], every link's
address (inline or by reference), {placeholders}, inline code and emphasis marks, attribute
lists, and the block it sits in (one line, no new heading, list item, box, rule, code block
or table cell); and what it must not bring: HTML the source rules refuse or that cannot sit
inside a paragraph, invisible direction controls, text in another language's script. A unit
that breaks one is refused."""

from __future__ import annotations

import re
from collections import Counter

from markdown.extensions.attr_list import get_attrs_and_remainder

# The source rules' reading of attribute lists and the exchange's reading of blocks, so that
# the unit is judged as the page will be.
from ..raw_html import _ATTRIBUTE_LIST, ALLOWED_ELEMENTS, elements, is_autolink, page_problems
from .markdown import _DEFINITION, _FENCE, _ROW

_TOKEN = re.compile(r"\[\[[^\]\n]+\]\]")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<((?:https?|mailto|tel):[^>\s]+)>")
_PLACEHOLDER = re.compile(r"(?<!\{)\{[a-z_]+\}(?!\})")
# Every character str.splitlines() ends a line at. Our own code reads pages and YAML with it
# (the blocks of the next export and import, the source rules), so any of them would put
# new lines, and new blocks, into the page (in the review, U+0085 before '## ' gave the page
# a heading of its own). (Most cannot be written in XML 1.0; U+0085, U+2028 and U+2029 can.)
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# What a line may start with that makes it another block than the text around it, as
# Python-Markdown reads a block's first line (the unit's text is the start of its line: a
# paragraph's, or after a heading's '## ' or an item's '- ', where the same is read again).
# Each is wider than the processor where that is simpler and a translation never starts so.
_BLOCK_STARTS = (  # (what it starts, whether a plain-text field is refused it too)
    ("a heading", re.compile(r"^\s*#"), True),  # HashHeaderProcessor: '#Rubrik' is one too
    ("a list item", re.compile(r"^\s*([-*+]|\d+[.)])(\s|$)"), True),  # '1)' too, to be safe
    ("a definition", _DEFINITION, True),
    ("a quote", re.compile(r"^\s*>"), True),
    ("a table row", _ROW, True),
    ("a code block", _FENCE, True),
    ("a code block", re.compile(r"^( {4}|[ ]{0,3}\t)"), False),  # 4 spaces or a tab
    ("a box (admonition or fold-out)", re.compile(r"^\s*(!!!|\?\?\?)"), False),
    ("a rule (a line across the page)",
     re.compile(r"^[ ]{0,3}((-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,})\s*$"), False),
    ("a heading's underline (=== or ---)", re.compile(r"^[ ]{0,3}(=+|-+)[ ]*$"), False),
    # ReferenceProcessor: '[label]: address' defines a link for the whole page (and hides
    # the paragraph it is in).
    ("a link definition ([label]: address)", re.compile(r"^[ ]{0,3}\[[^\[\]]*\][ ]*:"), False),
)
# Reference links, which link like inline ones once the page defines their label:
# '[text][label]', '[label][]' (full and collapsed), and '[label]' alone (shortcut).
_REFERENCE = re.compile(r"!?\[([^\[\]]*)\][ ]?(?:\n[ ]*)?\[([^\[\]]*)\]")
_SHORTCUT = re.compile(r"!?\[([^\[\]]+)\](?![(:])")
_DEFINED = re.compile(r"^[ \t]*\[([^\[\]]+)\][ ]*:[ ]*\S", re.M)
# The allowed elements that are phrasing content (HTML: what a <p> may hold). A unit is a
# paragraph, heading, item or cell: any other allowed element (<details>, <summary>) is a
# block of its own, and inside a <p> a browser closes the paragraph before it.
_INLINE_ELEMENTS = frozenset({"abbr", "bdi", "span", "br", "kbd", "sup", "sub"})
_BLOCK_ELEMENTS = frozenset(ALLOWED_ELEMENTS) - _INLINE_ELEMENTS
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
             direction: str = "ltr", script: str | None = None,
             defined: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(rule, message) for each way ``target`` breaks what ``source`` has. ``markdown``: the
    text is a page's Markdown (else a plain-text field); ``direction`` and ``script``: the
    language's (``script`` None: its script is not checked); ``defined``: the link labels
    the page defines (``defined_labels``), which make '[label]' a link."""
    found = _html(source, target, markdown) + _invisible(target, direction)
    if script is not None:
        found += _script(target, script)
    dropped, added = _missing(_TOKEN.findall(source), _TOKEN.findall(target))
    if dropped or added:
        found.append(("unit-token", _say("[[…]] references", dropped, added)
                      + " Keep every [[…]] exactly as in the Swedish text: it becomes a "
                      "phone number, a name or a checklist."))
    dropped, added = _missing(_links(source, defined), _links(target, defined))
    if dropped or added:
        found.append(("unit-link", _say("links", dropped, added) + " Translate the link's "
                      "text in [ ] and keep its address in ( ) as it is (a link written "
                      "[text][label] or [label] counts as a link too)."))
    dropped, added = _missing(_PLACEHOLDER.findall(source), _PLACEHOLDER.findall(target))
    if dropped or added:
        found.append(("unit-placeholder", _say("placeholders", dropped, added)
                      + " Keep each {name} as it is: the site fills in a number there."))
    reasons = _structure(source, target, cell, markdown)
    if reasons:
        found.append(("unit-structure", "the translation breaks the Markdown: "
                      + "; ".join(reasons) + ". Keep it one block like the Swedish text."))
    return found


def _structure(source: str, target: str, cell: bool, markdown: bool) -> list[str]:
    reasons = []
    breaks = [f"U+{ord(c):04X}" for c in LINE_BREAKS if c in target]
    if breaks:
        reasons.append(f"it has a line break ({', '.join(breaks)}; a new line would start "
                       "a new block that does not line up with the Swedish page)")
    started, was = _block_start(target, markdown), _block_start(source, markdown)
    if started and started != was:
        reasons.append(f"it starts like {started}")
    if cell and re.search(r"(?<!\\)\|", target):
        reasons.append("it has a '|', which would split the table cell")
    for mark, name in (("`", "code marks `"), ("**", "bold marks **")):
        if source.count(mark) != target.count(mark):
            reasons.append(f"it has {target.count(mark)} {name} where the Swedish text has "
                           f"{source.count(mark)}")
    if markdown:
        dropped, added = _missing(_attribute_lists(source), _attribute_lists(target))
        reasons += [f"it adds the attribute list '{a}', which would set attributes on the "
                    "page (braces meant as text: write \\{ and \\})" for a in added]
        reasons += [f"it drops the attribute list '{d}' of the Swedish text" for d in dropped]
    return reasons


def _block_start(text: str, markdown: bool) -> str | None:
    """What other block the text's first line starts, if any."""
    first = next(iter(text.splitlines()), "")
    for name, pattern, everywhere in _BLOCK_STARTS:
        if (markdown or everywhere) and pattern.match(first):
            return name
    return None


def _label(label: str) -> str:
    return " ".join(label.split()).lower()  # as Python-Markdown compares labels


def defined_labels(text: str) -> frozenset[str]:
    """The labels of the link definitions ('[label]: address') in a page's text."""
    return frozenset(_label(label) for label in _DEFINED.findall(text))


def _links(text: str, defined: frozenset[str]) -> list[str]:
    """Each link's address (inline or autolink), and each reference link as '[label]': a
    full or collapsed one always (it links wherever the page defines its label), a shortcut
    one where the page defines it."""
    text = _TOKEN.sub(" ", text)
    found = [a or b for a, b in _LINK.findall(text)]
    references = []
    text = _REFERENCE.sub(lambda m: references.append(m.group(2) or m.group(1)) or " ", text)
    references += [label for label in _SHORTCUT.findall(text) if _label(label) in defined]
    return found + [f"[{_label(label)}]" for label in references]


def _attribute_lists(text: str) -> list[str]:
    """The attribute lists ('{: #id }', '{ .class }') as Python-Markdown would read them,
    wherever they are (a {placeholder} is not one: unit-placeholder looks after those)."""
    found = []
    for match in _ATTRIBUTE_LIST.finditer(text):
        if _PLACEHOLDER.fullmatch(match.group(0)):
            continue
        attrs, rest = get_attrs_and_remainder(match.group(1) + "}")
        if attrs and rest.strip() == "}":
            found.append(match.group(0))
    return found


def _html(source: str, target: str, markdown: bool) -> list[tuple[str, str]]:
    """HTML the source rules would refuse on the page (raw_html) or in a plain-text field
    (plain_text: no tag at all), refused here at the unit instead of in the next build; and
    an allowed block element (<details>) the Swedish text does not have, which cannot sit in
    the paragraph, heading or item a unit is."""
    if markdown:
        found = [("unit-html", f"the translation has HTML the site does not allow: {p.message}")
                 for p in page_problems(target, "unit")]
        blocks = lambda text: [t for _l, t, _a in elements(text) if t in _BLOCK_ELEMENTS]  # noqa: E731
        _dropped, added = _missing(blocks(source), blocks(target))
        found += [("unit-html", f"the translation has <{tag}>, a block of its own (a "
                   "fold-out), which cannot sit inside a paragraph, heading or list item: the "
                   "browser would end the text before it. Remove it.")
                  for tag in dict.fromkeys(added)]
        return found
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
