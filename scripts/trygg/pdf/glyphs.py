"""Every letter of a PDF set in one of the PDFs' own fonts, with a glyph for it.

WeasyPrint draws a letter that no font has as an empty box (.notdef), and a letter its
fonts lack in whatever font the machine happens to have: both make a PDF that looks right
on one machine and wrong on another. ``set_letters`` reads, from a laid-out WeasyPrint
document, the font Pango chose for every character (the glyphs that go into the PDF);
``painted_letters`` reads the same from what WeasyPrint noted while writing the PDF, without
the chapters and at a fraction of the cost; ``unset_letters`` is pure and turns what is wrong
into problems an editor can act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem

FONT_FACE_FAMILY = re.compile(r"@font-face\s*{[^}]*?font-family:\s*\"([^\"]+)\"", re.S)
FONT_FACE_FILE = re.compile(r"@font-face\s*{[^}]*?src:\s*url\(file://([^)]+)\)", re.S)
CHAPTER = re.compile(r"p(\d+)")  # books.assemble's chapter ids: p1, p2 …


@dataclass(frozen=True)
class SetLetter:
    """One character as the PDF sets it."""
    char: str
    family: str        # the font family Pango set it in
    missing: bool      # no glyph in that font: drawn as an empty box
    chapter: int | None  # the book's chapter (1-based), None on the cover and contents


@dataclass(frozen=True)
class Sources:
    """Where a book's text comes from, for naming it in a problem."""
    root: Path
    chapters: tuple[Path, ...]  # each chapter's Markdown page, in book order
    front: Path                 # the cover and contents: the language's UI strings


def book_sources(root: Path, lang_code: str, source_code: str, pages: tuple[str, ...]
                 ) -> Sources:
    """A page not translated yet is shown (and printed) in the source language."""
    def page(path: str) -> Path:
        own = root / "docs" / lang_code / path
        return own if own.exists() else root / "docs" / source_code / path
    return Sources(root, tuple(page(p) for p in pages),
                   root / "translations" / f"{lang_code}.yml")


def book_families(stylesheet: str) -> frozenset[str]:
    """The families the stylesheet brings by file: the only fonts a PDF may use."""
    return frozenset(FONT_FACE_FAMILY.findall(stylesheet))


def book_font_files(stylesheet: str) -> list[Path]:
    """The font files the stylesheet names."""
    return [Path(path) for path in FONT_FACE_FILE.findall(stylesheet)]


def _name(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})"


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _line_of(path: Path, char: str) -> int:
    """The first line of the Markdown page with the character (1 when it is not there:
    the letter then comes from a shared text, such as a contact or a UI string)."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if char in line:
                return number
    except OSError:
        pass
    return 1


def unset_letters(letters: Iterable[SetLetter], families: frozenset[str], pdf_name: str,
                  sources: Sources) -> list[Problem]:
    """One problem per letter, font and page that is not set in one of ``families``."""
    seen, problems = set(), []
    fix = ("write the text without it, or give the PDFs a font that has it: an @font-face "
           "for its file in scripts/trygg/pdf/book.css, and its Debian package in "
           "scripts/trygg/system.py")
    for letter in letters:
        if not letter.missing and letter.family in families:
            continue
        in_chapter = letter.chapter and letter.chapter <= len(sources.chapters)
        source = sources.chapters[letter.chapter - 1] if in_chapter else sources.front
        key = (letter.char, letter.family, letter.missing, source)
        if key in seen:
            continue
        seen.add(key)
        if letter.missing:
            rule, what = "pdf-glyph-missing", (
                f"{_name(letter.char)} is set in {letter.family}, which has no glyph for it "
                f"(nor has any font the PDFs bring), so {pdf_name} shows an empty box")
        else:
            rule, what = "pdf-font-fallback", (
                f"{_name(letter.char)} is in none of the fonts book.css gives this text, so "
                f"{pdf_name} took it from {letter.family}, found on this machine by chance")
        problems.append(Problem(_shown(source, sources.root),
                                _line_of(source, letter.char), rule, f"{what}; {fix}"))
    return problems


def set_letters(document) -> Iterator[SetLetter]:
    """Every visible character of a rendered WeasyPrint ``Document``, with its font."""
    from weasyprint.formatting_structure.boxes import ParentBox, TextBox
    from weasyprint.text.ffi import ffi, pango

    def walk(box, chapter):
        element = getattr(box, "element", None)
        if element is not None and "chapter" in (element.get("class") or "").split():
            match = CHAPTER.fullmatch(element.get("id") or "")
            chapter = int(match.group(1)) if match else chapter
        if isinstance(box, TextBox):
            if box.text.strip() and box.style["visibility"] == "visible":
                yield from line_letters(box, chapter)
        elif isinstance(box, ParentBox):
            for child in box.all_children():
                yield from walk(child, chapter)

    def line_letters(box, chapter):
        # The same steps as WeasyPrint's draw_text and draw_first_line, which write these
        # glyphs into the PDF: WeasyPrint frees each line's Pango layout after laying it
        # out and shapes it again to draw it.
        layout = box.pango_layout
        layout.reactivate(box.style)
        try:
            pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
            line, _ = layout.get_first_line()
            yield from run_letters(line, layout.text.encode(), chapter)
        finally:
            layout.deactivate()

    def run_letters(line, utf8, chapter):
        run = line.runs[0]
        while run != ffi.NULL:
            item, glyphs = run.data.item, run.data.glyphs
            run = run.next
            description = pango.pango_font_describe_with_absolute_size(item.analysis.font)
            family = ffi.string(pango.pango_font_description_get_family(description)).decode()
            pango.pango_font_description_free(description)
            count = glyphs.num_glyphs
            for i in range(count):
                glyph = glyphs.glyphs[i].glyph
                if glyph == pango.PANGO_GLYPH_EMPTY:
                    continue
                if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                    yield SetLetter(chr(glyph - pango.PANGO_GLYPH_UNKNOWN_FLAG), family, True,
                                    chapter)
                    continue
                start = glyphs.log_clusters[i]
                if item.analysis.level % 2:  # right to left: clusters run backwards
                    end = item.length if i == 0 else glyphs.log_clusters[i - 1]
                else:
                    end = item.length if i == count - 1 else glyphs.log_clusters[i + 1]
                text = utf8[item.offset + start:item.offset + end].decode(errors="replace")
                for char in _letters(text):
                    yield SetLetter(char, family, False, chapter)

    for page in document.pages:
        yield from walk(page._page_box, None)


def _letters(text: str) -> Iterator[str]:
    """The characters that show: spaces and format characters draw nothing to check."""
    return (char for char in text if not char.isspace() and unicodedata.category(char) != "Cf")


def painted_letters(document) -> Iterator[SetLetter]:
    """Every letter a WeasyPrint ``Document`` drew into its PDF, with its font, once
    ``write_pdf`` has run (the chapter is not known: None).

    While drawing, WeasyPrint keeps for each font the text of every glyph it drew (to make
    the text extractable) and each letter the font had no glyph for (drawn as an empty
    box). It keeps one text per glyph: a letter drawn with the same glyph as another (a
    no-break space and a space) may not be listed, but every glyph of a font is, so a
    font outside the PDFs' own is always seen."""
    for font in document.fonts.values():
        boxes = set(font.missing.values())  # the ids WeasyPrint gave the empty boxes
        for codepoint in font.missing:
            yield SetLetter(chr(codepoint), font.family, True, None)
        for glyph, text in font.to_unicode.items():
            if glyph not in boxes:
                for char in _letters(text):
                    yield SetLetter(char, font.family, False, None)
