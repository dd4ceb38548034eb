"""Links: pages, anchors, images and assets resolve; language versions point at each other."""

from __future__ import annotations

from urllib.parse import unquote

from .registry import rule

_LOADS = "a[href], link[href], img[src], script[src], source[src], video[src], audio[src], iframe[src]"


def _target(node) -> str:
    return node.attributes.get("href") or node.attributes.get("src") or ""


@rule("link-broken", "the link or file leads nowhere on this site. Check the file name in the "
      "link (a page is linked by its .md file, e.g. [Warning signs](varningstecken.md)).")
def link_broken(page):
    for node in page.tree.css(_LOADS):
        href = _target(node)
        if href.startswith(("mailto:", "tel:", "#")) or node.attributes.get("rel") == "canonical":
            continue
        path, _ = page.site.resolve(page, href)
        if path is None:
            continue
        if unquote(path) not in page.site.files:
            yield page.finding("link-broken", f"'{href}' leads to a page or file that does not "
                               "exist.", node, needles=(href.split("#")[0].rstrip("/"),))


@rule("link-fragment", "the link points at a part of a page (#…) that does not exist. Link to "
      "a heading's id as it is on the built page, or remove the #part.")
def link_fragment(page):
    for node in page.tree.css("a[href*='#']"):
        href = node.attributes["href"]
        path, fragment = page.site.resolve(page, href)
        if path is None or not fragment:
            continue
        target = page.site.page_at(unquote(path))
        if target is not None and unquote(fragment) not in target.ids:
            yield page.finding("link-fragment", f"'{href}': no element with id "
                               f"'{unquote(fragment)}' on that page.", node, needles=(f"#{fragment}",))


def _alternates(page) -> dict[str, str | None]:
    if "_alternates" not in page.__dict__:  # each page's head is read once per check
        page.__dict__["_alternates"] = {
            node.attributes["hreflang"]: page.site.resolve(page, node.attributes["href"])[0]
            for node in page.tree.css('head link[rel="alternate"][hreflang]')}
    return dict(page.__dict__["_alternates"])


@rule("hreflang-alternates", "every language version of a page must name all the others in "
      "its head, and each must name it back. This comes from the build: rebuild the site; if "
      "it persists, a page is missing in docs/<code>/.", scope="site")
def hreflang_alternates(site):
    codes = set(site.languages.codes)
    for page in site.pages.values():
        if page.site_path.endswith("404.html"):
            continue
        alternates = _alternates(page)
        default = alternates.pop("x-default", None)
        if default != alternates.get(site.languages.source.code):
            yield page.finding("hreflang-alternates", "the head's x-default must name the "
                               f"{site.languages.source.code} version of this page.",
                               needles=('hreflang="x-default"', "<head"))
        if set(alternates) != codes:
            missing = ", ".join(sorted(codes - set(alternates))) or "-"
            yield page.finding("hreflang-alternates", f"the head names language versions "
                               f"{sorted(alternates)}; missing: {missing}.", needles=("<head",))
            continue
        for code, path in alternates.items():
            other = site.page_at(path or "")
            if other is None:
                yield page.finding("hreflang-alternates", f"the {code} version '{path}' does "
                                   "not exist.", needles=(f'hreflang="{code}"',))
            elif _alternates(other).get(page.lang.code) != page.site_path:
                yield page.finding("hreflang-alternates", f"the {code} version '{path}' does "
                                   f"not point back to this page.", needles=(f'hreflang="{code}"',))


@rule("switcher-same-page", "the language menu must lead to this same page in each language "
      "(as the head's alternates do). This comes from the theme: check "
      "overrides/partials/alternate.html.")
def switcher_same_page(page):
    if page.site_path.endswith("404.html"):
        return
    alternates = _alternates(page)
    for node in page.tree.css(".md-select__list a[hreflang]"):
        code = node.attributes["hreflang"]
        path = page.site.resolve(page, node.attributes.get("href", ""))[0]
        if code in alternates and path != alternates[code]:
            yield page.finding("switcher-same-page", f"the menu's {code} link leads to '{path}', "
                               f"not to this page's {code} version '{alternates[code]}'.", node)
