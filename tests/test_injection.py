"""Nothing an editor types runs in a reader's browser.

Every way into a page (the Markdown, a front-matter title and description, the announcement,
a publisher field, a UI string, a contact, a checklist item) gets a <script>, an <img
onerror>, a javascript: link and a stray quotation mark. What is not allowed is refused at
its line before anything is built; what is allowed shows as text. With the source rules
bypassed, the templates still print every data string as text, the check finds what came in
through the Markdown, and Chromium sees no dialog.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import FIXTURES, append, make_project, mkdocs_build, replace

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS = "javascript:alert(1)"
QUOTE = 'Säg "hej" & \'hå\' nu'
# What a plain-text field shows exactly as typed: no HTML, and no Markdown either.
SHOWN = f"{QUOTE} [klicka]({JS}) *inte fet* {{: onclick=x }}"


# way in: (file an editor changes, how the value is written there)
def markdown(p, value):
    append(p / "docs/sv/index.md", f"\nMer text {value} här.\n")


def title(p, value):
    replace(p / "docs/sv/index.md", "title: Startsida", f"title: {json.dumps('Start ' + value)}")


def description(p, value):
    replace(p / "docs/sv/index.md", "description: Testsidans beskrivning.",
         f"description: {json.dumps('Om ' + value)}")


def announcement(p, value):
    (p / "docs/_data/announcement.yml").write_text(
        f"until: 2099-12-31\ntext:\n  sv: {json.dumps('Nytt ' + value)}\n", encoding="utf-8")


def publisher(p, value):
    replace(p / "docs/_data/publisher.yml", "organisation: null",
         f"organisation: {json.dumps('Länsstyrelsen ' + value)}")


def ui_string(p, value):
    replace(p / "translations/sv.yml", "quickexit.label: Lämna sidan snabbt",
         f"quickexit.label: {json.dumps('Lämna ' + value)}")


def contact(p, value):
    replace(p / "docs/_data/contacts.yml", "    sv: SOS Alarm, nödnummer",
         f"    sv: {json.dumps('SOS ' + value)}")
    append(p / "docs/sv/index.md", "\nRing [[112]] ([[112:namn]]).\n")


def checklist_item(p, value):
    replace(p / "docs/_data/checklists/trygghetsvandring.yml", "    place.entreer: Entréer",
         f"    place.entreer: {json.dumps('Entréer ' + value)}")
    append(p / "docs/sv/index.md", "\n[[checklista:trygghetsvandring]]\n")


WAYS_IN = {"markdown": (markdown, "docs/sv/index.md"), "title": (title, "docs/sv/index.md"),
           "description": (description, "docs/sv/index.md"),
           "announcement": (announcement, "docs/_data/announcement.yml"),
           "publisher": (publisher, "docs/_data/publisher.yml"),
           "ui-string": (ui_string, "translations/sv.yml"),
           "contact": (contact, "docs/_data/contacts.yml"),
           "checklist-item": (checklist_item, "docs/_data/checklists/trygghetsvandring.yml")}
# What each payload is refused as; a way in and payload not listed is shown as text.
REFUSED = {("markdown", SCRIPT): "html-not-allowed", ("markdown", IMG): "html-not-allowed",
           ("markdown", f"[klicka]({JS})"): "link-unsafe",
           **{(way, payload): "text-html" for way in WAYS_IN if way != "markdown"
              for payload in (SCRIPT, IMG)}}


def trygg(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trygg.cli", *args], cwd=project,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


@pytest.mark.parametrize("way, payload", sorted(REFUSED))
def test_unsafe_input_is_refused_at_its_line_before_anything_is_built(tmp_path, way, payload):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    inject, shown = WAYS_IN[way]
    inject(project, payload)
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    needle = payload if way == "markdown" else "alert(1)"
    expected = f"{shown}:{line_of(project / shown, needle)}: {REFUSED[way, payload]}:"
    assert expected in result.stdout + result.stderr, result.stdout + result.stderr
    assert not (project / "site").exists()


@pytest.fixture(scope="module")
def text_site(tmp_path_factory) -> Path:
    """Every way in carries a quotation mark and a javascript: address (in a plain-text field
    written as a Markdown link too), which are allowed: built by `trygg build`, the source
    rules and the check included."""
    project = make_project(tmp_path_factory.mktemp("text"), FIXTURES / "i18n-site" / "docs")
    for way, (inject, _shown) in WAYS_IN.items():
        inject(project, f"{QUOTE} {JS}" if way == "markdown" else SHOWN)
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _page(site: Path, path: str = "index.html") -> LexborHTMLParser:
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


def test_a_quotation_mark_stays_a_quotation_mark_in_every_field(text_site):
    page = _page(text_site)
    shown = SHOWN
    assert page.css_first('meta[name="description"]').attributes["content"] == f"Om {shown}"
    assert page.css_first("title").text() .startswith(f"Start {shown} - ")
    assert page.css_first(".md-header__topic [data-md-component], .md-header__topic + "
                          ".md-header__topic .md-ellipsis").text().strip() == f"Start {shown}"
    assert page.css_first(".trygg-announce").text().strip() == f"Nytt {shown}"
    assert f"Länsstyrelsen {shown}" in page.css_first(".trygg-footer__publisher").text()
    assert page.css_first("[data-trygg-quick-exit]").text().strip() == f"Lämna {shown}"
    assert f"SOS {shown}" in page.css_first("article").text()
    assert any(legend.text().strip() == f"Entréer {shown}"
               for legend in page.css("fieldset > legend"))
    assert f"Mer text {QUOTE} {JS} här." in page.css_first("article").text()


def test_a_title_is_read_once_in_the_next_pages_link(text_site):
    # Found by the review: Material escaped a title in the previous/next links' names twice.
    link = _page(text_site, "bara-svenska/index.html").css_first(".md-footer__link--prev")
    assert link.attributes["aria-label"].endswith(f": Start {SHOWN}")


def test_no_address_in_the_built_site_runs_code(text_site):
    for path in text_site.rglob("*.html"):
        for node in LexborHTMLParser(path.read_text(encoding="utf-8")).css("[href], [src]"):
            for name in ("href", "src"):
                assert not (node.attributes.get(name) or "").lower().startswith("javascript:"), path


@pytest.fixture(scope="module")
def bypassed_site(tmp_path_factory) -> tuple[Path, Path]:
    """Every payload in every way in, built by MkDocs alone (no source rules): the templates
    and the policy must still hold."""
    project = make_project(tmp_path_factory.mktemp("bypass"), FIXTURES / "i18n-site" / "docs")
    for inject, _shown in WAYS_IN.values():
        inject(project, f"{SCRIPT} {IMG} [klicka]({JS}) {QUOTE}")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def test_data_strings_reach_the_page_as_text_even_past_the_source_rules(bypassed_site):
    _project, site = bypassed_site
    page = _page(site)
    # The Markdown's own <script> stands in the article (the check's finding, below);
    # outside it, only the theme's configuration block.
    outside = [s for s in page.css("script") if "src" not in s.attributes
               and s not in page.css("article script")]
    assert [s.attributes.get("id") for s in outside] == ["__config"]
    assert page.css_first(".trygg-announce").text().count("<script>") == 1
    assert "<img src=x onerror=alert(1)>" in page.css_first("title").text()
    assert "onerror" not in {name for node in page.css("header *, footer *, nav *")
                             for name in node.attributes}



def test_an_address_from_mkdocs_yml_stays_inside_its_attribute(tmp_path):
    # Found by the review: the addresses of the pages every page links to were printed raw.
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    replace(project / "mkdocs.yml", "hide_visit: om-webbplatsen/dolj-ditt-besok/",
         """hide_visit: 'om-webbplatsen/dolj-ditt-besok/" hidden data-x="'""")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    hide = _page(project / "site").css_first(".trygg-exit__hide")
    assert "hidden" not in hide.attributes and hide.attributes["href"].endswith('" hidden data-x="')


def test_the_check_finds_what_came_in_through_the_markdown(bypassed_site):
    from trygg.check import check_site

    project, site = bypassed_site
    # The rules about what runs and what parses (without PDFs, the download links have no
    # file behind them: other rules' findings here would be about that).
    safety = {"inline-script", "inline-event-handler", "link-unsafe", "script-source",
              "csp-present", "third-party-load", "html-valid"}
    found = {(f.rule, f.path) for f in check_site(site, project, rules=safety)
             if f.severity == "error"}
    assert ("inline-script", "docs/sv/index.md") in found
    assert ("inline-event-handler", "docs/sv/index.md") in found
    assert ("link-unsafe", "docs/sv/index.md") in found
    # Nothing from the data files reaches the page as markup.
    assert {path for _rule, path in found} == {"docs/sv/index.md"}, found


@pytest.mark.browser
def test_no_dialog_opens_on_any_page_even_when_the_link_is_clicked(bypassed_site, serve):
    from playwright.sync_api import sync_playwright

    from trygg.check.browser import CHROMIUM_ARGS, chromium_path

    _project, site = bypassed_site
    base = serve(site)
    dialogs = []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            tab.goto(f"{base}/{path}")
            tab.wait_for_load_state("load")
        tab.goto(f"{base}/index.html")
        tab.click("article a[href^='javascript:']")
        tab.wait_for_timeout(300)
        browser.close()
    assert len(pages) > 5
    assert dialogs == []


@pytest.mark.parametrize("name, text", [
    ("bild.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(402)</script></svg>'),
    ("blad.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(404)</script></html>'),
    ("info.htm", "<!doctype html><script>alert(405)</script>"),
])
def test_a_file_a_browser_runs_is_never_published_from_docs(tmp_path, name, text):
    # Found by the review: MkDocs copies every file in docs/ into the site as it is.
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    (project / "docs/sv" / name).write_text(text, encoding="utf-8")
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    assert f"docs/sv/{name}:1: file-type-not-allowed:" in result.stdout + result.stderr
    assert not (project / "site").exists()
