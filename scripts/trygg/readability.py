"""LIX, the Swedish readability index: words per sentence plus the share of long words.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters. Under 30 is very easy, 30–40 easy (the target for our Swedish pages), 40–50 plain
newspaper text. Computed on the page's prose: front matter, code, links' addresses,
headings' markup and list bullets are left out.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_NOT_PROSE = [
    re.compile(r"```.*?```", re.S),          # code blocks
    re.compile(r"`[^`]*`"),                  # inline code
    re.compile(r"\]\([^)]*\)"),              # link addresses (the link text stays)
    re.compile(r"\{[^}\n]*\}"),              # attribute lists { .class }
    re.compile(r"\[\[[^\]]*\]\]"),           # contact references [[bris]]
    re.compile(r"<[^>]+>"),                  # HTML tags
]
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def prose(markdown: str) -> str:
    text = _FRONT_MATTER.sub("", markdown)
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def lix(markdown: str) -> float:
    text = prose(markdown)
    words = _WORD.findall(text)
    if not words:
        return 0.0
    # Headings and list items are sentences of their own even without a full stop.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    sentences = 0
    for line in lines:
        marks = len(re.findall(r"[.!?:]+(?=\s|$)", line))
        is_block = re.match(r"(#+|[-*+]|\d+\.|:)\s", line)
        ends_open = not re.search(r"[.!?:]\s*$", line)
        sentences += marks + (1 if (is_block and ends_open) else 0)
    sentences = max(sentences, 1)
    long_words = sum(1 for word in words if len(word) > 6)
    return len(words) / sentences + 100 * long_words / len(words)
