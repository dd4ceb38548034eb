"""The PDFs: the parent guide and each checklist in every language, tagged, with language,
title and bookmarks, real text in each language's own script, linked from their pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from conftest import ARTIFACTS, ROOT, run_python
from trygg.build import BuildFailed, make_pdfs
from trygg.languages import load_languages
from trygg.pdf.books import (Book, PdfFailed, assemble, html_path, project_books, resolve,
                              rewrite_links)
from trygg.pdf.links import format_size
from trygg.pdf.render import render_pdf
from trygg.validate import nav_entries

LANGUAGES = load_languages(ROOT)
BOOKS = project_books(ROOT, LANGUAGES, nav_entries(ROOT))
SITE_URL = "https://trygga-barn.example/"


def ui(code: str) -> dict:
    return yaml.safe_load((ROOT / "translations" / f"{code}.yml").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """Text as words: compatibility forms (Arabic presentation forms) folded, vowel marks and
    invisible joiners (Persian's zero-width non-joiner has no glyph to extract) dropped,
    whitespace collapsed, so extracted PDF text compares with the page's text."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Cf"))
    return re.sub(r"\s+", " ", text).strip()


def h1_of(site: Path, lang, page: str) -> str:
    tree = LexborHTMLParser((site / html_path(lang, page)).read_text(encoding="utf-8"))
    return tree.css_first("article h1").text(strip=True)


def books(kind: str) -> list[Book]:
    return [b for b in BOOKS if b.kind == kind]


def test_the_project_offers_the_guide_and_both_checklists_in_every_language():
    stems = {(b.lang.code, b.stem) for b in BOOKS}
    assert stems == {(lang.code, stem) for lang in LANGUAGES for stem in (
        "gangsnacket", "checklista-trygghetsvandring", "checklista-kartlaggning")}
    guide = books("guide")[0]
    assert guide.pages[0] == "gangsnacket/index.md" and len(guide.pages) == 7


@pytest.mark.parametrize("book", books("guide"), ids=lambda b: b.lang.code)
def test_the_guide_pdf_has_every_chapter_heading_in_its_language(real_site, book):
    reader = PdfReader(real_site / book.site_path)
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    for page in book.pages:
        assert plain(h1_of(real_site, book.lang, page)) in text
    assert plain(ui(book.lang.code)["pdf.contents"]) in text


@pytest.mark.parametrize("book", books("checklist"), ids=lambda b: b.file_name)
def test_a_checklist_pdf_is_the_whole_form_in_its_language(real_site, book):
    from trygg.checklists import load_checklists

    checklist = load_checklists(ROOT)[book.stem.removeprefix("checklista-")]
    texts, strings = checklist.text[book.lang.code], ui(book.lang.code)
    reader = PdfReader(real_site / book.site_path)
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    questions = [texts[f"aspect.{key}.question"] if checklist.kind == "walk"
                 else texts[f"area.{group}.{key}"]
                 for group, _, items in checklist.items() for _, key in items]
    expected = [texts["title"], strings["checklist.school"], strings["checklist.date"],
                strings["checklist.participants"], strings["checklist.note"],
                strings["checklist.yes"], strings["checklist.no"], strings["checklist.unchecked"],
                *(texts[group_key] for _, group_key, _ in checklist.items()), *questions]
    assert [t for t in expected if plain(t) not in text] == []
    # On paper the form is empty and has no screen-only parts.
    assert plain(strings["checklist.not_saved"]) not in text
    assert plain(strings["checklist.clear"]) not in text


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.file_name)
def test_each_pdf_is_tagged_with_its_language_title_and_bookmarks(real_site, book):
    reader = PdfReader(real_site / book.site_path)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == book.lang.code
    assert catalog["/MarkInfo"]["/Marked"] == True and "/StructTreeRoot" in catalog  # noqa: E712
    # Readers show the title, not the file name (PDF/UA).
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    strings = ui(book.lang.code)
    first = h1_of(real_site, book.lang, book.pages[0])
    name = strings["pdf.guide_title"] if book.kind == "guide" else first
    assert reader.metadata.title == f"{name} – {strings['site.name']}"
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    chapters = [h1_of(real_site, book.lang, page) for page in book.pages]
    assert top == ([strings["pdf.contents"]] if book.kind == "guide" else []) + chapters
    # The tags say what each part is: a heading per chapter, and in the guide lists and
    # links; in a checklist a heading per place or area (a bookmark each, too).
    roles = _roles(catalog["/StructTreeRoot"])
    assert roles["/H1"] == len(top), roles
    if book.kind == "guide":
        assert roles["/L"] > 0 and roles["/LI"] > 0 and roles["/Link"] > 0, roles
    else:
        # Eight places or areas, a heading and a bookmark each, then the page's sources.
        sections = [item.title for item in reader.outline[-1]]
        assert roles["/H2"] == 9 == len(sections), roles
        assert sections[-1] == strings["sources.title"]


def _roles(node, counts=None):
    from collections import Counter

    counts = Counter() if counts is None else counts
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            counts[str(node["/S"])] += 1
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            _roles(kid, counts)
    return counts


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used, by name, and whether the font file is embedded."""
    found = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"]).replace("-", "")] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


# "Book …" are the faces book.css names by file, never a font fontconfig found by name.
@pytest.mark.parametrize("code, family", [
    ("sv", "+BookNotoSans"), ("ar", "BookNotoNaskhArabic"), ("fa", "BookNotoNaskhArabic"),
    ("ckb", "BookNotoNaskhArabic"), ("ti", "BookNotoSansEthiopic")])
def test_text_is_set_in_an_embedded_font_with_the_languages_letters(real_site, code, family):
    book = next(b for b in books("guide") if b.lang.code == code)
    fonts = _fonts(PdfReader(real_site / book.site_path))
    assert all(fonts.values()), fonts  # PDF/UA: every font embedded
    assert any(family in name for name in fonts), fonts


def _dark_columns(png: Path) -> list[tuple[int, int]]:
    """(leftmost, rightmost) dark pixel of each line of text on a rendered page."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    rows = []
    for y in range(height):
        dark = [x for x in range(width) if pixels[x, y] < 128]
        if dark:
            rows.append((dark[0], dark[-1]))
    return rows


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm (Debian's poppler-utils, installed by .ci/run) is missing")
@pytest.mark.parametrize("code", ["sv", "ar", "ti"])
def test_first_pages_render_and_run_in_the_languages_direction(real_site, code):
    """The cover and the first chapter as PNGs in tests/artifacts/pdf/ to look at; on the
    chapter page the lines of an Arabic page share their right edge, the others their left."""
    book = next(b for b in books("guide") if b.lang.code == code)
    reader = PdfReader(real_site / book.site_path)
    chapter = next(item for item in reader.outline if not isinstance(item, list)
                   and item.title == h1_of(real_site, book.lang, book.pages[0]))
    first = reader.get_destination_page_number(chapter) + 1
    out = ARTIFACTS / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    for name, number in (("cover", 1), ("chapter", first)):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number),
                        "-singlefile", str(real_site / book.site_path),
                        str(out / f"{book.stem}-{code}-{name}")], check=True)
    cover = _dark_columns(out / f"{book.stem}-{code}-cover.png")
    assert len(cover) > 20  # the cover is not blank
    rows = _dark_columns(out / f"{book.stem}-{code}-chapter.png")
    lefts, rights = {left for left, _ in rows}, {right for _, right in rows}
    # Most lines start at the margin on the reading side; the other side is ragged.
    start, end = (rights, lefts) if code == "ar" else (lefts, rights)
    common_start = max(sum(1 for r in rows if abs((r[1] if code == "ar" else r[0]) - edge) <= 2)
                       for edge in start)
    common_end = max(sum(1 for r in rows if abs((r[0] if code == "ar" else r[1]) - edge) <= 2)
                     for edge in end)
    assert common_start > 2 * common_end, (code, common_start, common_end)


def test_pages_link_to_their_pdf_with_its_size_in_the_readers_language(real_site):
    for book in BOOKS:
        strings = ui(book.lang.code)
        label = strings["pdf.download_guide" if book.kind == "guide" else "pdf.download_checklist"]
        size = format_size((real_site / book.site_path).stat().st_size, book.lang.code)
        for page in book.pages:
            path = html_path(book.lang, page)
            tree = LexborHTMLParser((real_site / path).read_text(encoding="utf-8"))
            links = [a for a in tree.css("p.trygg-pdf a")
                     if a.attrs["href"].endswith(book.file_name)]
            assert [a.text() for a in links] == [f"{label} ({size})"], path
            assert links[0].parent.attrs["lang"] == book.lang.code  # even inside Swedish text
            target = (real_site / path).parent / links[0].attrs["href"]
            assert target.resolve() == (real_site / book.site_path).resolve()
            if book.kind == "checklist":  # found before the long form, not after it
                assert tree.css_first("p.trygg-pdf").next.next.tag == "form"


def test_a_guide_chapter_links_to_other_chapters_inside_the_pdf_and_to_the_web_otherwise(real_site):
    book = next(b for b in books("guide") if b.lang.code == "ar")
    document = assemble(real_site, book, ui("ar"), SITE_URL)
    tree = LexborHTMLParser(document)
    ids = [node.attrs["id"] for node in tree.css("[id]")]
    assert len(ids) == len(set(ids))
    hrefs = [a.attrs["href"] for a in tree.css("a[href]")]
    inside = [h for h in hrefs if h.startswith("#")]
    assert inside and all(h[1:] in ids for h in inside)
    assert all(h.startswith(("#", "https://", "http://", "tel:", "mailto:")) for h in hrefs), hrefs
    # The notice of a machine translation stays, pointing at the Swedish page on the web.
    assert f"{SITE_URL}gangsnacket/" in hrefs
    assert not tree.css(".trygg-share, .trygg-pdf, script, a.headerlink")


def test_the_same_pages_give_the_same_pdf(real_site, tmp_path):
    book = next(b for b in books("checklist") if b.lang.code == "ti")
    document = assemble(real_site, book, ui("ti"), SITE_URL)
    render_pdf(document, real_site, tmp_path / "one.pdf")
    render_pdf(document, real_site, tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
    reader = PdfReader(tmp_path / "one.pdf")
    # Nothing that changes from one build to the next: no dates, no random file identifier.
    assert not {"/CreationDate", "/ModDate"} & set(reader.metadata), reader.metadata
    assert "/ID" not in reader.trailer


# Three books rendered one after the other by one process, as a worker of the build does.
IN_TURN = """
import sys
from pathlib import Path
from trygg.languages import load_languages
from trygg.pdf.books import assemble, project_books
from trygg.pdf.build import site_url_of
from trygg.pdf.render import render_pdf
from trygg.strings import ui_strings
from trygg.validate import nav_entries
root, site, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
languages = load_languages(root)
books = project_books(root, languages, nav_entries(root))
for name in sys.argv[4:]:
    book = next(b for b in books if b.file_name == name)
    document = assemble(site, book, ui_strings(root, languages, book.lang), site_url_of(site, book))
    render_pdf(document, site, out / name)
"""


def test_a_pdf_is_the_same_whatever_its_process_rendered_before(real_site, tmp_path):
    """A process keeps book.css's fonts loaded from one PDF to the next (render.py): a PDF
    must not depend on which PDFs came before it."""
    names = ["gangsnacket-ti.pdf", "checklista-trygghetsvandring-ar.pdf",
             "checklista-kartlaggning-sv.pdf", "gangsnacket-ar.pdf"]
    made = run_python(IN_TURN, str(ROOT), str(real_site), str(tmp_path), *names)
    assert made.returncode == 0, made.stderr
    for name in names:
        book = next(b for b in BOOKS if b.file_name == name)
        assert (tmp_path / name).read_bytes() == (real_site / book.site_path).read_bytes(), name


def test_a_page_missing_from_the_build_fails_the_build_and_names_the_page(real_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    (site / "ar" / "gangsnacket" / "varningstecken" / "index.html").unlink()
    (site / "ti" / "gangsnacket" / "index.html").unlink()
    with pytest.raises(BuildFailed) as failed:
        make_pdfs(ROOT, site)
    # Every PDF that cannot be made is named, with the page an editor looks at.
    message = str(failed.value)
    assert "docs/ar/gangsnacket/varningstecken.md: the page was not built" in message
    assert "docs/ti/gangsnacket/index.md: the page was not built" in message


def test_a_book_without_an_article_names_the_file(real_site, tmp_path):
    site = tmp_path / "site"
    (site / "ti" / "gangsnacket").mkdir(parents=True)
    (site / "ti" / "gangsnacket" / "index.html").write_text("<html><body><p>x</p></body></html>")
    book = next(b for b in books("guide") if b.lang.code == "ti")
    with pytest.raises(PdfFailed, match=r"ti/gangsnacket/index.html: the page has no <article>"):
        assemble(site, Book(book.lang, "guide", book.stem, book.pages[:1]), ui("ti"), SITE_URL)


def test_a_pdf_takes_nothing_from_the_network_and_a_missing_file_stops_it(tmp_path):
    page = '<!DOCTYPE html><html lang="sv"><head><title>T</title></head><body><h1>T</h1>{}</body></html>'
    with pytest.raises(PdfFailed, match=r"x\.pdf: .*disallowed protocol: https://example\.org/a\.png"):
        render_pdf(page.format('<img src="https://example.org/a.png" alt="a">'), tmp_path,
                   tmp_path / "x.pdf")
    with pytest.raises(PdfFailed, match=r"y\.pdf: .*saknas\.png"):
        render_pdf(page.format('<img src="saknas.png" alt="a">'), tmp_path, tmp_path / "y.pdf")


@pytest.mark.parametrize("href, expected", [
    ("../om/#k", ("ar/om/", "", "k")),
    ("../pdf/a.pdf", ("ar/pdf/a.pdf", "", "")),           # a file keeps no "/"
    ("#k", ("ar/gangsnacket/", "", "k")),
    ("", ("ar/gangsnacket/", "", "")),
    ("/ar/om/", ("ar/om/", "", "")),                       # from the site root
    ("../../", ("", "", "")),
    ("../om/index.html", ("ar/om/", "", "")),
    ("../om/?a=1#k", ("ar/om/", "a=1", "k")),
    ("https://example.org/x", None), ("//example.org/x", None), ("tel:112", None),
])
def test_a_link_is_resolved_against_its_page(href, expected):
    assert resolve("ar/gangsnacket/", href) == expected


def test_links_ids_and_references_are_rewritten_for_the_book():
    article = LexborHTMLParser(
        '<article><h2 id="a">A</h2><p id="b" aria-describedby="a b">x</p>'
        '<a href="#a">1</a><a href="../om/#k">2</a><a href="../vad/#k">3</a>'
        '<a href="../pdf/f.pdf">4</a><a href="//example.org/">5</a><a href="tel:112">6</a>'
        '<a href="../vad/?q=1">7</a><label for="b">l</label><img src="../../assets/i.png" alt="i">'
        '</article>').css_first("article")
    rewrite_links(article, "p1", "ar/gangsnacket/tecken/", {"ar/gangsnacket/tecken/": "p1",
                                                            "ar/gangsnacket/vad/": "p2"}, SITE_URL)
    hrefs = [a.attrs["href"] for a in article.css("a")]
    assert hrefs == ["#p1-a", f"{SITE_URL}ar/gangsnacket/om/#k", "#p2-k",
                     f"{SITE_URL}ar/gangsnacket/pdf/f.pdf", "https://example.org/", "tel:112",
                     f"{SITE_URL}ar/gangsnacket/vad/?q=1"]
    assert [n.attrs["id"] for n in article.css("[id]")] == ["p1-a", "p1-b"]
    assert article.css_first("p").attrs["aria-describedby"] == "p1-a p1-b"
    assert article.css_first("label").attrs["for"] == "p1-b"
    assert article.css_first("img").attrs["src"] == "ar/assets/i.png"


def test_download_links_stay_out_of_search(real_site):
    import json

    for lang in LANGUAGES:
        index = json.loads((real_site / lang.prefix / "search" / "search_index.json")
                           .read_text("utf-8"))
        text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
        assert h1_of(real_site, lang, "gangsnacket/varningstecken.md") in text, lang.code
        assert ui(lang.code)["pdf.download_guide"] not in text, lang.code
