"""Privacy: nothing is loaded from another origin, and no inline event handlers."""

from __future__ import annotations

import re

from .registry import rule

OTHER_ORIGIN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=", re.S)
_CSS_URL = re.compile(r"url\(\s*['\"]?((?:[a-z][a-z0-9+.-]*:)?//[^'\")\s]+)", re.I)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]?((?:[a-z][a-z0-9+.-]*:)?//[^'\")\s;]+)", re.I)


def _loads(tree):
    """(node, address) for everything a browser fetches by itself; links to click are not."""
    for node in tree.css("script[src], img[src], iframe[src], video[src], audio[src], "
                         "source[src], embed[src], track[src], input[src]"):
        yield node, node.attributes["src"]
    for node in tree.css("img[srcset], source[srcset]"):
        for candidate in node.attributes["srcset"].split(","):
            yield node, candidate.strip().split(" ")[0]
    for node in tree.css("video[poster]"):
        yield node, node.attributes["poster"]
    for node in tree.css("object[data]"):
        yield node, node.attributes["data"]
    for node in tree.css("form[action]"):
        yield node, node.attributes["action"]
    for node in tree.css("link[href]"):
        rel = set((node.attributes.get("rel") or "").lower().split())
        if not rel & {"alternate", "canonical"}:
            yield node, node.attributes["href"]
    for node in tree.css("style"):
        for match in _CSS_URL.finditer(node.text()):
            yield node, match.group(1)
    for node in tree.css("[style]"):
        for match in _CSS_URL.finditer(node.attributes["style"] or ""):
            yield node, match.group(1)


@rule("third-party-load", "the page makes readers' browsers contact another website. Keep "
      "images, fonts, scripts and styles in this repository and link them by a relative path.")
def third_party_load(page):
    for node, url in _loads(page.tree):
        if url and OTHER_ORIGIN.match(url):
            yield page.finding("third-party-load", f"<{node.tag}> loads '{url}' from another "
                               "website.", node, needles=(url,))


@rule("third-party-css", "a stylesheet makes readers' browsers contact another website "
      "(url() or @import). Keep fonts and images in this repository.", scope="site")
def third_party_css(site):
    from ..problems import Problem

    for css in sorted(site.site_dir.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for pattern in (_CSS_URL, _CSS_IMPORT):
            for match in pattern.finditer(text):
                line = text[: match.start()].count("\n") + 1
                shown = f"{site.shown}/{css.relative_to(site.site_dir).as_posix()}"
                yield Problem(shown, line, "third-party-css", f"loads '{match.group(1)}' from "
                              "another website.", page=css.relative_to(site.site_dir).as_posix())


@rule("inline-event-handler", "write no onclick=… (or any on…=) attributes: the "
      "Content-Security-Policy blocks them. Put behaviour in a script file in overrides/.")
def inline_event_handler(page):
    # A pattern over the page's text first: parsing every element of every page for a
    # handful of attributes would take most of the check's time.
    if not _HANDLER.search(page.html):
        return
    for node in page.tree.css("*"):
        for name in node.attributes:
            if name.lower().startswith("on"):
                yield page.finding("inline-event-handler", f"<{node.tag} {name}=…> is an inline "
                                   "event handler.", node, needles=(f"{name}=",))
