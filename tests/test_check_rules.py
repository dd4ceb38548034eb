"""Every static rule of the check: the clean mini site passes, one change makes it fail,
and the finding names the rule, the file an editor changes and the line."""

import pytest

from checksite import clean_site
from trygg.check import check_site
from trygg.check.registry import RULES


def findings(tmp_path, site):
    return [(f.rule, f.path, f.line) for f in check_site(site.write(tmp_path), tmp_path)
            if f.severity == "error"]


def test_the_clean_mini_site_has_no_findings(tmp_path):
    assert findings(tmp_path, clean_site()) == []


def add(page, html, markdown):
    page.body += "\n" + html
    page.markdown += "\n" + markdown


def replace_html(old, new):
    return lambda html: html.replace(old, new, 1)


def link_broken(s):
    om = s.page("sv", "om/")
    om.body = om.body.replace('href="../#start"', 'href="../saknas/"')
    om.markdown = om.markdown.replace("index.md#start", "saknas.md")


def link_fragment(s):
    om = s.page("sv", "om/")
    om.body = om.body.replace("#start", "#borta")
    om.markdown = om.markdown.replace("#start", "#borta")


def title_unique(s):
    s.page("sv", "om/").title = "Start"


def third_party_load(s):
    s.page("sv", "").head = '<script src="https://cdn.example/x.js"></script>'


def third_party_css(s):
    s.css = "body {}\n@font-face { src: url(https://fonts.example/f.woff2); }\n"


# rule: (how to break the clean site, the file an editor changes, the line)
CASES = {
    "link-broken": (link_broken, "docs/sv/om.md", 9),
    "link-fragment": (link_fragment, "docs/sv/om.md", 9),
    "html-lang-valid": (lambda s: setattr(s.page("ar", "om/"), "edit", replace_html('lang="ar"', 'lang="sv"')),
                        "site/ar/om/index.html", 2),
    "html-dir": (lambda s: setattr(s.page("ar", ""), "edit", replace_html('<body dir="rtl"', '<body dir="ltr"')),
                 "site/ar/index.html", 11),
    "document-title": (lambda s: setattr(s.page("sv", "om/"), "edit", replace_html("<title>Om oss</title>", "<title></title>")),
                       "docs/sv/om.md", 2),
    "foreign-text-lang": (lambda s: add(s.page("ar", "om/"), "<p>Det här stycket är skrivet på svenska och saknar språkattribut.</p>",
                                        "Det här stycket är skrivet på svenska och saknar språkattribut.\n"),
                          "docs/ar/om.md", 12),
    "page-has-heading-one": (lambda s: add(s.page("sv", ""), "<h1>Andra</h1>", "# Andra\n"), "docs/sv/index.md", 9),
    "heading-order": (lambda s: add(s.page("sv", "om/"), "<h4>Djupt</h4>", "#### Djupt\n"), "docs/sv/om.md", 11),
    "title-unique": (title_unique, "docs/sv/index.md", 2),
    "image-alt": (lambda s: add(s.page("sv", ""), '<p><img src="assets/bild.png"></p>', "![](bild.png)\n"),
                  "docs/sv/index.md", 9),
    "link-name": (lambda s: add(s.page("sv", ""), '<p><a href="om/"></a></p>', "[](om.md)\n"), "docs/sv/index.md", 9),
    "link-text-vague": (lambda s: add(s.page("ar", ""), '<p><a href="om/">اضغط هنا</a></p>', "[اضغط هنا](om.md)\n"),
                        "docs/ar/index.md", 12),
    "third-party-load": (third_party_load, "site/index.html", 9),
    "third-party-css": (third_party_css, "site/assets/site.css", 2),
    "inline-event-handler": (lambda s: add(s.page("sv", ""), '<p onclick="x()">Tryck här nu</p>', "Tryck här nu\n"),
                             "docs/sv/index.md", 9),
    "inline-script": (lambda s: add(s.page("sv", "om/"), "<script>alert('hej')</script>", "<script>alert('hej')</script>\n"),
                      "docs/sv/om.md", 11),
    "script-source": (lambda s: setattr(s.page("sv", ""), "head", '<script src="assets/site.css"></script>'),
                      "site/index.html", 9),
    "link-unsafe": (lambda s: add(s.page("ar", ""), '<p><a href="javascript:alert(1)">اقرأ المزيد عن الموضوع</a></p>',
                                  "[اقرأ المزيد عن الموضوع](javascript:alert(1))\n"),
                    "docs/ar/index.md", 12),
    # A stray quotation mark in an attribute, as a template that prints a value raw makes it.
    "html-valid": (lambda s: add(s.page("sv", ""), '<p class="a" class="b">Dubbelt attribut</p>', "Dubbelt attribut\n"),
                   "docs/sv/index.md", 9),
    "file-unsafe": (lambda s: s.extra_files.update({"assets/bild.svg": "<svg><script>alert(1)</script></svg>"}),
                    "site/assets/bild.svg", 1),
    "csp-present": (lambda s: setattr(s.page("sv", "om/"), "edit", replace_html('http-equiv="Content-Security-Policy"', 'name="x"')),
                    "site/om/index.html", 3),
    "hreflang-alternates": (lambda s: setattr(s.page("ar", ""), "edit", replace_html('<link rel="alternate" hreflang="sv" href="/">', "")),
                            "site/ar/index.html", 3),
    "switcher-same-page": (lambda s: setattr(s.page("sv", "om/"), "edit", replace_html('<a href="/ar/om/"', '<a href="/ar/"')),
                           "site/om/index.html", 12),
    # The build writes the link (a page cannot), so the finding points at the built page.
    "pdf-size-missing": (lambda s: add(s.page("sv", "om/"), '<p class="trygg-pdf"><a href="../assets/site.css">'
                                       'Ladda ner<!--trygg-pdf-size:pdf/x.pdf--></a></p>', ""),
                         "site/om/index.html", 7),
    "translation-notice": (lambda s: setattr(s.page("ar", "om/"), "front", "translation:\n  status: machine\n"),
                           "docs/ar/om.md", 3),
    # A folder with the assets but no page: a build that stopped half-way.
    "site-empty": (lambda s: s.pages.clear(), "site", 1),
}


def test_every_static_rule_has_a_failing_case():
    # Browser rules (browser, reader): test_check_browser.py; external links:
    # test_check_external.py.
    static = {rule.id for rule in RULES.values()
              if rule.family not in ("browser", "reader", "external")}
    assert static - set(CASES) == set()


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_fails_on_its_fixture_with_file_and_line(tmp_path, rule):
    mutate, path, line = CASES[rule]
    site = clean_site()
    mutate(site)
    found = findings(tmp_path, site)
    assert (rule, path, line) in found, found
    assert {r for r, _, _ in found} == {rule}, found


def test_foreign_text_marked_in_a_child_with_its_own_lang_passes(tmp_path):
    # A source in a translation's list: the Swedish title and publisher carry lang="sv",
    # the rest of the item is in the page's language; the item itself has no lang.
    site = clean_site()
    add(site.page("ar", "om/"), '<ul><li><a href="https://example.org/"><span lang="sv" dir="ltr">'
        "Så rekryterar kriminella dig som ung</span></a>, <span lang=\"sv\" dir=\"ltr\">"
        "Polismyndigheten</span>. تاريخ التحقق: 30 نوفمبر 2026.</li></ul>", "")
    assert findings(tmp_path, site) == []
    unmarked = clean_site()
    add(unmarked.page("ar", "om/"), "<ul><li>Så rekryterar kriminella dig som ung, "
        "Polismyndigheten. تاريخ التحقق: 30 نوفمبر 2026.</li></ul>", "")
    assert [f[0] for f in findings(tmp_path / "b", unmarked)] == ["foreign-text-lang"]


def test_a_vague_text_on_a_link_to_another_website_is_found_too(tmp_path):
    # Found by the review: the words a screen reader hears after the link ("(link to another
    # website)") hid the editor's "klicka här" from the rule.
    site = clean_site()
    add(site.page("sv", ""), '<p><a href="https://www.polisen.se/" class="trygg-external" '
        'rel="noreferrer">klicka här<span class="trygg-external__mark" aria-hidden="true">'
        '</span><span class="trygg-visually-hidden"> (länk till annan webbplats)</span></a></p>',
        "[klicka här](https://www.polisen.se/)\n")
    assert ("link-text-vague", "docs/sv/index.md", 9) in findings(tmp_path, site)


def test_a_missing_or_empty_site_folder_is_an_error_that_says_to_build_first(tmp_path):
    # A CI job whose site download failed must not pass on a check of nothing.
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "languages.yml").write_text(
        "languages:\n  - code: sv\n    status: ready\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for folder, state in (("missing", "does not exist"), ("empty", "has no pages")):
        found = [f for f in check_site(tmp_path / folder, tmp_path) if f.severity == "error"]
        assert [(f.path, f.line, f.rule) for f in found] == [(folder, 1, "site-empty")]
        assert state in found[0].message and "make site" in found[0].message
