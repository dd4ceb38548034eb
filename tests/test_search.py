"""Search in every language: each language has its own index, and a word found on exactly
one page of a language leads there, in that language only."""

import json
import re
from collections import Counter

import pytest
import yaml
from playwright.sync_api import expect

from browser import chromium
from conftest import ARTIFACTS, ROOT
from trygg.languages import load_languages

LANGUAGES = load_languages(ROOT)
PAGE = "gangsnacket/varningstecken/"


def index(site, lang):
    return json.loads((site / lang.prefix / "search" / "search_index.json").read_text("utf-8"))


@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_each_language_has_its_own_index_with_only_its_pages(real_site, code):
    lang = LANGUAGES.get(code)
    data = index(real_site, lang)
    assert data["docs"], code
    other_prefixes = tuple(o.prefix for o in LANGUAGES if o.prefix and o is not lang)
    assert not any(d["location"].startswith(other_prefixes) for d in data["docs"])
    assert data["config"]["lang"] == [lang.search or "en"]
    if code == "ti":
        assert "፡" in data["config"]["separator"] and "።" in data["config"]["separator"]


def _unique_word(data, location, separator):
    """A word of the page that no other page of the language has (the first, sorted)."""
    pages = {}
    for doc in data["docs"]:
        page = doc["location"].split("#")[0]
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
        pages.setdefault(page, set()).update(w for w in re.split(separator, text) if len(w) > 3)
    counts = Counter(word for words in pages.values() for word in words)
    unique = sorted(w for w in pages[location] if counts[w] == 1 and re.fullmatch(r"\w{5,}", w))
    assert unique, f"no word of {location} is on that page only"
    return unique[0]


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_a_word_on_one_page_finds_that_page_in_the_readers_language(browser, real_site, serve, code):
    lang = LANGUAGES.get(code)
    data = index(real_site, lang)
    word = _unique_word(data, PAGE, r"[\s\-፡።،؛]+")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    base = serve(real_site)
    page.goto(f"{base}/{lang.prefix}")
    page.click("input.md-search__input")
    page.keyboard.type(word)
    # Playwright enters letters outside a US keyboard without key events; Material searches
    # on keyup, which a reader's keyboard (or input method) always sends.
    page.keyboard.press("End")
    first = page.locator(".md-search-result__list a").first
    first.wait_for(timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__list a", "els => els.map(e => e.href)")
    assert hrefs[0].split("#")[0] == f"{base}/{lang.prefix}{PAGE}", (word, hrefs)
    assert all(h.startswith(f"{base}/{lang.prefix}") for h in hrefs)
    if lang.is_source:
        others = tuple(f"{base}/{o.prefix}" for o in LANGUAGES if o.prefix)
        assert not any(h.startswith(others) for h in hrefs)
    context.close()


ON_DEMAND = ("search_index.json", "/workers/search.", "/lunr/")


@pytest.mark.browser
@pytest.mark.parametrize("code", ["sv", "ar", "ti"])
def test_search_is_fetched_only_when_the_reader_opens_it(browser, real_site, serve, code):
    """A first visit loads no search index, search worker or stemmer (most readers never
    search); opening search loads them, and a word still finds its page."""
    lang = LANGUAGES.get(code)
    word = _unique_word(index(real_site, lang), PAGE, r"[\s\-፡።،؛]+")
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    base = serve(real_site)
    page.goto(f"{base}/{lang.prefix}{PAGE}", wait_until="networkidle")
    assert not [url for url in requested if any(part in url for part in ON_DEMAND)], requested
    # A phone shows the search button; tapping it opens search.
    page.click("button[data-trygg-toggle=__search]")
    # The button moves the focus into the search field once the dialog has opened.
    page.wait_for_function("document.activeElement && document.activeElement.matches("
                           "'[data-md-component=search-query]')")
    page.keyboard.type(word)
    page.keyboard.press("End")
    page.locator(".md-search-result__list a").first.wait_for(timeout=15000)
    assert any("/search/search_index.json" in url for url in requested)
    assert any("/workers/search." in url for url in requested)
    if lang.search:
        assert any(f"lunr.{lang.search}.min.js" in url for url in requested)
    context.close()


def _ui(code, key):
    return yaml.safe_load((ROOT / "translations" / f"{code}.yml").read_text("utf-8"))[key]


@pytest.mark.browser
@pytest.mark.parametrize("code", ["sv", "ar", "ti"])
def test_search_opened_offline_says_so_and_works_once_online(browser, real_site, serve, code):
    """The connection drops after the page came: opening search tells the reader, in their
    language, that search could not be loaded; back online, opening search again finds."""
    lang = LANGUAGES.get(code)
    word = _unique_word(index(real_site, lang), PAGE, r"[\s\-፡።،؛]+")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    base = serve(real_site)
    page.goto(f"{base}/{lang.prefix}", wait_until="networkidle")
    context.set_offline(True)
    meta = page.locator(".md-search-result__meta")

    def open_search_and_type():
        _open_search_and_type(page, word)

    open_search_and_type()
    message = _ui(code, "search.result.unavailable")
    expect(meta).to_have_text(message, timeout=15000)
    expect(meta).to_be_visible()
    if code != "sv":
        ARTIFACTS.mkdir(exist_ok=True)
        page.wait_for_timeout(1000)  # for the eye only: Material's search panel slides in
        page.screenshot(path=str(ARTIFACTS / f"search-offline-{code}.png"))
    context.set_offline(False)
    page.keyboard.press("Escape")
    open_search_and_type()
    _expect_the_page_found(page, f"{base}/{lang.prefix}{PAGE}", meta, message)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("code, blocked", [("sv", "**/workers/search.*.min.js"),
                                           ("ar", "**/lunr/min/lunr.ar.min.js")])
def test_search_whose_worker_or_stemmer_fails_says_so_and_retries(browser, real_site, serve,
                                                                    code, blocked):
    """The index comes but Material's worker or the stemmer does not: the reader is told,
    and once the file can be fetched, opening search again finds."""
    lang = LANGUAGES.get(code)
    word = _unique_word(index(real_site, lang), PAGE, r"[\s\-፡።،؛]+")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route(blocked, lambda route: route.abort())
    page = context.new_page()
    base = serve(real_site)
    page.goto(f"{base}/{lang.prefix}", wait_until="networkidle")
    meta = page.locator(".md-search-result__meta")

    def open_search_and_type():
        _open_search_and_type(page, word)

    open_search_and_type()
    message = _ui(code, "search.result.unavailable")
    expect(meta).to_have_text(message, timeout=15000)
    context.unroute(blocked)
    page.keyboard.press("Escape")
    open_search_and_type()
    _expect_the_page_found(page, f"{base}/{lang.prefix}{PAGE}", meta, message)
    context.close()


def _open_search_and_type(page, word):
    """As a keyboard user: Tab to the search button, Enter, type (replacing what is there)."""
    page.locator("button[data-trygg-toggle=__search]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-md-component=search-query]")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(word)
    page.keyboard.press("End")


def _expect_the_page_found(page, address, meta, message):
    first = page.locator(".md-search-result__list a").first
    first.wait_for(timeout=15000)
    assert first.evaluate("a => a.href").split("#")[0] == address
    expect(meta).not_to_have_text(message)
