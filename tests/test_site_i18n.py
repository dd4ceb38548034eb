"""What readers of each language get: lang and dir, the switcher, alternates, notices."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import ROOT
from trygg.languages import load_languages

LANGUAGES = load_languages(ROOT)


def page(site: Path, code: str, path: str = "") -> HTMLParser:
    prefix = "" if code == LANGUAGES.source.code else f"{code}/"
    return HTMLParser((site / prefix / path / "index.html").read_text(encoding="utf-8"))


def url_of(code: str, path: str = "") -> str:
    prefix = "" if code == LANGUAGES.source.code else f"{code}/"
    return "http://site/" + prefix + (path + "/" if path else "")


def target(site: Path, code: str, path: str, href: str) -> Path:
    """The file a link on a page leads to, as a browser would resolve it."""
    resolved = urlsplit(urljoin(url_of(code, path), href)).path.lstrip("/")
    return site / resolved / "index.html" if not resolved.endswith(".html") else site / resolved


def strings(code: str) -> dict:
    return yaml.safe_load((ROOT / "translations" / f"{code}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_every_page_says_its_language_and_direction_on_html_and_body(i18n_site, code):
    html = page(i18n_site, code)
    expected_dir = "rtl" if code in ("ar", "fa", "ckb") else "ltr"
    assert html.css_first("html").attributes["lang"] == code
    assert html.css_first("html").attributes["dir"] == expected_dir
    assert html.css_first("body").attributes["dir"] == expected_dir


def test_sorani_lives_under_ckb_and_says_ckb(i18n_site):
    # mkdocs-static-i18n 1.3 alone rejects three-letter codes: this is what trygg-i18n adds.
    html = page(i18n_site, "ckb")
    assert html.css_first("html").attributes["lang"] == "ckb"
    assert html.css_first("h1").text(strip=True) == "پەڕەی سەرەکی"


@pytest.mark.parametrize("code", ["sv", "ar", "ti", "ckb"])
def test_ui_strings_are_in_the_readers_language(i18n_site, code):
    html = page(i18n_site, code)
    assert html.css_first("a.md-skip").text(strip=True) == strings(code)["action.skip"]
    assert html.css_first("title").text().endswith(strings(code)["site.name"])
    switcher = html.css_first(".md-select > button")
    assert switcher.attributes["aria-label"] == strings(code)["select.language"]


def test_switcher_names_each_language_in_itself_and_links_to_the_same_page(i18n_site):
    html = page(i18n_site, "ar", "layout")
    links = html.css(".md-select__list a")
    assert [a.attributes["hreflang"] for a in links] == LANGUAGES.codes
    assert [a.attributes["lang"] for a in links] == LANGUAGES.codes
    assert [a.text(strip=True) for a in links] == [lang.name for lang in LANGUAGES]
    targets = {a.attributes["hreflang"]: urljoin(url_of("ar", "layout"), a.attributes["href"])
               for a in links}
    assert targets["sv"] == "http://site/layout/"
    assert targets["ti"] == "http://site/ti/layout/"  # shown in Swedish there, with a notice


@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_every_switcher_target_and_alternate_exists(i18n_site, code):
    for path in ("", "layout", "bara-svenska"):
        html = page(i18n_site, code, path)
        hrefs = [a.attributes["href"] for a in html.css(".md-select__list a")]
        alternates = {link.attributes["hreflang"]: link.attributes["href"]
                      for link in html.css('head link[rel="alternate"][hreflang]')}
        assert set(alternates) == {*LANGUAGES.codes, "x-default"}
        # Search engines need absolute addresses; x-default is the Swedish version.
        assert all(href.startswith("https://trygga-barn.example/") for href in alternates.values())
        assert alternates["x-default"] == alternates["sv"]
        for href in [*hrefs, *alternates.values()]:
            assert target(i18n_site, code, path, href).is_file(), (code, path, href)


def test_sitemap_lists_every_language_version_of_a_page(i18n_site):
    sitemap = (i18n_site / "sitemap.xml").read_text(encoding="utf-8")
    block = re.search(r"<url>\s*<loc>[^<]*/ar/layout/</loc>.*?</url>", sitemap, re.S).group(0)
    assert sorted(re.findall(r'hreflang="([^"]+)"', block)) == sorted(LANGUAGES.codes)


def test_machine_translation_tells_the_reader_and_links_to_the_swedish_page(i18n_site):
    notice = page(i18n_site, "ar").css_first("aside.trygg-notice")
    assert notice is not None
    assert strings("ar")["notice.machine"] in notice.text()
    assert strings("ar")["notice.outdated"] not in notice.text()
    link = notice.css_first("a")
    assert link.attributes["hreflang"] == "sv"
    assert link.text(strip=True) == strings("ar")["notice.source_link"]


def test_outdated_translation_says_the_swedish_page_changed(i18n_site):
    notice = page(i18n_site, "ti").css_first("aside.trygg-notice")
    assert strings("ti")["notice.outdated"] in notice.text()


def test_reviewed_up_to_date_translation_has_no_notice(i18n_site):
    assert page(i18n_site, "ar", "layout").css_first("aside.trygg-notice") is None


def test_swedish_pages_have_no_translation_notice(i18n_site):
    assert page(i18n_site, "sv").css_first("aside.trygg-notice") is None


def test_missing_page_shows_swedish_text_marked_swedish_with_a_notice(i18n_site):
    html = page(i18n_site, "ti", "bara-svenska")
    assert html.css_first("html").attributes["lang"] == "ti"
    notice = html.css_first("aside.trygg-notice")
    assert strings("ti")["notice.missing"] in notice.text()
    swedish = html.css_first('article div[lang="sv"]')
    assert swedish.attributes["dir"] == "ltr"
    assert swedish.css_first("h1").text(strip=True) == "Bara på svenska"


def test_section_names_come_from_index_pages_in_each_language(real_site):
    ar_nav = [a.text(strip=True) for a in page(real_site, "ar").css(".md-nav--primary a.md-nav__link")]
    ar_title = page(real_site, "ar", "gangsnacket").css_first("h1").text(strip=True)
    assert ar_title in ar_nav
    assert "Gängsnacket" not in ar_nav  # the id from mkdocs.yml is never shown
