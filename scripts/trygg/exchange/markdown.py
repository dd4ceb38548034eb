"""A page's Markdown as blocks a translator can take one at a time: headings, paragraphs, list
items, definitions and table cells, each with the lines it spans, so a translation can be written back
into exactly those lines and nothing else moves.

Only the block level is read: inline Markdown (links, emphasis, [[tokens]]) stays inside the
text, where the translator keeps it (guard.py refuses a translation that breaks it).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
# Python-Markdown's list items: '-', '*', '+' or a number with a full stop ('1)' is text).
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d+\.)[ \t]+(.*)$")
# A definition (def_list, the start page's choices): ':' and up to three spaces, after the
# line of its term (Python-Markdown's DefListProcessor.RE).
_DEFINITION = re.compile(r"^([ ]{0,3}:[ ]{1,3})(\S.*)$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ROW = re.compile(r"^[ \t]*\|")
# An admonition's first line (pymdownx/Python-Markdown): !!! note "Title", ??? for a
# collapsible one; its title is translated, its indented body is read as blocks.
_ADMONITION = re.compile(r'^([ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]*)(?:"(.*)")?[ \t]*$')
_RULE_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TOKEN = re.compile(r"\[\[[^\]\n]+\]\]")


def text_hash(text: str) -> str:
    """A short fingerprint of a text, for the memory of what was last imported."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Block:
    kind: str          # heading, paragraph, item, definition, row, admonition, fixed
    start: int         # index of its first line in the file's lines
    end: int           # index after its last line
    prefix: str        # what comes before the text: '## ', '- ', '  1. ', or the row's indent
    texts: tuple[str, ...]  # one text (a row: one per cell); none for a fixed block
    texts_raw: tuple[str, ...] = ()  # a fixed block's lines, kept as they are

    @property
    def signature(self) -> str:
        """What must match between two languages' blocks for one to translate the other."""
        if self.kind == "fixed":
            # A table's rule row may be drawn wider or narrower in a translation.
            if len(self.texts_raw) == 1 and _RULE_ROW.match(self.texts_raw[0]):
                return "fixed:rule"
            return "fixed:" + "".join(self.texts_raw).strip()
        if self.kind == "heading":
            return "h" + str(self.prefix.count("#"))
        if self.kind == "item":
            ordered = bool(re.search(r"\d", self.prefix))
            return f"li{'o' if ordered else 'u'}{len(self.prefix) - len(self.prefix.lstrip())}"
        if self.kind == "row":
            return f"tr{len(self.texts)}"
        if self.kind == "admonition":
            return "ad:" + self.prefix.strip()
        if self.kind == "definition":
            return "dd"
        return f"p{len(self.prefix)}"

    @property
    def hash(self) -> str:
        return text_hash("\x1f".join(self.texts or self.texts_raw))

    def render(self, texts: tuple[str, ...] | list[str]) -> list[str]:
        """The block's lines with ``texts`` in place of its own (one line, as translations
        are written)."""
        if self.kind == "fixed":
            return list(self.texts_raw)
        if self.kind == "row":
            return [self.prefix + "| " + " | ".join(texts) + " |\n"]
        if self.kind == "admonition":
            return [self.prefix + '"' + texts[0] + '"\n']
        return [self.prefix + texts[0] + "\n"]


def _starts_block(line: str, in_item: bool) -> bool:
    """Whether ``line`` ends the block before it. As in Python-Markdown, a list or a table
    starts only where a block begins (OListProcessor, UListProcessor and the tables
    extension's TableProcessor test the first line of a block, which the parser splits at
    blank lines): after a paragraph's line, '2026. När …', '- x' or '| x |' goes on with the
    paragraph. In a list, the next item starts a new one (OListProcessor.get_items). A
    heading or a box interrupts either (HashHeaderProcessor and AdmonitionProcessor search
    the whole block), a definition a paragraph (DefListProcessor searches it too)."""
    if _HEADING.match(line) or _FENCE.match(line) or _ADMONITION.match(line):
        return True
    if in_item:
        return bool(_ITEM.match(line))
    return bool(_DEFINITION.match(line))  # the paragraph before it is its term


def _join(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def translatable(text: str) -> bool:
    """Whether a text has words in it once [[tokens]] are taken out (a line that only shows a
    checklist or a phone number has nothing to translate)."""
    return bool(re.search(r"[^\W\d_]", _TOKEN.sub("", text)))


def parse_blocks(lines: list[str], body_start: int) -> list[Block]:
    """The blocks of a page whose Markdown body starts at line index ``body_start``."""
    blocks: list[Block] = []
    i, n = body_start, len(lines)
    while i < n:
        line = lines[i].rstrip("\n")
        if not line.strip():
            i += 1
            continue
        if _FENCE.match(line):
            fence = _FENCE.match(line).group(1)
            j = i + 1
            while j < n and not lines[j].lstrip().startswith(fence):
                j += 1
            j = min(j + 1, n)
            blocks.append(Block("fixed", i, j, "", (), tuple(lines[i:j])))
            i = j
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            if admonition.group(2) and translatable(admonition.group(2)):
                blocks.append(Block("admonition", i, i + 1, admonition.group(1),
                                    (admonition.group(2),)))
            else:
                blocks.append(Block("fixed", i, i + 1, "", (), (lines[i],)))
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(Block("heading", i, i + 1, heading.group(1) + " ", (heading.group(2),)))
            i += 1
            continue
        if _ROW.match(line):
            if _RULE_ROW.match(line):
                blocks.append(Block("fixed", i, i + 1, "", (), (lines[i],)))
            else:
                indent = line[: len(line) - len(line.lstrip())]
                blocks.append(Block("row", i, i + 1, indent, tuple(_cells(line))))
            i += 1
            continue
        item = _ITEM.match(line)
        definition = _DEFINITION.match(line)
        j = i + 1
        while j < n and lines[j].strip() and not _starts_block(lines[j], bool(item)):
            j += 1
        if definition:
            block = Block("definition", i, j, definition.group(1),
                          (_join([definition.group(2), *lines[i + 1:j]]),))
        elif item:
            prefix = line[: len(line) - len(item.group(3))]
            block = Block("item", i, j, prefix, (_join([item.group(3), *lines[i + 1:j]]),))
        else:
            indent = line[: len(line) - len(line.lstrip())]  # inside an admonition or list
            block = Block("paragraph", i, j, indent, (_join(lines[i:j]),))
        if not translatable(block.texts[0]):
            block = Block("fixed", i, j, "", (), tuple(lines[i:j]))
        blocks.append(block)
        i = j
    return blocks


def describe(block: Block, cell: int | None = None) -> str:
    """What a unit is, for the translator's note."""
    if block.kind == "heading":
        return f"heading {block.prefix.count('#')}"
    if block.kind == "item":
        return "numbered list item" if re.search(r"\d", block.prefix) else "list item"
    if block.kind == "row":
        return f"table cell {cell + 1} of {len(block.texts)}"
    if block.kind == "admonition":
        return "box title"
    if block.kind == "definition":
        return "definition of the term in the unit before"
    return block.kind
