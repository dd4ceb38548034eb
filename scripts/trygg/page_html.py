"""Small, exact edits to a rendered page that Material's blocks cannot reach.

Every edit goes through lexbor, the HTML5 parser the check reads pages with, so nested
markup, attribute order and quotes cannot break it: a page is parsed once, edited as a
tree and written out again by the parser's serializer.
"""

from __future__ import annotations

from posixpath import normpath
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

# The one policy of every page. Scripts come only from the site's own files: no inline
# script runs, so the allow-list of inline scripts is empty. The theme's two inline scripts
# were moved into files (overrides/partials/javascripts/); the check's `inline-script` rule
# fails any page that carries another one.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    # Material's icons are SVG data: URIs in its stylesheet (CSS masks).
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])


def edit_page(html: str, *, direction: str | None = None, csp: bool = False,
              alternates: tuple[str, str, str] | None = None) -> str:
    """Apply the page-wide edits in one parse: ``dir`` on ``<html>``, the security policy,
    absolute language alternates (``(page_url, site_url, source_code)``), and the repair of
    Material's markup that HTML does not allow."""
    tree = LexborHTMLParser(html)
    if tree.root is None:
        return html
    if direction:
        set_html_dir(tree, direction)
    if alternates:
        absolute_alternates(tree, *alternates)
    if csp:
        add_content_security_policy(tree)
    repair_theme_markup(tree)
    return serialize(tree)


def serialize(tree: LexborHTMLParser) -> str:
    return "<!doctype html>\n" + tree.root.html


def set_html_dir(tree: LexborHTMLParser, direction: str) -> None:
    """Write ``dir`` on ``<html>`` (Material writes it only on ``<body>``), so that the whole
    document, the browser's scroll bars and anything outside ``<body>`` follow it."""
    tree.root.attrs["dir"] = direction


def add_content_security_policy(tree: LexborHTMLParser) -> None:
    """Put the policy at the top of ``<head>``, right after the charset (which must come
    first), so that it governs every element after it. An existing one is replaced."""
    for old in tree.css('meta[http-equiv="Content-Security-Policy"]'):
        old.decompose()
    meta = tree.create_node("meta")
    meta.attrs["http-equiv"] = "Content-Security-Policy"
    meta.attrs["content"] = CONTENT_SECURITY_POLICY
    charset = tree.css_first("head meta[charset]")
    if charset is not None:
        charset.insert_after(meta)
    elif tree.head is not None and tree.head.child is not None:
        tree.head.child.insert_before(meta)
    elif tree.head is not None:
        tree.head.insert_child(meta)


def repair_theme_markup(tree: LexborHTMLParser) -> None:
    """Repair what Material 9.8 writes that HTML does not allow (the W3C checker's errors).

    ``autocomplete="off"`` stands on its hidden drawer and search checkboxes (base.html,
    outside any block), but HTML allows the attribute on text-like inputs only."""
    for node in tree.css('input[type="checkbox"][autocomplete]'):
        del node.attrs["autocomplete"]
    # Its table of contents title is a label for the "__toc" toggle, which Material writes
    # only on pages whose contents it lists: elsewhere the label points at nothing.
    controls = {node.attributes.get("id") for node in tree.css("input[id], select[id], "
                                                               "textarea[id], button[id]")}
    for label in tree.css("label[for]"):
        if label.attributes.get("for") not in controls:
            del label.attrs["for"]


def mark_external_links(fragment: str, label: str) -> str:
    """Mark links to other websites in a page's content: a visible arrow, and a name that
    says so (in the reader's language, for screen readers); they open in the same tab and
    tell the other site nothing about where the reader came from (``noreferrer``)."""
    tree = LexborHTMLParser(fragment, is_fragment=True)
    changed = False
    for link in tree.css("a[href]"):
        href = (link.attributes.get("href") or "").strip().lower()
        classes = (link.attributes.get("class") or "").split()
        if not href.startswith(("http://", "https://")) or "trygg-external" in classes:
            continue
        link.attrs["class"] = " ".join([*classes, "trygg-external"])
        link.attrs["rel"] = "noreferrer"
        if "target" in link.attrs:
            del link.attrs["target"]
        mark = tree.create_node("span")
        mark.attrs["class"] = "trygg-external__mark"
        mark.attrs["aria-hidden"] = "true"
        hidden = tree.create_node("span")
        hidden.attrs["class"] = "trygg-visually-hidden"
        hidden.insert_child(f" ({label})")
        link.insert_child(mark)
        link.insert_child(hidden)
        changed = True
    return tree.html if changed else fragment


def absolute_alternates(tree: LexborHTMLParser, page_url: str, site_url: str,
                        source: str) -> None:
    """Make the head's language alternates absolute addresses on the site (search engines
    require them), and add ``x-default``: the source language's version."""
    base = site_url.rstrip("/") + "/"
    here = urljoin(base, page_url)
    found = {}
    for link in tree.css('head link[rel="alternate"][hreflang]'):
        href = urljoin(here, link.attributes.get("href") or "")
        if href.startswith(base):
            path = normpath(href[len(base) - 1:])
            href = base.rstrip("/") + path + ("/" if href.endswith("/") and path != "/" else "")
        link.attrs["href"] = href
        found[link.attributes.get("hreflang")] = link
    if source in found and "x-default" not in found:
        default = tree.create_node("link")
        default.attrs["rel"] = "alternate"
        default.attrs["href"] = found[source].attributes.get("href")
        default.attrs["hreflang"] = "x-default"
        found[source].insert_after(default)
