"""Browser rules for what a reader meets beyond axe: the dark colour scheme, the keyboard
at phone width, and Back on a checklist. They run inside the browser check
(``browser.py``), on the page it has just loaded, in the same tab.

- ``color-contrast-dark``: axe's colour rules on the whole page with the system in dark
  mode, at phone width, on the pages axe checks whole (one per language and section): the
  colours are the theme's, the same on every page of a section. (At desktop width, where
  the side menus show, the tests run the same in sv, ar and ti.)
- ``focus-off-screen``, ``focus-hidden``, ``focus-obscured``, ``focus-unnamed``: every
  place Tab stops, in Tab's order and then in Shift+Tab's, at 320 CSS px. Where Tab stops
  is computed as the browser does for this site (document order, tabindex ≥ 0, one stop
  per radio group; a positive tabindex is reported, since it would change the order), and
  each stop is focused as Tab focuses it, so the page scrolls as it would for a reader.
  The theme's stops (header, menu, footer) are walked on the pages axe checks whole, the
  article's on every page.
- ``form-restored``: on the first page with a form in its article (a checklist) in each
  language, answer one question and write a note, go to another page, press Back: the form
  must be empty.
"""

from __future__ import annotations

import functools

from .registry import rule


def _no_op(page):
    return ()


rule("color-contrast-dark", "in the dark colour scheme (the reader's system set to dark) "
     "text and its background are too close in colour (WCAG 1.4.3). Give the element a colour "
     "for [data-md-color-scheme=\"slate\"] in overrides/assets/stylesheets/site.css.")(_no_op)
rule("focus-off-screen", "Tab stops on something outside the screen at 320 CSS px, so a "
     "keyboard user loses the focus (WCAG 2.4.7). Hide what is off screen with visibility: "
     "hidden or display: none, or bring it into view.")(_no_op)
rule("focus-hidden", "Tab stops on something that cannot be seen (no size, transparent or "
     "hidden). Take it out of the tab order (hidden, display: none) or show it when focused.")(_no_op)
rule("focus-obscured", "an element that has the keyboard focus, or a link's target, is "
     "under the sticky header (WCAG 2.4.11). Keep scroll-padding-top in site.css matched to "
     "the header's height (header.js measures it).")(_no_op)
rule("focus-unnamed", "Tab stops on a control with no accessible name: a screen reader says "
     "only 'button' or 'link' (WCAG 4.1.2). Give it text, or an aria-label from "
     "translations/<code>.yml.")(_no_op)
rule("focus-order", "an element has a positive tabindex, which moves it out of the reading "
     "order for Tab (WCAG 2.4.3). Use tabindex=\"0\" or none.")(_no_op)
rule("form-restored", "after going to another page and back, the form shows the answers "
     "again, although the page says answers are not kept. Keep autocomplete=\"off\" on the "
     "form and empty it on 'pageshow' (checklist.js).")(_no_op)

_COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# Dark mode by the system setting: the page hears of it at a coming frame, and Material then
# fades its colours over a quarter of a second. Every fade is taken to its end at once, frame
# by frame, until two frames in a row start none, so that axe reads the final colours and
# not a frame in between (on a busy machine the change can come a frame or two late).
_SETTLE = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(done));
  for (let i = 0, calm = 0; i < 20 && calm < 2; i++) {
    await frame();
    const running = document.getAnimations();
    running.forEach(a => a.finish());
    calm = running.length ? 0 : calm + 1;
  }
}"""


async def dark_contrast(tab, page, select):
    """axe's colour rules on the whole page in the dark scheme, then back to light."""
    await tab.emulate_media(color_scheme="dark")
    try:
        await tab.evaluate(_SETTLE)
        # Only what the findings show comes back (see browser._RUN).
        result = await tab.evaluate(
            "async rules => (await axe.run(document, {runOnly: {type: 'rule', values: rules}, "
            "resultTypes: ['violations'], noHtml: true})).violations.map(v => ({help: v.help, "
            "nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))}))",
            _COLOUR_RULES)
    finally:
        await tab.emulate_media(color_scheme="light")
    found = []
    for violation in result:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())[:200]
            found.append(page.finding("color-contrast-dark", f"{violation['help']} in the dark "
                                      f"scheme ({target}). {summary}", select(page, target)))
    return found


# Each stop is focused as Tab would focus it; what the reader would then see is measured.
WALK = """async ({theme}) => {
  // On a page just resized to phone width (the theme's pages), a frame first: the header's
  // height, which the scroll padding follows, is measured at the next frame, as for a reader.
  if (theme) await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const header = document.querySelector('.md-header');
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, ' +
    'summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
  const radios = new Set();
  const stops = [...document.querySelectorAll(selector)].filter(el => {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) return false;
    if (!theme && !el.closest('article')) return false;
    if (el.type === 'radio' && el.name) {
      const group = (el.form ? el.form.id : '') + '|' + el.name;
      if (radios.has(group)) return false;
      radios.add(group);
    }
    return true;
  });
  if (theme) axe.setup(document);  // names: axe's own computation (see keyboard_findings())
  const describe = el => {
    let text = el.tagName.toLowerCase();
    if (el.id) return text + '#' + el.id;
    if (el.getAttribute('href')) return text + '[href="' + el.getAttribute('href') + '"]';
    if (el.name) return text + '[name="' + el.name + '"]';
    if (el.className && typeof el.className === 'string')
      text += '.' + el.className.trim().split(/\\s+/).join('.');
    return text;
  };
  const found = [];
  const seen = new Set();
  const report = (rule, el, detail) => {
    const key = rule + ' ' + describe(el);
    if (!seen.has(key)) { seen.add(key); found.push({rule, target: describe(el), detail,
      href: el.getAttribute('href') || '', id: el.id || '', inArticle: !!el.closest('article'),
      text: (el.textContent || '').trim().slice(0, 60)}); }
  };
  const look = (el, direction) => {
    el.focus();
    if (document.activeElement !== el) return;  // not focusable after all: Tab skips it too
    document.getAnimations().forEach(a => a.finish());  // what appears on focus, at its end
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (el.tabIndex > 0) report('focus-order', el, 'tabindex=' + el.tabIndex);
    if (r.width < 2 || r.height < 2 || style.visibility !== 'visible' ||
        !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
      report('focus-hidden', el, Math.round(r.width) + '×' + Math.round(r.height) + ' px');
    } else {
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      if (x < 0 || x > innerWidth || y < 0 || y > innerHeight) {
        report('focus-off-screen', el, 'at ' + Math.round(r.left) + ', ' + Math.round(r.top) +
               ' px on a ' + innerWidth + ' px wide screen');
      } else if (header && !header.contains(el)) {
        // Covered: what the reader sees at the element's top, middle or bottom is the header.
        const covered = [r.top + 2, y, r.bottom - 2].some(py => {
          const top = document.elementFromPoint(x, py);
          return top && header.contains(top) && !el.contains(top);
        });
        if (covered) {
          report('focus-obscured', el, 'at ' + Math.round(r.top) + ' px, under the header, ' +
                 'which ends at ' + Math.round(header.getBoundingClientRect().bottom) + ' px (' +
                 direction + ')');
        }
      }
    }
    if (theme) {
      const node = axe.utils.getNodeFromTree(el);
      if (node && !axe.commons.text.accessibleTextVirtual(node).trim()) report('focus-unnamed', el, '');
    }
  };
  stops.forEach(el => look(el, 'Tab'));
  stops.slice().reverse().forEach(el => look(el, 'Shift+Tab'));
  // A link to a part of the page: its target must land below the header too.
  for (const link of document.querySelectorAll('article a[href^="#"]')) {
    const target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target || !header) continue;
    target.scrollIntoView();
    const top = target.getBoundingClientRect().top;
    if (top < header.getBoundingClientRect().bottom - 1 &&
        document.documentElement.scrollTop > 0) {
      report('focus-obscured', link, 'its target #' + target.id + ' lands at ' + Math.round(top) +
             ' px, under the header');
    }
  }
  if (theme) axe.teardown();
  if (document.activeElement) document.activeElement.blur();
  window.scrollTo(0, 0);
  return found;
}"""


def keyboard_findings(page, walked):
    """Findings from the walk of Tab's stops forward and back (``WALK``, which the browser
    check runs in the same exchange as axe). With ``theme`` the walk includes the header,
    menu and footer, and asks each stop for its accessible name (axe's computation; it
    needs a model of the whole page, the walk's largest cost). In the article, axe's own
    rules (link-name, button-name, label) already find a control without a name, on every
    page."""
    found = []
    for item in walked:
        needles = tuple(f'{a}="{item[a]}"' for a in ("id", "href") if item[a])
        node = _node_for(page, item)
        detail = f" ({item['detail']})" if item["detail"] else ""
        found.append(page.finding(item["rule"], f"{item['target']}{detail}.", node,
                                  needles=needles))
    return found


def _node_for(page, item):
    """The element in the built page, so that a finding in the article points at the
    Markdown line: by its address, else by its text."""
    if item["href"]:
        return next((a for a in page.tree.css("a[href]")
                     if a.attributes.get("href") == item["href"]), None)
    if item["inArticle"] and item["text"]:
        tag = item["target"].split(".")[0].split("[")[0].split("#")[0]
        return next((n for n in page.tree.css(f"article {tag}")
                     if (n.text(deep=True) or "").strip().startswith(item["text"])), None)
    return None


@functools.lru_cache(maxsize=None)  # one Site per check, hashed by identity
def back_forward_pages(site) -> frozenset[str]:
    """The first page with a form in its article in each language: the checklists share one
    template and one script, so one page a language shows what Back does to them all (a
    round trip costs two page loads)."""
    chosen = {}
    for page in sorted(site.pages.values(), key=lambda p: p.site_path):
        if page.lang.code not in chosen and page.tree.css_first("article form"):
            chosen[page.lang.code] = page.site_path
    return frozenset(chosen.values())


async def back_forward(tab, base, page):
    """Answer, leave, come back: the form must be empty again."""
    if page.site_path not in back_forward_pages(page.site):
        return []
    form = tab.locator("article form").first
    radio, text = form.locator("input[type=radio]"), form.locator("textarea, input[type=text]")
    if not await radio.count() and not await text.count():
        return []
    if await radio.count():
        await radio.first.check()
    if await text.count():
        await text.first.fill("x")
    # Any other page will do: an empty one costs nothing to load.
    await tab.goto("about:blank", wait_until="load")
    await tab.go_back(wait_until="load")
    kept = await tab.evaluate("""() => {
      const form = document.querySelector('article form');
      if (!form) return ['(the page did not come back)'];
      return [...form.elements].filter(f => (f.type === 'radio' || f.type === 'checkbox')
        ? f.checked : (f.tagName !== 'BUTTON' && f.value)).map(f => f.name || f.id);
    }""")
    if kept:
        return [page.finding("form-restored", f"after Back the form still holds {kept[:3]}.")]
    return []
