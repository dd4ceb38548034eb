"""Raw HTML in what editors write: a short allow-list in Markdown, none in plain-text fields.

Pages are Markdown; the few HTML elements an editor may need are listed here, with the
attributes each may carry. Everything else (a script, a style, a frame, a form, an event
handler, a style attribute) is a source error before anything is built. Plain-text fields
(titles, descriptions, UI strings, contact, checklist and announcement texts …) take no HTML
at all: the site shows them as typed.

HTML is read twice: with lexbor, the HTML5 parser the check uses, which sees elements as a
browser will, and with Python's own tokenizer (``html.parser``), the one Python-Markdown uses
to find raw HTML, which gives each tag its line and shows tags closed in the wrong order.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown.extensions.attr_list import get_attrs_and_remainder
from selectolax.lexbor import LexborHTMLParser

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
VOID_ELEMENTS = frozenset({"br"})
ALLOWED_LIST = ", ".join(f"<{name}>" for name in ALLOWED_ELEMENTS)
# Addresses that run code or hide a document, in a Markdown link, image or reference.
# Addresses that run code or hide a document (the check reads built pages with it too).
UNSAFE_SCHEME = re.compile(r"^<?\s*(?:javascript|vbscript|data)\s*:", re.I)
_MARKDOWN_TARGET = re.compile(r"\]\(\s*([^)\s]*)|^\s{0,3}\[[^\]]+\]:\s*(\S+)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# Python-Markdown's attribute list: { … } or {: … } after a block, a heading or a link.
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")

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
    """Every start tag with its attributes and line, and every end tag with its line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self.events: list[tuple[int, bool, str]] = []  # (line, is_end, tag), in order

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, attrs))
        self.events.append((self.getpos()[0], False, tag))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, attrs))

    def handle_endtag(self, tag):
        self.events.append((self.getpos()[0], True, tag))


def _parse(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


def elements(text: str) -> list[tuple[int | None, str, list[tuple[str, str | None]]]]:
    """Every element in the text with its attributes, as a browser's HTML5 parser sees it
    (lexbor), with the line Python's tokenizer gives where the two agree. A browser turns
    some things into elements that Python's tokenizer reads as comments (``<!-->``,
    ``--!>``, ``<![CDATA[``): those have no line of their own (None)."""
    lines: dict[str, list[int]] = {}
    found = []
    for line, tag, attrs in _parse(text).tags:
        lines.setdefault(tag, []).append(line)
        found.append((line, tag, attrs))
    seen: dict[str, int] = {}
    for node in LexborHTMLParser(text, is_fragment=True).css("*"):
        tag = node.tag.lower()
        seen[tag] = seen.get(tag, 0) + 1
        if seen[tag] > len(lines.get(tag, [])):
            found.append((None, tag, list(node.attributes.items())))
    return found


def _line_of(text: str, tag: str) -> int:
    """Where a tag that Python's tokenizer did not see is written: its name after a '<'."""
    lowered = text.lower()
    at = lowered.find("<" + tag)
    return lowered.count("\n", 0, at) + 1 if at >= 0 else 1


def _without_code(body: str) -> str:
    """The body with code blocks and code spans blanked (their text is shown as code, not
    read as HTML); lines keep their numbers."""
    lines, fenced = [], False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append("")
        else:
            # A code span keeps its place as backticks: an attribute list may follow it.
            lines.append("" if fenced else _CODE_SPAN.sub(lambda m: "`" * len(m.group(0)), line))
    return "\n".join(lines)


def is_autolink(tag: str) -> bool:
    # <https://…> and <name@example.se> are Markdown's links, not HTML.
    return tag.startswith(("http:", "https:", "ftp:", "mailto:")) or "@" in tag


def _attribute_problem(shown, where, tag, name, allowed) -> Problem:
    hint = ("behaviour belongs in a script file in overrides/assets/javascripts/"
            if name.startswith("on") else "the look belongs in site.css"
            if name == "style" else "remove it")
    return Problem(shown, where, "html-attribute-not-allowed", f"<{tag} {name}=…>: the "
                   f"attribute '{name}' is not allowed ({hint}). <{tag}> may carry: "
                   f"{', '.join(sorted(allowed))}.")


def page_problems(body: str, shown: str, first_line: int = 1) -> list[Problem]:
    """Raw HTML outside the allow-list, malformed HTML, attribute lists outside the
    allow-list and links that run code, in a page's Markdown body."""
    problems = []
    text = _without_code(body)
    for line, tag, attrs in elements(text):
        where = first_line - 1 + (line or _line_of(text, tag))
        if is_autolink(tag):
            continue
        if tag not in ALLOWED_ELEMENTS:
            why = _WHY.get(tag, "write it in Markdown")
            problems.append(Problem(shown, where, "html-not-allowed", f"<{tag}> is not allowed "
                                    f"in a page ({why}). The HTML a page may use: "
                                    f"{ALLOWED_LIST}."))
            continue
        allowed = ALLOWED_ELEMENTS[tag] | GLOBAL_ATTRIBUTES
        names = [name for name, _value in attrs]
        for name in dict.fromkeys(names):
            if name not in allowed:
                problems.append(_attribute_problem(shown, where, tag, name, allowed))
            elif names.count(name) > 1:
                problems.append(Problem(shown, where, "html-malformed", f"<{tag}> has the "
                                        f"attribute '{name}' twice; a browser keeps only the "
                                        "first. Write it once."))
    problems += _nesting_problems(text, shown, first_line)
    problems += _attribute_list_problems(text, shown, first_line)
    problems += _link_problems(text, shown, first_line)
    return problems


def _nesting_problems(text: str, shown: str, first_line: int) -> list[Problem]:
    """Allowed elements closed in the wrong order or never closed: a browser would silently
    stretch or cut them (a <span lang="en"> never closed makes the rest English)."""
    events = [event for event in _parse(text).events
              if event[2] in ALLOWED_ELEMENTS and event[2] not in VOID_ELEMENTS]
    problems, open_tags = [], []
    for line, is_end, tag in events:
        where = first_line + line - 1
        if not is_end:
            open_tags.append((tag, where))
        elif open_tags and open_tags[-1][0] == tag:
            open_tags.pop()
        elif any(name == tag for name, _ in open_tags):
            inner = open_tags[-1][0]
            problems.append(Problem(shown, where, "html-malformed", f"</{tag}> closes "
                                    f"<{tag}> while <{inner}> inside it is still open; close "
                                    f"tags in the reverse order: …</{inner}></{tag}>."))
            while open_tags and open_tags.pop()[0] != tag:
                pass
        else:
            problems.append(Problem(shown, where, "html-malformed", f"</{tag}> closes nothing; "
                                    f"remove it or add <{tag}> where it starts."))
    for tag, where in open_tags:
        problems.append(Problem(shown, where, "html-malformed", f"<{tag}> is never closed; add "
                                f"</{tag}> where it ends."))
    return problems


def _attribute_list_problems(text: str, shown: str, first_line: int) -> list[Problem]:
    """Markdown attribute lists (``{: #id lang=en }``) may set what raw HTML may: an id,
    lang and dir. Anything else would reach the page as an attribute."""
    problems = []
    for offset, line in enumerate(text.split("\n")):
        for match in _ATTRIBUTE_LIST.finditer(line):
            if not _applies(line, match):
                continue
            attrs, rest = get_attrs_and_remainder(match.group(1) + "}")
            if rest.strip() != "}":
                continue  # not an attribute list: braces in text
            for name, _value in attrs:
                if name not in ("id", *GLOBAL_ATTRIBUTES):
                    shown_name = "class" if name == "." else name
                    problems.append(Problem(shown, first_line + offset,
                                            "html-attribute-not-allowed", f"the attribute list "
                                            f"'{match.group(0)}' sets '{shown_name}'; an "
                                            "attribute list may set only #id, lang and dir. "
                                            "Remove it (braces meant as text: write \\{ and "
                                            "\\})."))
    return problems


def _applies(line: str, match: re.Match) -> bool:
    """Whether Python-Markdown reads these braces as an attribute list: on a line of their
    own (in a list, a quote or a box too), at the end of a heading, or right after a link,
    an image, emphasis or code."""
    before, after = line[: match.start()], line[match.end():]
    if not before.strip(" \t>"):
        return True
    if line.lstrip().startswith("#") and not after.strip(" #"):
        return True
    return before[-1:] in (")", "]", "*", "_", "`")


def _link_problems(text: str, shown: str, first_line: int) -> list[Problem]:
    problems = []
    for offset, line in enumerate(text.split("\n")):
        for match in _MARKDOWN_TARGET.finditer(line):
            target = match.group(1) or match.group(2) or ""
            # A browser reads entities and drops tabs and line breaks in an address.
            plain = re.sub(r"[\t\n\r]", "", html.unescape(target))
            if UNSAFE_SCHEME.match(plain):
                problems.append(Problem(shown, first_line + offset, "link-unsafe", f"the "
                                        f"address '{target[:40]}' runs code or hides a "
                                        "document; link to a page (page.md), a file in docs/ "
                                        "or a web address (https://…)."))
    return problems
