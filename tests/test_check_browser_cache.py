"""The browser rules' results are reused per page only while nothing the page's results
depend on changed: a changed template or stylesheet checks every page again, a one-page
edit that page, and a page taken from the cache reports every finding it had."""

import pytest

from checksite import clean_site
from test_check_browser import _bad_site
from trygg.check import check_site
from trygg.check.browser_cache import check_in_browser_cached
from trygg.check.core import load_site

pytestmark = pytest.mark.browser


def _run(site_dir, root):
    rechecked = []
    findings = check_in_browser_cached(load_site(site_dir, root), root / ".cache" / "b.json",
                                       workers=2, rechecked=rechecked)
    return {(f.rule, f.path, f.line, f.message) for f in findings}, rechecked


def test_a_cached_page_reports_every_finding_it_had(tmp_path):
    written = _bad_site().write(tmp_path)
    first, rechecked = _run(written, tmp_path)
    pages = sorted(load_site(written, tmp_path).pages)
    assert rechecked == pages
    assert {"color-contrast", "reflow", "external-request", "csp-violation"} <= {f[0] for f in first}
    second, rechecked = _run(written, tmp_path)
    assert rechecked == []
    assert second == first
    # The check as `trygg check` runs it gives the same findings from the cache.
    fresh = check_site(written, tmp_path, browser=True, workers=2)
    cached = check_site(written, tmp_path, browser=True, workers=2,
                        browser_cache=tmp_path / ".cache" / "b.json")
    assert cached == fresh


def test_a_changed_template_or_stylesheet_rechecks_every_page_and_an_edit_its_page(tmp_path):
    site = clean_site()
    written = site.write(tmp_path)
    pages = sorted(load_site(written, tmp_path).pages)
    _run(written, tmp_path)
    assert _run(written, tmp_path)[1] == []
    # One page edited: only that page.
    page = written / "om" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</article>", "<p>Ny mening.</p></article>"))
    assert _run(written, tmp_path)[1] == ["om/index.html"]
    # The stylesheet every page loads: every page, and a finding it causes is found.
    css = written / "assets" / "site.css"
    css.write_text(css.read_text("utf-8") + "p { color: #ccc; background: #fff; }\n")
    findings, rechecked = _run(written, tmp_path)
    assert rechecked == pages
    # (Light grey on white fails in the light scheme, and in the dark one this stylesheet
    # does not change.)
    assert {f[0] for f in findings} <= {"color-contrast", "color-contrast-dark"}
    assert "color-contrast" in {f[0] for f in findings}
    # The template around every page (here: the header written into each page): every page.
    site.css = css.read_text("utf-8")
    for mini in site.pages:
        mini.edit = lambda html: html.replace("<header>", '<header><p class="notice">Ny</p>')
    site.write(tmp_path)
    assert _run(written, tmp_path)[1] == pages
