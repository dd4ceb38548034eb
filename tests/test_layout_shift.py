"""A page does not move when Material's script starts: what a phone shows before the script
runs (or without JavaScript) has the header's buttons where they end up, and nothing hidden
makes the page wider than the screen (Arabic pages jumped sideways: Lighthouse's CLS 0.108)."""

import pytest

from browser import chromium
from conftest import ROOT
from trygg.languages import load_languages

LANGUAGES = load_languages(ROOT)
PHONE = {"width": 412, "height": 823}
# The language menu and the menu control: without JavaScript Material's label, with it our
# named button in the same place (whichever the page shows).
HEADER_BUTTONS = (".md-header .md-select, .md-header__button[for=__drawer], "
                  ".md-header__button[data-trygg-toggle=__drawer]")


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _layout(browser, url, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, is_mobile=True)
    page = context.new_page()
    page.goto(url, wait_until="load")
    layout = page.evaluate("""selector => ({
        width: document.documentElement.scrollWidth,
        buttons: [...document.querySelectorAll(selector)]
            .map(e => [e.classList.contains("md-select") ? "language" : "menu",
                       e.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0)
            .map(([kind, r]) => [kind, Math.round(r.x)])})""",
                           HEADER_BUTTONS)
    context.close()
    return layout


@pytest.mark.browser
@pytest.mark.parametrize("code", ["sv", "ar", "fa", "ti"])
def test_header_does_not_move_when_the_script_starts(browser, real_site, serve, code):
    url = f"{serve(real_site)}/{LANGUAGES.get(code).prefix}"
    before = _layout(browser, url, javascript=False)
    after = _layout(browser, url, javascript=True)
    assert before["width"] <= PHONE["width"], f"{code}: {before['width']} px wide before the script"
    assert before["buttons"] and before["buttons"] == after["buttons"]
