"""Material's stylesheet trimmed to what the site uses: which rules go, and that the built
site links the trimmed file and looks exactly as it does with Material's whole stylesheet."""

import re
import shutil
from pathlib import Path

import material
import pytest
import tinycss2
from selectolax.lexbor import LexborHTMLParser

from trygg.stylesheet_trim import MAIN, STYLESHEETS, joined_pieces, trim, trim_site

# Material's own stylesheet, as its package ships it and MkDocs copies it into the site.
MATERIAL = next(p for p in (Path(material.__file__).parent / "templates" / STYLESHEETS).iterdir()
                if MAIN.match(p.name))


@pytest.mark.parametrize("css, used, script, expected", [
    # A rule whose one selector needs a class nothing has goes; one that a page has stays.
    (".a{x:1}.b{x:2}", {"a"}, "", ".a{x:1}"),
    # Every class of a compound selector must exist, anywhere in it.
    ("div.a.b>p{x:1}.a .b{x:2}", {"a"}, "", ""),
    # A list with one live selector is kept whole, dead selectors and all.
    (".dead,.a p{x:1}", {"a"}, "", ".dead,.a p{x:1}"),
    ("[dir=rtl] .dead,.dead2{x:1}", {"a"}, "", ""),
    # No class at all: kept (elements, attributes, :root, *).
    ("html{x:1}[data-md-toggle=drawer]:checked~*{x:2}:root{--c:1}", set(), "",
     "html{x:1}[data-md-toggle=drawer]:checked~*{x:2}:root{--c:1}"),
    # What is inside :is(), :where(), :not(), :has() never decides: a dead class inside
    # :not() matches everything.
    (".a :is(.dead,.dead2){x:1}:not(.dead){x:2}.a:has(.dead){x:3}", {"a"}, "",
     ".a :is(.dead,.dead2){x:1}:not(.dead){x:2}.a:has(.dead){x:3}"),
    # ... but a dead class beside it, at the top level, does.
    (".dead:is(.a,.b){x:1}:where(.a) .dead{x:2}", {"a", "b"}, "", ""),
    # @media and @supports are trimmed inside and dropped when emptied.
    ("@media (min-width:1px){.dead{x:1}}@supports (display:grid){.dead{x:1}.a{x:2}}", {"a"},
     "", "@supports (display:grid){.a{x:2}}"),
    ("@media print{@media (min-width:1px){.dead{x:1}}}.a{x:1}", {"a"}, "", ".a{x:1}"),
    # Every other at-rule is kept as it is.
    ("@charset \"UTF-8\";@keyframes spin{0%{x:1}to{x:2}}@font-face{font-family:f}"
     "@page{margin:0}", set(), "",
     "@charset \"UTF-8\";@keyframes spin{0%{x:1}to{x:2}}@font-face{font-family:f}"
     "@page{margin:0}"),
    # A class a script names, in any string, stays: the script adds it.
    (".md-search-result__item{x:1}.dead{x:2}", set(),
     'x("li",{class:"md-search-result__item"})', ".md-search-result__item{x:1}"),
    # A class a script builds from a piece and a value stays, by its piece.
    (".md-tag--warn{x:1}.md-x--active{x:2}.md-y-z{x:3}.dead{x:4}", set(),
     "`md-tag--${a[c]}` + e+\"--active\"; 'md-y-'+k", ".md-tag--warn{x:1}.md-x--active{x:2}"
     ".md-y-z{x:3}"),
    # Escaped class names are compared as the page writes them.
    (r".sm\:hidden{x:1}.lg\:hidden{x:2}", {"sm:hidden"}, "", r".sm\:hidden{x:1}"),
    # No source map is published with the trimmed sheet.
    (".a{x:1}/*# sourceMappingURL=main.57a0d79d.min.css.map*/", {"a"}, "", ".a{x:1}"),
])
def test_trim_drops_only_rules_no_page_can_use(css, used, script, expected):
    assert trim(css, used, script) == expected


def test_a_piece_too_short_to_be_a_class_keeps_nothing():
    # "-" + x and "m" + x are everywhere in minified code: they would keep every class.
    assert joined_pieces('a="-"+b;c="m"+d;e=`${f}-`') == (frozenset(), frozenset())


def test_materials_stylesheet_comes_back_whole_when_every_class_is_used():
    css = MATERIAL.read_text("utf-8")
    every_class = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", css))
    # Whole, as tinycss2 writes it: that differs from Material's bytes in two places a
    # browser reads the same way (`1n/**/+2` for `1n+2`, `<` for `\3c ` in a string).
    assert trim(css, every_class, "") == tinycss2.serialize(tinycss2.parse_stylesheet(css))


def _site_files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_same_site_gives_the_same_trimmed_file(i18n_site, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(i18n_site, first)
    shutil.copytree(i18n_site, second)
    name = trim_site(first)
    assert trim_site(second) == name
    assert _site_files(first) == _site_files(second)
    # Trimming a trimmed site changes nothing.
    assert trim_site(first) == name
    assert _site_files(first) == _site_files(second)


def _stylesheet_links(site):
    """Each page's links to a stylesheet called main.*: (folder, file name)."""
    links = {}
    for page in site.rglob("*.html"):
        hrefs = [node.attributes["href"] for node in
                 LexborHTMLParser(page.read_text("utf-8")).css("link[rel=stylesheet][href]")]
        links[page] = [href.rpartition("/")[::2] for href in hrefs
                       if href.rpartition("/")[2].startswith("main.")]
    return links


def test_every_page_links_the_trimmed_file_and_none_the_old(real_site):
    old = MATERIAL.name
    trimmed = [p for p in (real_site / STYLESHEETS).iterdir() if MAIN.match(p.name)]
    assert len(trimmed) == 1 and trimmed[0].name != old
    css = trimmed[0].read_text("utf-8")
    assert "sourceMappingURL" not in css
    assert len(css) < 0.8 * len(MATERIAL.read_text("utf-8"))
    assert not (real_site / STYLESHEETS / (old + ".map")).exists()
    assert not (real_site / STYLESHEETS / old).exists()
    links = _stylesheet_links(real_site)
    assert len(links) >= 250 and {"404.html", "ar/404.html"} <= {
        p.relative_to(real_site).as_posix() for p in links}
    for page, found in links.items():
        assert [name for _, name in found] == [trimmed[0].name], page
        # The link leads to the file from where the page is.
        folder, name = found[0]
        target = (real_site / folder.lstrip("/") / name if folder.startswith("/")
                  else page.parent / folder / name)
        assert target.resolve() == trimmed[0].resolve(), page
    assert not [p for p in real_site.rglob("*") if p.is_file() and p.suffix != ".pdf"
                and old.encode() in p.read_bytes()]
