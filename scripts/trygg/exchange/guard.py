"""What a translation must keep from its Swedish source: every [[token]], every link's
address, {placeholders}, inline code and emphasis marks, and the block it sits in (one
line, no new heading, list item or table cell). A unit that breaks one is refused."""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\[\[[^\]\n]+\]\]")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<((?:https?|mailto|tel):[^>\s]+)>")
_PLACEHOLDER = re.compile(r"(?<!\{)\{[a-z_]+\}(?!\})")
_BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||```|~~~)")


def _missing(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    want, have = Counter(source), Counter(target)
    return sorted((want - have).elements()), sorted((have - want).elements())


def problems(source: str, target: str, *, cell: bool = False) -> list[tuple[str, str]]:
    """(rule, message) for each way ``target`` breaks what ``source`` has."""
    found = []
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


def _say(what: str, dropped: list[str], added: list[str]) -> str:
    parts = []
    if dropped:
        parts.append(f"drops {', '.join(dropped)}")
    if added:
        parts.append(f"adds {', '.join(added)}")
    return f"the translation {' and '.join(parts)} ({what} must be the same as in the Swedish text)."
