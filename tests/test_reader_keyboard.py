"""What a keyboard reader meets, in Chromium, in Swedish, Arabic and Tigrinya: the quick exit
leaves only on Shift pressed alone three times, the menu and search are named buttons Tab
reaches, a closed drawer keeps its links out of the tab order, nothing focused ends up under
the sticky header, and no one-key shortcut acts."""

import pytest
import yaml

from browser import chromium
from conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.smhi.se/"
PREFIX = {"sv": "", "ar": "ar/", "ti": "ti/"}
HELP = "gangsnacket/var-du-far-hjalp/"
WALK = "trygghet-i-skolan/checklista-trygghetsvandring/"


def strings(code):
    return yaml.safe_load((ROOT / "translations" / f"{code}.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def open_page(browser, real_site, serve):
    base = serve(real_site)
    contexts = []

    def open_(path, width=320, **options):
        context = browser.new_context(viewport={"width": width, "height": 700}, **options)
        contexts.append(context)
        # The neutral site is answered here, so that no test reaches the network.
        context.route(NEUTRAL + "**", lambda route: route.fulfill(
            body="<title>Väder</title>", content_type="text/html"))
        page = context.new_page()
        page.goto(base + "/" + path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def _focused(page):
    return page.evaluate("""() => { const e = document.activeElement;
      return {tag: e.tagName.toLowerCase(), href: e.getAttribute('href') || '',
              name: e.getAttribute('aria-label') || e.textContent.trim(),
              inDrawer: !!e.closest('.md-sidebar--primary'),
              inHeader: !!e.closest('.md-header')}; }""")


@pytest.mark.parametrize("code", PREFIX)
def test_shift_tab_three_times_does_not_leave(open_page, code):
    page = open_page(PREFIX[code] + HELP)
    page.locator("footer a").last.focus()
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
        page.wait_for_timeout(270)  # a parent tabbing back, 250–300 ms between presses
    page.wait_for_timeout(300)
    assert page.url.endswith("/" + PREFIX[code] + HELP)


@pytest.mark.parametrize("code", PREFIX)
def test_capitals_typed_in_search_do_not_leave(open_page, code):
    page = open_page(PREFIX[code], width=1280)
    page.click(".md-search__input")
    for key in ("Shift+KeyB", "Shift+KeyR", "Shift+KeyI"):
        page.keyboard.press(key)
        page.wait_for_timeout(120)
    page.wait_for_timeout(300)
    assert page.input_value(".md-search__input") == "BRI"
    assert not page.url.startswith(NEUTRAL)


@pytest.mark.parametrize("code", PREFIX)
def test_shift_pressed_alone_three_times_leaves(open_page, code):
    page = open_page(PREFIX[code])
    for _ in range(3):
        page.keyboard.press("Shift")
        page.wait_for_timeout(200)
    page.wait_for_url(NEUTRAL)


@pytest.mark.parametrize("code", PREFIX)
def test_menu_and_search_are_named_buttons_tab_reaches_and_the_closed_drawer_is_skipped(open_page, code):
    page = open_page(PREFIX[code])
    names, stops = strings(code), []
    for _ in range(25):
        page.keyboard.press("Tab")
        stops.append(_focused(page))
    buttons = [s["name"] for s in stops if s["tag"] == "button"]
    assert names["header.menu"] in buttons and names["search"] in buttons
    assert not any(s["inDrawer"] for s in stops)  # the drawer is closed: none of its links
    # Enter on the menu button opens the drawer, with the focus in it; Escape closes it.
    page.focus(f'button[aria-label="{names["header.menu"]}"]')
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.is_checked("#__drawer") and _focused(page)["inDrawer"]
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not page.is_checked("#__drawer")
    assert _focused(page)["name"] == names["header.menu"]
    # The search button opens the search with the focus in its field.
    page.focus(f'button[aria-label="{names["search"]}"]')
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.is_checked("#__search")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def _header_bottom(page):
    return page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


@pytest.mark.parametrize("code", PREFIX)
def test_shift_tab_to_the_phone_links_keeps_them_below_the_header(open_page, code):
    page = open_page(PREFIX[code] + HELP)
    page.locator("footer a").last.focus()
    seen = 0
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        focused = _focused(page)
        if focused["href"].startswith("tel:"):
            seen += 1
            top = page.evaluate("document.activeElement.getBoundingClientRect().top")
            assert top >= _header_bottom(page), f"{focused['href']} is under the header"
            if focused["href"] == "tel:116111" and code == "sv":
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "focus-tel-sv-320.png"))
        if focused["tag"] == "body" or focused["inHeader"]:
            break
    assert seen >= 3  # 112, 114 14 and 116 111 at least


@pytest.mark.parametrize("code", PREFIX)
def test_a_heading_reached_by_its_link_is_below_the_header(open_page, code):
    page = open_page(PREFIX[code] + HELP)
    heading = page.locator("article h2").nth(2)
    page.goto(page.url.split("#")[0] + "#" + heading.get_attribute("id"))
    page.wait_for_timeout(200)
    assert heading.bounding_box()["y"] >= _header_bottom(page)


@pytest.mark.parametrize("code", PREFIX)
def test_no_one_key_shortcut_acts_on_a_checklists_radio_button(open_page, code):
    page = open_page(PREFIX[code] + WALK, width=1280)
    radio = page.locator('input[name="entreer.belysning"]').first
    radio.focus()
    for key in ("s", "f", "/", "n", "p", ".", ","):
        page.keyboard.press(key)
    page.wait_for_timeout(200)
    assert not page.is_checked("#__search")
    assert page.evaluate("document.activeElement.name") == "entreer.belysning"
    assert page.url.endswith("/" + PREFIX[code] + WALK)
    assert page.input_value(".md-search__input") == ""
