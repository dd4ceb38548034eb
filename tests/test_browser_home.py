"""The home pages in a real browser: direction, script, nothing leaves 127.0.0.1."""

import pytest

from browser import Watch, chromium, stored_in_browser
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

HOMES = {"sv": "/", "ar": "/ar/", "ti": "/ti/"}


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.mark.parametrize("code", HOMES)
@pytest.mark.parametrize("width", [360, 1280])
def test_home_page_reads_in_its_direction_and_contacts_no_one(browser, real_site, serve, code, width):
    base = serve(real_site)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(base + HOMES[code], wait_until="networkidle")

    expected = "rtl" if code == "ar" else "ltr"
    directions = page.evaluate("""() => [document.documentElement, document.body,
        document.querySelector('article')].map(e => getComputedStyle(e).direction)""")
    assert directions == [expected] * 3
    assert page.evaluate("document.documentElement.lang") == code

    assert watch.foreign_requests() == []
    # Material would ask for a sitemap next to each language version (404s on a phone).
    assert [url for url in watch.requests if "sitemap" in url] == []
    assert watch.console_errors == []  # a CSP violation would show here
    assert context.cookies() == []
    assert stored_in_browser(page) == {"local": [], "session": []}

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{code}-{width}.png"), full_page=True)
    context.close()


def test_right_to_left_layout_puts_navigation_and_text_on_the_right(browser, i18n_site, serve):
    base = serve(i18n_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/ar/layout/")
    layout = page.evaluate("""() => {
        const box = s => document.querySelector(s).getBoundingClientRect();
        const dir = s => getComputedStyle(document.querySelector(s)).direction;
        const cell = document.querySelector('article table td');
        return {
          navRight: box('.md-sidebar--primary').left > box('.md-content').left,
          listDir: dir('article ul li'), tableDir: dir('article table'),
          admonitionDir: dir('article .admonition'),
          firstCellRight: cell.getBoundingClientRect().left > cell.nextElementSibling.getBoundingClientRect().left,
          h1Right: Math.abs(box('article h1').right - box('article').right) < 40,
        };
    }""")
    assert layout == {"navRight": True, "listDir": "rtl", "tableDir": "rtl",
                      "admonitionDir": "rtl", "firstCellRight": True, "h1Right": True}
    context.close()


def test_dark_system_setting_gives_the_dark_scheme_without_storing_it(browser, real_site, serve):
    base = serve(real_site)
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base + "/ti/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert stored_in_browser(page) == {"local": [], "session": []}
    context.close()
