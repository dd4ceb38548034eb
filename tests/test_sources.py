"""Where a page's facts come from: the source rules on small fixture projects, and the list
every page shows at its end, in every language."""

import datetime as dt
import shutil

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import ROOT
from trygg.languages import load_languages
from trygg.sources import CONTENT_SECTIONS, load_sources, source_problems
from trygg.translation import read_page
from trygg.validate import validate_project

LANGUAGES = load_languages(ROOT)
TODAY = dt.date(2026, 11, 30)
SOURCES = """\
polisen:
  title: Så rekryterar kriminella dig som ung
  publisher: Polismyndigheten
  checked: 2026-11-25
gammal:
  title: En gammal källa
  publisher: Någon
  address: https://example.org/gammal
  checked: 2025-06-01
"""


@pytest.fixture
def project(tmp_path):
    """The project's languages and data, a sources file of two, and no pages yet."""
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "docs" / "_data")
    (tmp_path / "docs" / "_data" / "sources.yml").write_text(SOURCES, "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    return tmp_path


def page(project, path, front):
    file = project / "docs" / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\ntitle: Sida\n{front}---\n\n# Sida\n\nText.\n", "utf-8")


def found(project, rule):
    return [(p.path, p.line, p.severity) for p in source_problems(project, LANGUAGES, TODAY)
            if p.rule == rule]


def test_an_unknown_source_id_is_an_error_at_the_pages_sources_line(project):
    page(project, "sv/unga/sida.md", "description: d\nsources:\n  - polisen\n  - polisn\n")
    assert found(project, "source-unknown") == [("docs/sv/unga/sida.md", 4, "error")]
    # validate (run before every build) reports it too, and names the fix.
    [problem] = [p for p in validate_project(project) if p.rule == "source-unknown"]
    assert "'polisn' is not in docs/_data/sources.yml" in problem.message


def test_a_content_page_without_sources_is_an_error_other_pages_need_none(project):
    page(project, "sv/gangsnacket/sida.md", "")
    page(project, "sv/om-webbplatsen/sida.md", "")  # about the site itself: no facts to cite
    assert found(project, "source-missing") == [("docs/sv/gangsnacket/sida.md", 2, "error")]
    assert "gangsnacket" in CONTENT_SECTIONS


def test_a_translation_shows_its_swedish_sources_and_may_not_list_its_own(project):
    page(project, "sv/unga/sida.md", "sources: [polisen]\n")
    page(project, "en/unga/sida.md", "sources: [polisen]\ntranslation:\n  status: machine\n")
    page(project, "ar/unga/sida.md", "translation:\n  status: machine\n")
    assert found(project, "source-in-translation") == [("docs/en/unga/sida.md", 3, "error")]
    assert found(project, "source-missing") == []  # the Arabic page inherits the list


def test_a_source_checked_more_than_a_year_ago_warns_at_its_entry(project):
    assert found(project, "source-stale") == [("docs/_data/sources.yml", 9, "warning")]
    recent = source_problems(project, LANGUAGES, dt.date(2026, 5, 31))
    assert [p for p in recent if p.rule == "source-stale"] == []


def test_a_review_date_that_has_passed_warns_the_pages_editor(project):
    page(project, "sv/unga/forr.md", "sources: [polisen]\nreview_by: 2026-11-29\n")
    page(project, "sv/unga/sedan.md", "sources: [polisen]\nreview_by: 2026-11-30\n")
    page(project, "sv/unga/fel.md", "sources: [polisen]\nreview_by: snart\n")
    assert found(project, "review-due") == [("docs/sv/unga/forr.md", 4, "warning")]
    assert found(project, "review-date") == [("docs/sv/unga/fel.md", 4, "error")]


def test_a_source_without_title_or_with_a_plain_http_address_is_refused(project):
    (project / "docs/_data/sources.yml").write_text(
        "a:\n  publisher: P\n  checked: 2026-11-30\n"
        "b:\n  title: T\n  publisher: P\n  address: http://example.org/\n  checked: 2026-11-30\n",
        "utf-8")
    assert found(project, "source-field") == [("docs/_data/sources.yml", 1, "error"),
                                              ("docs/_data/sources.yml", 7, "error")]


def test_the_sites_sources_are_valid_and_every_content_page_names_some():
    assert [p for p in source_problems(ROOT, LANGUAGES) if p.severity == "error"] == []
    sources = load_sources(ROOT)
    for path in (ROOT / "docs/sv").rglob("*.md"):
        relative = path.relative_to(ROOT / "docs/sv")
        if relative.parts[0] in CONTENT_SECTIONS:
            assert read_page(path, str(relative)).meta["sources"], relative
    # Only addresses seen in full in a public source are published (facts.md); none is http.
    assert all(s.address.startswith("https://") for s in sources.values() if s.address)


def _sources_list(site, code, page):
    prefix = "" if code == "sv" else f"{code}/"
    folder = page.removesuffix(".md").removesuffix("index").rstrip("/")
    html = HTMLParser((site / prefix / folder / "index.html").read_text("utf-8"))
    return html.css_first("article section.trygg-sources")


CONTENT_PAGES = sorted(p.relative_to(ROOT / "docs/sv").as_posix()
                       for section in CONTENT_SECTIONS
                       for p in (ROOT / "docs/sv" / section).rglob("*.md"))


@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_each_content_page_ends_with_the_swedish_pages_sources_in_the_readers_language(
        real_site, code):
    import yaml

    strings = yaml.safe_load((ROOT / "translations" / f"{code}.yml").read_text("utf-8"))
    for page in CONTENT_PAGES:
        swedish, here = _sources_list(real_site, "sv", page), _sources_list(real_site, code, page)
        assert here is not None, (code, page)
        assert here.css_first("h2").text(strip=True) == strings["sources.title"]
        assert len(here.css("li")) == len(swedish.css("li")) > 0, (code, page)
        links = here.css("a")
        assert len(links) == len(swedish.css("a")), (code, page)
        for link in links:
            # Marked as another website, like every external link, in the reader's language.
            assert link.attributes["href"].startswith("https://")
            assert link.attributes["rel"] == "noreferrer"
            assert strings["link.external"] in link.css_first(".trygg-visually-hidden").text()
            if code != "sv":
                assert link.parent.attributes.get("lang") == "sv"  # the title is marked Swedish


def test_the_sources_list_escapes_what_the_data_file_says(tmp_path):
    from conftest import build_or_fail, make_project

    project = make_project(tmp_path)
    data = project / "docs/_data/sources.yml"
    data.write_text(data.read_text("utf-8") + "elak:\n  title: <b>fet</b> & \"citat\"\n"
                    "  publisher: <script>alert(1)</script>\n"
                    "  address: https://example.org/?a=1&b=\"><x\n  checked: 2026-11-30\n",
                    "utf-8")
    index = project / "docs/sv/index.md"
    index.write_text(index.read_text("utf-8").replace("sources:\n", "sources:\n  - elak\n", 1),
                     "utf-8")
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser((build_or_fail(project) / "index.html").read_text("utf-8"))
    [item] = [li for li in page.css(".trygg-sources__list li") if "fet" in li.text()]
    # What a reader sees: the data file's text as typed, and the address as written.
    assert item.css_first("a").text().startswith('<b>fet</b> & "citat"')
    assert ", <script>alert(1)</script>." in item.text()
    assert item.css("b, script") == []
    assert item.css_first("a").attributes["href"] == 'https://example.org/?a=1&b=">' + "<x"


def test_pages_link_only_to_addresses_kept_in_the_sources_file():
    # One list of addresses seen in a public source: a "read more" link in any language
    # must be one of them, so that a check of sources.yml covers every link we publish.
    import re

    known = {s.address for s in load_sources(ROOT).values() if s.address}
    for path in (ROOT / "docs").glob("[a-z]*/**/*.md"):
        for address in re.findall(r"\]\((https?://[^)\s]+)\)", path.read_text("utf-8")):
            assert address in known, (path, address)
