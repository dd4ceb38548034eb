"""Structure: one h1, headings in order, titles, image alternatives, link texts."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

from ..problems import Problem as Finding
from .registry import rule


@rule("site-empty", "the site folder is missing or holds no pages, so there is nothing to "
      "check (a build that failed, or a download of the site that did not arrive); build the "
      "site first: make site.", scope="site")
def site_empty(site):
    # Without this, a check of nothing passes: a CI job whose site never came would be green.
    if site.pages:
        return
    state = "has no pages (no .html file)" if site.site_dir.is_dir() else "does not exist"
    yield Finding(site.shown, 1, "site-empty", f"the site folder {site.shown} {state}; build "
                  "the site first: make site.")


@rule("page-has-heading-one", "each page needs exactly one main heading: one line starting "
      "with '# ' at the top of the page, and '## ' for the sections below it.")
def page_has_heading_one(page):
    headings = page.tree.css("h1")
    if len(headings) != 1:
        yield page.finding("page-has-heading-one", f"the page has {len(headings)} main "
                           "headings (h1); it needs exactly one.",
                           headings[1] if len(headings) > 1 else None)


@rule("heading-order", "headings must not skip a level: after '## ' comes '### ', not '#### '.")
def heading_order(page):
    previous = 0
    for node in page.tree.css("h1, h2, h3, h4, h5, h6"):
        level = int(node.tag[1])
        if previous and level > previous + 1:
            yield page.finding("heading-order", f"h{level} '{node.text(strip=True)[:40]}' follows "
                               f"h{previous}: a level is skipped.", node,
                               needles=("#" * level + " " + node.text(strip=True)[:30],))
        previous = level


@rule("document-title", "each page needs a title: set 'title:' in the page's front matter.")
def document_title(page):
    title = page.tree.css_first("head title")
    if title is None or not title.text(strip=True):
        yield page.finding("document-title", "the page has no <title>.", meta_key="title")


@rule("title-unique", "two pages in the same language have the same title; give each page "
      "its own 'title:' so readers can tell tabs and search results apart.", scope="site")
def title_unique(site):
    seen = defaultdict(list)
    for page in site.pages.values():
        node = page.tree.css_first("head title")
        if node is not None and not page.site_path.endswith("404.html"):
            seen[(page.lang.code, node.text(strip=True))].append(page)
    for (code, title), pages in seen.items():
        if len(pages) > 1:
            for page in pages:
                others = ", ".join(p.url for p in pages if p is not page)
                yield page.finding("title-unique", f"the title '{title}' is also used by {others}.",
                                   meta_key="title")


@rule("image-alt", "every image needs a text alternative: ![what the image shows](file.png), "
      "or an empty one ![](file.png) if it is only decoration.")
def image_alt(page):
    for node in page.tree.css("img"):
        if "alt" not in node.attributes:
            yield page.finding("image-alt", f"image '{node.attributes.get('src')}' has no alt text.",
                               node, needles=(str(node.attributes.get("src", "")).rsplit("/", 1)[-1],))


def _accessible_name(node) -> str:
    name = node.attributes.get("aria-label") or node.attributes.get("title") or ""
    text = node.text(deep=True).strip()
    alts = " ".join(img.attributes.get("alt") or "" for img in node.css("img"))
    return (name or text or alts).strip()


@rule("link-name", "a link needs text that says where it goes: [Warning signs](varningstecken.md).")
def link_name(page):
    for node in page.tree.css("a[href]"):
        if not _accessible_name(node) and node.attributes.get("aria-hidden") != "true":
            stem = node.attributes["href"].split("#")[0].rstrip("/").rsplit("/", 1)[-1]
            yield page.finding("link-name", f"the link to '{node.attributes['href']}' has no text.",
                               node, needles=("[](", f"]({stem}"))


@lru_cache(maxsize=1)
def _vague_texts() -> dict[str, set[str]]:
    data = yaml.safe_load((Path(__file__).parent / "vague_link_texts.yml").read_text("utf-8"))
    return {code: {_normal(text) for text in texts} for code, texts in data.items()}


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


@rule("link-text-vague", "link texts like 'click here' or 'read more' say nothing out of "
      "context: write where the link goes, e.g. 'Read about warning signs'.")
def link_text_vague(page):
    vague = _vague_texts().get(page.lang.code, set())
    for node in page.tree.css("article a[href]"):
        text = node.text(deep=True)
        # A link to another website ends with "(link to another website)" for screen
        # readers (page_html.mark_external_links): the words an editor chose come before it.
        for hidden in node.css(".trygg-visually-hidden"):
            text = text.replace(hidden.text(deep=True), "")
        if _normal(text) in vague:
            yield page.finding("link-text-vague", f"the link text '{text.strip()}' does not say "
                               "where it goes.", node, needles=(f"[{text.strip()}]",))
