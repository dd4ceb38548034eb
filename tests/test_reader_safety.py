"""Reader safety: quick exit, links to other websites, sharing, and nothing leaving 127.0.0.1."""

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from browser import Watch, chromium, stored_in_browser
from conftest import ARTIFACTS, ROOT
from trygg.languages import load_languages

NEUTRAL = "https://www.smhi.se/"


def strings(code):
    return yaml.safe_load((ROOT / "translations" / f"{code}.yml").read_text("utf-8"))


@pytest.mark.parametrize("code", load_languages(ROOT).codes)
def test_links_to_other_websites_are_marked_in_the_readers_language(i18n_site, code):
    path = "bara-svenska" if code == "sv" else f"{code}/bara-svenska"
    html = HTMLParser((i18n_site / path / "index.html").read_text("utf-8"))
    [link] = html.css("article a.trygg-external")
    assert link.attributes["href"] == "https://polisen.se/"
    assert link.attributes["rel"] == "noreferrer" and "target" not in link.attributes
    assert link.css_first(".trygg-external__mark").attributes["aria-hidden"] == "true"
    assert f"({strings(code)['link.external']})" in link.css_first(".trygg-visually-hidden").text()
    assert html.css_first('meta[name="referrer"]').attributes["content"] == "no-referrer"


def test_quick_exit_is_a_plain_link_to_the_neutral_site_in_the_readers_language(i18n_site):
    for code, path in (("sv", ""), ("ar", "ar/"), ("ti", "ti/")):
        html = HTMLParser((i18n_site / path / "index.html").read_text("utf-8"))
        button = html.css_first("a[data-trygg-quick-exit]")
        assert button.attributes["href"] == NEUTRAL
        assert button.text(strip=True) == strings(code)["quickexit.label"]
        hide = html.css_first("a.trygg-exit__hide")
        assert hide.text(strip=True) == strings(code)["quickexit.hide_visit"]


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _context(browser, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 800})
    # The neutral site is answered here, so that no test reaches the network.
    context.route(NEUTRAL + "**", lambda route: route.fulfill(body="<title>Väder</title>",
                                                            content_type="text/html"))
    return context


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/ar/", "/ti/"])
def test_quick_exit_is_the_first_thing_after_the_skip_link(browser, real_site, serve, path):
    context = _context(browser)
    page = context.new_page()
    page.goto(serve(real_site) + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.tryggQuickExit") == ""
    context.close()


@pytest.mark.browser
def test_shift_three_times_leaves_and_the_page_is_gone_from_history(browser, real_site, serve):
    base = serve(real_site)
    context = _context(browser)
    page = context.new_page()
    page.goto(base + "/")
    page.goto(base + "/ar/gangsnacket/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == base + "/"  # the guide page was replaced, not kept
    context.close()


@pytest.mark.browser
def test_clicking_quick_exit_replaces_the_page(browser, real_site, serve):
    base = serve(real_site)
    context = _context(browser)
    page = context.new_page()
    page.goto(base + "/")
    page.goto(base + "/ti/")
    page.click("a[data-trygg-quick-exit]")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == base + "/"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/ar/", "/ti/"])
@pytest.mark.parametrize("width", [320, 1280])
def test_header_at_phone_and_desktop_width_covers_no_text(browser, real_site, serve, path, width):
    context = _context(browser, width)
    page = context.new_page()
    watch = Watch(page)
    page.goto(serve(real_site) + path, wait_until="networkidle")
    overlap = page.evaluate("""() => {
        const exit = document.querySelector('.trygg-exit').getBoundingClientRect();
        const h1 = document.querySelector('article h1').getBoundingClientRect();
        const header = document.querySelector('header').getBoundingClientRect();
        return {exitInHeader: exit.top >= header.top && exit.bottom <= header.bottom,
                textBelowHeader: h1.top >= header.bottom,
                sideways: document.documentElement.scrollWidth > innerWidth};
    }""")
    assert overlap == {"exitInHeader": True, "textBelowHeader": True, "sideways": False}
    assert watch.foreign_requests() == [] and context.cookies() == []
    assert stored_in_browser(page) == {"local": [], "session": []}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/") or "sv"
    page.screenshot(path=str(ARTIFACTS / f"header-{name}-{width}.png"))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.screenshot(path=str(ARTIFACTS / f"footer-{name}-{width}.png"))
    context.close()
