"""Browser rules, in Debian's Chromium through Playwright, against a server on 127.0.0.1:
axe-core (WCAG 2.0/2.1 A and AA), reflow at 320 CSS px, and that a visit contacts no other
host, sets no cookie, stores nothing and breaks no Content-Security-Policy rule."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from ..localserver import serving
from . import reader
from .registry import rule

AXE = Path(__file__).resolve().parents[2] / "browser" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Flags that keep Chromium itself from calling home, so every request seen is the page's.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 # V8 without its optimising compilers (TurboFan, Maglev): every page is a new
                 # document, so the code they compile for axe and the theme's scripts is thrown
                 # away a tenth of a second later. The scripts run the same, in the
                 # interpreter and the baseline compiler; measured: a sixth less CPU a page.
                 "--js-flags=--no-opt --no-maglev"]
NARROW = 320  # CSS px: WCAG 1.4.10 reflow
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": NARROW, "height": 800}


def _no_op(page):
    return ()


# The browser rules run together in check_in_browser; these entries give their ids and help.
rule("reflow", "at 320 CSS px wide the page scrolls sideways (WCAG 1.4.10). Long words, wide "
     "tables or fixed widths cause this: let tables scroll inside a box, avoid fixed widths.")(_no_op)
rule("external-request", "visiting the page contacted another host. Nothing may be loaded from "
     "another website: keep every file in this repository.")(_no_op)
rule("cookie-set", "visiting the page set a cookie. The site sets none: remove what sets it.")(_no_op)
rule("storage-used", "visiting the page stored something in the browser (localStorage or "
     "sessionStorage). A plain visit must store nothing.")(_no_op)
rule("csp-violation", "the browser blocked something under the Content-Security-Policy: an "
     "inline script or style the build did not allow. Move it into a file in overrides/.")(_no_op)


def chromium_path() -> str | None:
    """Debian's Chromium, the whole browser: for screenshots and the tests of pages."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def check_browser_path() -> str | None:
    """The Chromium the check runs in: Debian's chromium-headless-shell when it is installed
    (the same Chromium release without the browser's hidden window; it needs about a third
    less CPU a page, which is what brings 250 pages under 90 s on two cores), else the full
    Chromium. Both lay text out from the same engine; see README, "The check"."""
    return shutil.which("chromium-headless-shell") or chromium_path()


def default_workers() -> int:
    """Pages checked at once: one more than the cores, so that a core never waits while a
    page's answer travels through Playwright. Measured on two cores (whole site): 2 workers
    and 3 used about the same CPU, 4 about a tenth more (four renderers taking turns)."""
    return (os.cpu_count() or 1) + 1


def check_in_browser(site, *, workers: int | None = None, only: set[str] | None = None,
                     loaded: dict[str, list[str]] | None = None):
    """Findings on every page, or on the pages in ``only`` (site paths; which pages axe checks
    whole stays as in a run over all). ``loaded`` receives each checked page's requests
    (the check's cache, browser_cache.py, keys its results by them)."""
    if not AXE.exists():
        raise RuntimeError(f"axe-core is not installed ({AXE}); run 'make' to install it")
    return asyncio.run(_check_all(site, workers or default_workers(), only, loaded))


async def _check_all(site, workers: int, only=None, loaded=None):
    from playwright.async_api import async_playwright

    axe_source = AXE.read_text(encoding="utf-8")
    pages = sorted(site.pages.values(), key=lambda p: p.site_path)
    # The theme around the text (header, menus, footer) is the same on every page of a
    # section: axe checks the whole page once per language and section, and the article
    # everywhere else. Reflow, requests, cookies, storage and CSP are checked on every page.
    whole, seen_sections = set(), set()
    for page in pages:
        section = (page.lang.code, page.site_path[len(page.lang.prefix):].split("/")[0])
        if section not in seen_sections:
            seen_sections.add(section)
            whole.add(page.site_path)
    queue: asyncio.Queue = asyncio.Queue()
    for page in pages:
        if only is None or page.site_path in only:
            queue.put_nowait((page, page.site_path in whole))
    findings = []
    with serving(site.site_dir, site.base) as base:  # the site's path, as published
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=check_browser_path(),
                                                       args=CHROMIUM_ARGS)
            try:
                await asyncio.gather(*(_worker(browser, base, queue, axe_source, findings, loaded)
                                       for _ in range(max(1, workers))))
            finally:
                await browser.close()
    return findings


async def _worker(browser, base, queue, axe_source, findings, loaded):
    context = await browser.new_context(viewport=DESKTOP)
    # axe enters every page before the page's own scripts, through the DevTools protocol,
    # which the page's Content-Security-Policy does not govern.
    await context.add_init_script(axe_source)
    tab = await context.new_page()
    # Material's search worker builds the whole search index on every page load; the rules
    # do not need it, and on two cores it would take most of the check's time. Chromium
    # blocks it itself (DevTools' Network.setBlockedURLs): a Playwright route would hold every
    # request of every page for a round trip through Playwright, which cost about a quarter
    # of the check's CPU (measured: 1.2 s of CPU a page with the route, 0.9 s without).
    devtools = await context.new_cdp_session(tab)
    await devtools.send("Network.enable")
    await devtools.send("Network.setBlockedURLs", {"urls": ["*/search/search_index.json"]})
    seen = {"requests": [], "console": []}
    shown = {"size": DESKTOP}
    tab.on("request", lambda request: seen["requests"].append(request.url))
    tab.on("console", lambda msg: msg.type == "error" and seen["console"].append(msg.text))
    try:
        while not queue.empty():
            page, whole = queue.get_nowait()
            seen["requests"].clear()
            seen["console"].clear()
            findings.extend(await _check_page(context, tab, base, page, whole, seen, shown))
            if loaded is not None:
                loaded[page.site_path] = [url.removeprefix(base) for url in seen["requests"]]
    finally:
        await context.close()


async def _check_page(context, tab, base, page, whole, seen, shown):
    """All rules on one page. Each exchange with Chromium costs CPU in Python, Playwright's
    driver and the browser, so what needs no step of its own between (axe, the width, the
    keyboard walk, storage) runs in one ``evaluate``: three round trips an article page
    instead of eight. ``shown`` holds the tab's viewport, set again only when it changes."""
    found = []
    # Whole pages are checked at desktop width (menus and sidebars shown); the others at
    # phone width, where the reflow rule looks too: one layout per page instead of two.
    await _viewport(tab, shown, DESKTOP if whole else PHONE)
    await tab.goto(base + "/" + page.site_path.removesuffix("index.html"), wait_until="load")
    scope = "document" if whole or not page.tree.css_first("article") else "article"
    # Back on a form changes what the page may have stored: storage is read after it.
    back = page.site_path in reader.back_forward_pages(page.site)
    if whole:
        # axe at desktop width, then the phone width for everything else; the dark scheme
        # and the theme's own stops where axe checks the whole page.
        result = await tab.evaluate(_RUN, {"axe": {"scope": scope, "tags": AXE_TAGS},
                                           "narrow": None, "walk": None, "storage": False})
        await _viewport(tab, shown, PHONE)
        result |= await tab.evaluate(_RUN, {"axe": None, "narrow": NARROW, "walk": None,
                                            "storage": False})
        found += await reader.dark_contrast(tab, page, _select)
        result |= await tab.evaluate(_RUN, {"axe": None, "narrow": None,
                                            "walk": {"theme": True}, "storage": not back})
    else:
        result = await tab.evaluate(_RUN, {"axe": {"scope": scope, "tags": AXE_TAGS},
                                           "narrow": NARROW, "walk": {"theme": False},
                                           "storage": not back})
    for violation in result.get("violations", []):
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            element = _select(page, target)
            found.append(page.finding(violation["id"], f"{violation['help']} ({target}). "
                                      f"{_first_line(node.get('failureSummary') or '')}", element))
    if result.get("width", 0) > NARROW + 1:
        culprit = result["culprit"]
        found.append(page.finding("reflow", f"at {NARROW} px wide the page is {result['width']} "
                                  f"px wide; widest element: {culprit}.", _select(page, culprit)))
    # The keyboard at phone width (the theme's stops on whole pages) and Back on forms.
    found += reader.keyboard_findings(page, result.get("walk", []))
    found += await reader.back_forward(tab, base, page)
    for url in seen["requests"]:
        parts = urlsplit(url)
        if parts.scheme not in ("data", "blob", "about") and parts.hostname != "127.0.0.1":
            found.append(page.finding("external-request", f"the page requested {url}."))
    if await context.cookies():
        found.append(page.finding("cookie-set", "a cookie was set."))
        await context.clear_cookies()
    stored = await tab.evaluate(_STORED) if back else result.get("stored", [])
    if stored:
        found.append(page.finding("storage-used", f"the page stored {stored}."))
        await tab.evaluate("localStorage.clear(); sessionStorage.clear()")
    for message in seen["console"]:
        if "Content Security Policy" in message:
            found.append(page.finding("csp-violation", message[:200]))
    return found


async def _viewport(tab, shown, size):
    if shown.get("size") != size:
        await tab.set_viewport_size(size)
        shown["size"] = size


_STORED = "[...Object.keys(localStorage), ...Object.keys(sessionStorage)]"

# What the rules read in the page, in the order they read it, in one exchange with Chromium.
# axe's results come back as the findings need them (its full results are ten times larger,
# all of it copied through Playwright on every page); ``noHtml`` leaves out each node's HTML,
# which no finding shows. What axe checks is unchanged.
_RUN = """async ({axe: run, narrow, walk, storage}) => {
  const out = {};  // only what was asked for: the answers of several calls are merged
  if (run) {
    const context = run.scope === 'article' ? {include: [['article']]} : document;
    const result = await axe.run(context, {runOnly: {type: 'tag', values: run.tags},
                                           resultTypes: ['violations'], noHtml: true});
    out.violations = result.violations.map(v => ({id: v.id, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))}));
  }
  if (narrow) {
    out.width = document.documentElement.scrollWidth;
    if (out.width > narrow + 1) out.culprit = (__WIDEST__)(narrow);
  }
  if (walk) out.walk = await (__WALK__)(walk);
  if (storage) out.stored = __STORED__;
  return out;
}"""


_WIDEST_ELEMENT = """limit => {
  let widest = null, right = limit;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > right + 1 && getComputedStyle(el).position !== 'fixed') { right = r.right; widest = el; }
  }
  if (!widest) return 'unknown';
  return widest.id ? '#' + widest.id : widest.tagName.toLowerCase() +
    (widest.className && typeof widest.className === 'string' ? '.' + widest.className.trim().split(/\\s+/).join('.') : '');
}"""


def _select(page, selector: str):
    try:
        return page.tree.css_first(selector)
    except Exception:  # noqa: BLE001 - axe can write selectors lexbor does not parse
        return None


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[:2])


_RUN = (_RUN.replace("__WIDEST__", _WIDEST_ELEMENT).replace("__WALK__", reader.WALK)
        .replace("__STORED__", _STORED))
