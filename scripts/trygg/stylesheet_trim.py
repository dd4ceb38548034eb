"""Material's stylesheet without the rules no page of the site can use.

Material ships one stylesheet (137 kB, 23 kB gzip) for every feature it has; a third of it
can match nothing on this site. A rule is dropped only when none of its selectors can match
anything the site will ever show: each selector in its list needs a class, at the
selector's top level, that no built page carries and no shipped script names. What a script adds to a page
(the search results, the tooltips, ``md-header--shadow``) it names as a string literal, so
its rules stay. The rest is kept as it is: rules without a class, the insides of ``:is()``,
``:not()``, ``:has()`` and every other functional pseudo-class (a dead class inside
``:not()`` matches everything), and every at-rule but ``@media`` and ``@supports``, which are
trimmed inside and dropped when emptied. Nothing is reordered, so the cascade of what is left
is the one the untrimmed sheet gives (tests/test_stylesheet_trim.py compares computed styles
in Chromium).

A selector list is kept or dropped whole, never shortened: a list with one selector a
browser does not know (``::-moz-selection``) is ignored whole by that browser, and taking a
dead selector out of it could bring it to life.

Unsafe only where a script builds a class name from pieces. Material's bundle does so in
three places (``md-tag--${…}``, ``md-source__fact--${…}``, ``tabbed-control--${…}``); a
class that starts with such a piece (a literal ending in ``-`` or ``_`` just before a join),
or ends with one (just after it), is kept. A class joined in any other way would lose its
rules: see README, "What we changed in Material".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from selectolax.lexbor import LexborHTMLParser

from . import hashed_file
from .page_html import serialize

STYLESHEETS = "assets/stylesheets"
# Where trygg build keeps the last trimmed sheet (under the project).
CACHE = Path(".cache") / "stylesheet"
# Material's stylesheet, as its build names it (main.<hash>.min.css); ours gets the same form.
MAIN = re.compile(r"^main\.[0-9a-f]{8}\.min\.css$")
# A piece of a class name joined to something computed: `md-tag--${…}`, "md-x-" + …,
# `${…}--active`, … + "--active". Only pieces that end (or start) with - or _ and are at
# least three characters long: "-" or "m" would keep every class and mean nothing.
_JOINED_PREFIX = re.compile(r"([A-Za-z_-][\w-]*[-_])(?:\$\{|[\"']\s*\+)")
_JOINED_SUFFIX = re.compile(r"(?:\}|\+\s*[\"'])([-_][\w-]*[\w-])")
_TRIMMED_INSIDE = ("media", "supports")


class StylesheetTrimFailed(Exception):
    pass


def joined_pieces(script_text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The prefixes and suffixes of class names a script joins to a computed value."""
    prefixes = {p for p in _JOINED_PREFIX.findall(script_text) if len(p) >= 3}
    suffixes = {s for s in _JOINED_SUFFIX.findall(script_text) if len(s) >= 3}
    return frozenset(prefixes), frozenset(suffixes)


def trim(css: str, used_classes: Iterable[str], script_text: str) -> str:
    """``css`` less the rules that need a class no page has and no script names. What stays
    is written as it was, byte for byte (a browser keeps the text of a custom property's
    value, so even an equivalent rewriting would change what it computes)."""
    used = frozenset(used_classes)
    prefixes, suffixes = joined_pieces(script_text)

    known: dict[str, bool] = {}

    def alive(name: str) -> bool:
        # Any mention in a script counts, in a string or not: a name only read there (a
        # querySelector) keeps its rules too, which costs little and is never wrong.
        # Remembered per name: a class recurs in many selectors, and each search of the
        # scripts' text (760 kB) costs more than the rest of the trim.
        if name not in known:
            known[name] = (name in used or name in script_text
                           or name.startswith(tuple(prefixes)) or name.endswith(tuple(suffixes)))
        return known[name]

    # The text as tinycss2 numbers its lines and columns (its own newline normalisation,
    # which changes nothing a browser reads).
    css = (css.replace("\0", "\uFFFD").replace("\r\n", "\n").replace("\r", "\n")
           .replace("\f", "\n"))
    lines = [0] + [m.end() for m in re.finditer("\n", css)]

    def offset(node) -> int:
        return lines[node.source_line - 1] + node.source_column - 1

    nodes = tinycss2.parse_stylesheet(css, skip_comments=False)
    head = css[: offset(nodes[0])] if nodes else css
    return head + "".join(text for _, text in _trim_rules(css, nodes, len(css), offset, alive))


def _trim_rules(css, nodes, end, offset, alive) -> list[tuple[object, str]]:
    """The nodes kept, each with its source text (up to where the next one starts)."""
    out = []
    for i, node in enumerate(nodes):
        text = css[offset(node): offset(nodes[i + 1]) if i + 1 < len(nodes) else end]
        if node.type == "error":
            raise StylesheetTrimFailed(f"line {node.source_line}: {node.message}")
        if node.type == "comment" and node.value.strip().startswith("# sourceMappingURL="):
            continue  # the map is not published with the trimmed sheet
        if node.type == "qualified-rule":
            if all(_dead(selector, alive) for selector in _selectors(node.prelude)):
                continue
        elif (node.type == "at-rule" and node.lower_at_keyword in _TRIMMED_INSIDE
              and node.content is not None):
            if not text.endswith("}"):
                raise StylesheetTrimFailed(f"line {node.source_line}: @{node.at_keyword} "
                                           "is not closed")
            inner_nodes = tinycss2.parse_rule_list(node.content, skip_comments=False)
            inner = _trim_rules(css, inner_nodes, offset(node) + len(text) - 1, offset, alive)
            if not any(kept.type in ("qualified-rule", "at-rule") for kept, _ in inner):
                continue
            header = css[offset(node): offset(inner_nodes[0])]
            text = header + "".join(part for _, part in inner) + "}"
        out.append((node, text))
    return out


def _selectors(prelude):
    """A selector list split at its top-level commas (commas inside :is() are in a block)."""
    current = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield current
            current = []
        else:
            current.append(token)
    yield current


def _dead(selector, alive) -> bool:
    """Whether the selector needs, outside any function or bracket, a class nothing has."""
    return any(first.type == "literal" and first.value == "." and second.type == "ident"
               and not alive(second.value)
               for first, second in zip(selector, selector[1:]))


# The site: the step `trygg build` runs once the languages are merged.

def site_classes(site_dir: Path) -> set[str]:
    """Every class any built page carries (all languages, 404 pages included)."""
    classes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for node in LexborHTMLParser(page.read_text(encoding="utf-8")).css("[class]"):
            classes.update((node.attributes.get("class") or "").split())
    return classes


def site_scripts(site_dir: Path) -> str:
    """Every script the site ships, as one text (the names a script may give elements)."""
    return "\n".join(path.read_text(encoding="utf-8")
                     for path in sorted(site_dir.rglob("*.js")))


def trim_site(site_dir: Path, classes: Iterable[str] | None = None,
              cache: Path | None = None) -> str:
    """Replace Material's stylesheet by its trimmed copy, under a name from its own content
    hash, and point every page at it; returns the new file's name. ``classes``: every class
    the site's pages carry, when the language builds have read them already
    (language_builds.py); ``cache``: a folder keeping the last trimmed sheet by what it was
    made from."""
    folder = site_dir / STYLESHEETS
    found = sorted(p for p in folder.iterdir() if MAIN.match(p.name)) if folder.is_dir() else []
    if len(found) != 1:
        raise StylesheetTrimFailed(
            f"expected one Material stylesheet {STYLESHEETS}/main.<hash>.min.css, found "
            f"{[p.name for p in found]}; did the theme change how it names it?")
    old = found[0]
    css = old.read_text(encoding="utf-8")
    used = site_classes(site_dir) if classes is None else set(classes)
    scripts = site_scripts(site_dir)
    text = _kept(cache, (css, "\0".join(sorted(used)), scripts)) if cache else None
    if text is None:
        text = trim(css, used, scripts)
        if cache:
            _keep(cache, (css, "\0".join(sorted(used)), scripts), text)
    data = text.encode("utf-8")
    # A new name for new content: a browser that cached Material's file never uses it here.
    new = folder / f"main.{hashlib.sha256(data).hexdigest()[:8]}.min.css"
    if new == old:
        return new.name  # already trimmed: the same site gives the same file
    new.write_bytes(data)
    for page in sorted(site_dir.rglob("*.html")):
        _relink(page, old.name, new.name)
    old.unlink()
    old.with_name(old.name + ".map").unlink(missing_ok=True)
    return new.name


# The last trim kept: the same stylesheet, classes and scripts give the same text, so a build
# that changed none of them (most builds: an edit of a page's words) skips the trim.

def _key(inputs: tuple[str, ...]) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())  # a change to the trim itself counts
    for part in inputs:
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def _kept(cache: Path, inputs: tuple[str, ...]) -> str | None:
    # A file cut short or changed by hand is not used: the trim runs again.
    data = hashed_file.read(cache / f"{_key(inputs)}.css")
    return data.decode("utf-8") if data is not None else None


def _keep(cache: Path, inputs: tuple[str, ...], text: str) -> None:
    """Keep the trimmed text; a cache that cannot be written (a file where the folder should
    be …) keeps nothing, and the build goes on."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for stale in cache.glob("*"):
            stale.unlink(missing_ok=True)  # one site, one trimmed sheet: the last one
        hashed_file.write(cache / f"{_key(inputs)}.css", text.encode("utf-8"))
    except OSError:
        return


def _relink(page: Path, old: str, new: str) -> None:
    html = page.read_text(encoding="utf-8")
    if old not in html:
        return
    # Every page is written by page_html.serialize, which writes the link's address as
    # href="…/main.<hash>.min.css": replacing that text is the edit. A page where it is
    # written otherwise is read and rewritten as HTML.
    written = f'{STYLESHEETS}/{old}"'
    if html.count(old) == html.count(written):
        page.write_text(html.replace(written, f'{STYLESHEETS}/{new}"'), encoding="utf-8")
        return
    tree = LexborHTMLParser(html)
    for link in tree.css("link[rel~=stylesheet][href]"):
        href = link.attributes["href"] or ""
        if href.endswith(f"{STYLESHEETS}/{old}"):
            link.attrs["href"] = href[: -len(old)] + new
    # Written as page_html writes every page, so nothing else in it changes.
    page.write_text(serialize(tree), encoding="utf-8")
