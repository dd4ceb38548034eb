"""Every letter of every PDF in one of the PDFs' own fonts (named by file in book.css): a
letter none of them has stops the build, naming the PDF, the page, the letter and the font;
and a machine's own fonts change nothing in a PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_python
from trygg.languages import load_languages
from trygg.pdf.books import PdfFailed, project_books
from trygg.pdf.build import site_url_of
from trygg.pdf.books import assemble
from trygg.pdf.glyphs import (SetLetter, Sources, book_families, book_font_files, book_sources,
                              painted_letters, set_letters, unset_letters)
from trygg.pdf.render import STYLESHEET, VARIANT, lay_out, render_pdf
from trygg.strings import ui_strings
from trygg.validate import nav_entries

PROJECT = FIXTURES / "pdf-glyphs"  # docs/sv/sida.md: a Georgian and a Linear B letter
PAGE = ('<!DOCTYPE html><html lang="sv" data-script="Latn"><head><title>Bokstäver</title>'
        '</head><body><p>Trygga barn</p><section class="chapter" id="p1"><h1>Bokstäver</h1>'
        '<p>Svenska, español, Türkçe och ትግርኛ. Georgiska ა. Linear B 𐀀.</p></section></body></html>')
RENDER = """
import sys
import re
from pathlib import Path
from trygg.pdf.books import PdfFailed
from trygg.pdf.glyphs import Sources
from trygg.pdf.render import render_pdf
root, target = Path(sys.argv[1]), Path(sys.argv[2])
try:
    render_pdf(sys.argv[3], target.parents[1], target, Sources(root, (root / "docs/sv/sida.md",),
                                                  root / "translations/sv.yml"))
except PdfFailed as error:
    print(error)
"""

# The guide in one language from a built site, as make_pdfs makes it.
GUIDE = """
import sys
import re
from pathlib import Path
from trygg.languages import load_languages
from trygg.pdf.books import assemble, project_books
from trygg.pdf.build import site_url_of
from trygg.pdf.render import render_pdf
from trygg.strings import ui_strings
from trygg.validate import nav_entries
root, site, code, target = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
languages = load_languages(root)
book = next(b for b in project_books(root, languages, nav_entries(root))
            if b.kind == "guide" and b.lang.code == code)
ui = ui_strings(root, languages, book.lang)
render_pdf(assemble(site, book, ui, site_url_of(site, book)), site, target)
"""


def test_the_pdfs_fonts_are_named_by_file_in_book_css():
    css = STYLESHEET.read_text(encoding="utf-8")
    assert book_families(css) == {"Book Noto Sans", "Book Noto Naskh Arabic",
                                  "Book Noto Sans Ethiopic"}
    files = book_font_files(css)
    assert len(files) == 6 and all(path.is_file() for path in files), files  # regular and bold


def test_without_the_font_files_no_pdf_is_made_and_the_package_is_named(tmp_path, monkeypatch):
    css = tmp_path / "book.css"
    css.write_text('@font-face { font-family: "Book Noto Sans"; '
                   f'src: url(file://{tmp_path}/NotoSans-Regular.ttf); }}')
    monkeypatch.setattr("trygg.pdf.render.STYLESHEET", css)
    with pytest.raises(PdfFailed, match=r"x\.pdf: the PDFs' fonts are not installed .*"
                                        r"NotoSans-Regular\.ttf.* fonts-noto-core"):
        render_pdf(PAGE, tmp_path, tmp_path / "x.pdf")


def test_a_letter_no_font_of_the_pdfs_has_stops_the_pdf_naming_page_letter_and_font(tmp_path):
    target = tmp_path / "pdf" / "bokstaver-sv.pdf"
    result = run_python(RENDER, str(PROJECT), str(target), PAGE)  # a machine with only DejaVu
    assert result.returncode == 0, result.stderr
    problems = result.stdout.splitlines()
    fix = ("write the text without it, or give the PDFs a font that has it: an @font-face "
           "for its file in scripts/trygg/pdf/book.css, and its Debian package in "
           "scripts/trygg/system.py")
    assert problems == [
        "docs/sv/sida.md:9: pdf-font-fallback: 'ა' (U+10D0 GEORGIAN LETTER AN) is in none of "
        "the fonts book.css gives this text, so pdf/bokstaver-sv.pdf took it from DejaVu Sans, "
        f"found on this machine by chance; {fix}",
        "docs/sv/sida.md:11: pdf-glyph-missing: '𐀀' (U+10000 LINEAR B SYLLABLE B008 A) is set "
        "in Book Noto Sans, which has no glyph for it (nor has any font the PDFs bring), so "
        f"pdf/bokstaver-sv.pdf shows an empty box; {fix}"]
    assert not target.exists()  # no PDF with holes is written


def test_a_letter_drawn_outside_the_lines_is_checked_too(tmp_path):
    # A list's bullet is drawn but is not on any line the walk of the laid-out lines reads:
    # the fonts WeasyPrint filled while writing the PDF have it. It is named by the UI
    # strings file, as the letters of the cover are.
    page = ('<!DOCTYPE html><html lang="sv" data-script="Latn"><head><title>Lista</title>'
            '</head><body><section class="chapter" id="p1"><h1>Lista</h1>'
            """<ul style="list-style-type: '♥ '"><li>Ett</li><li>Två</li></ul></section>"""
            '</body></html>')
    target = tmp_path / "pdf" / "lista-sv.pdf"
    result = run_python(RENDER, str(PROJECT), str(target), page)  # a machine with only DejaVu
    assert result.returncode == 0, result.stderr
    [problem] = result.stdout.splitlines()
    # Which of the DejaVu faces fontconfig picks for it is fontconfig's choice.
    assert re.fullmatch(
        r"translations/sv\.yml:1: pdf-font-fallback: '♥' \(U\+2665 BLACK HEART SUIT\) is in "
        r"none of the fonts book\.css gives this text, so pdf/lista-sv\.pdf took it from "
        r"DejaVu [^,]+, found on this machine by chance; write the text without it, .*",
        problem), problem
    assert not target.exists()


@pytest.mark.parametrize("code", ["ar", "ti"])
def test_the_fonts_written_into_the_pdf_have_every_letter_the_lines_have(real_site, code):
    """The check reads the letters from the fonts WeasyPrint fills while writing the PDF, and
    walks the lines only to name the page of a wrong one: both must see the same letters."""
    book = next(b for b in project_books(ROOT, load_languages(ROOT), nav_entries(ROOT))
                if b.kind == "guide" and b.lang.code == code)
    ui = ui_strings(ROOT, load_languages(ROOT), book.lang)
    document = lay_out(assemble(real_site, book, ui, site_url_of(real_site, book)), real_site)
    walked = {(letter.char, letter.family, letter.missing) for letter in set_letters(document)}
    document.write_pdf(pdf_variant=VARIANT)
    painted = {(letter.char, letter.family, letter.missing)
               for letter in painted_letters(document)}
    script = "Book Noto Naskh Arabic" if code == "ar" else "Book Noto Sans Ethiopic"
    assert len({char for char, family, _ in walked if family == script}) > 30
    assert walked <= painted
    assert painted - walked == {("•", "Book Noto Sans", False)}  # the lists' bullets


def test_letters_the_pdfs_fonts_have_pass_and_each_problem_is_told_once():
    sources = Sources(PROJECT, (PROJECT / "docs/sv/sida.md",), PROJECT / "translations/sv.yml")
    families = frozenset({"Book Noto Sans"})
    fine = [SetLetter("å", "Book Noto Sans", False, 1),
            SetLetter("T", "Book Noto Sans", False, None)]
    assert unset_letters(fine, families, "x.pdf", sources) == []
    wrong = [SetLetter("ა", "DejaVu Sans", False, 1)] * 3 + [
        SetLetter("ა", "DejaVu Sans", False, None)]
    problems = unset_letters(wrong, families, "x.pdf", sources)
    # Once for the chapter's page, once for the cover (the language's UI strings).
    assert [(p.path, p.line, p.rule) for p in problems] == [
        ("docs/sv/sida.md", 9, "pdf-font-fallback"),
        ("translations/sv.yml", 1, "pdf-font-fallback")]


def test_an_untranslated_chapter_is_named_by_its_source_language_page(tmp_path):
    (tmp_path / "docs" / "sv" / "a").mkdir(parents=True)
    (tmp_path / "docs" / "sv" / "a" / "b.md").write_text("x")
    (tmp_path / "docs" / "ti" / "a").mkdir(parents=True)
    (tmp_path / "docs" / "ti" / "a" / "c.md").write_text("x")
    sources = book_sources(tmp_path, "ti", "sv", ("a/b.md", "a/c.md"))
    assert sources.chapters == (tmp_path / "docs/sv/a/b.md", tmp_path / "docs/ti/a/c.md")
    assert sources.front == tmp_path / "translations/ti.yml"


NOTO = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")  # fonts-noto-core


@pytest.mark.skipif(not NOTO.exists(), reason="compares with a machine that has Debian's Noto")
@pytest.mark.parametrize("code", ["ar", "ti"])
def test_a_machine_with_noto_installed_makes_the_same_pdf_as_one_with_only_dejavu(
        real_site, tmp_path, code):
    """real_site's PDFs were made with fontconfig seeing only DejaVu; here it sees all of this
    machine's fonts, Debian's Noto among them: the PDFs name their fonts by file."""
    book = next(b for b in project_books(ROOT, load_languages(ROOT), nav_entries(ROOT))
                if b.kind == "guide" and b.lang.code == code)
    target = tmp_path / book.file_name
    made = run_python(GUIDE, str(ROOT), str(real_site), code, str(target), fonts=None)
    assert made.returncode == 0, made.stderr
    assert target.read_bytes() == (real_site / book.site_path).read_bytes()


def test_the_web_pages_name_the_pdfs_fonts_first():
    """A page and its PDF look alike where the reader has Noto (site.css's stacks)."""
    css = (ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    first = {selector.strip(): stack.split(",")[0].strip().strip('"') for selector, stack in
             re.findall(r"([^{}]+)\{\s*--md-text-font-family:\s*([^;]+);", css)}
    book = {name.removeprefix("Book ") for name in
            book_families(STYLESHEET.read_text(encoding="utf-8"))}
    assert first == {':root': "Noto Sans",
                     '[lang="ar"], [lang="fa"], [lang="ckb"]': "Noto Naskh Arabic",
                     '[lang="ti"]': "Noto Sans Ethiopic"}
    assert set(first.values()) == book


@pytest.mark.parametrize("script, text", [("Latn", "Tryck <kbd>Ctrl</kbd> och <kbd>W</kbd>."),
                                          ("Ethi", "ትግርኛ <kbd>Ctrl</kbd>")])
def test_keys_and_code_are_set_in_the_pdfs_own_fonts(tmp_path, script, text):
    # Found by the review: <kbd> (allowed in pages) and a code block took the browser's
    # monospace font, which the PDFs do not bring, and stopped the build.
    page = (f'<!DOCTYPE html><html lang="sv" data-script="{script}"><head><title>Tangenter'
            '</title></head><body><section class="chapter" id="p1"><h1>Tangenter</h1>'
            f'<p>{text}</p><pre><code>make site</code></pre></section></body></html>')
    target = tmp_path / "pdf" / "tangenter-sv.pdf"
    result = run_python(RENDER, str(PROJECT), str(target), page)  # a machine with only DejaVu
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # no letter outside the PDFs' fonts
    assert target.exists()
