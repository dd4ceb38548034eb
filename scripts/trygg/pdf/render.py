"""Render an assembled book to a tagged PDF with WeasyPrint: the only module that imports it
(glyphs.py reads the laid-out document it hands over)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .books import PdfFailed
from .glyphs import (SetLetter, Sources, book_families, book_font_files, painted_letters,
                     set_letters, unset_letters)

STYLESHEET = Path(__file__).with_name("book.css")
# PDF/UA-1: tagged structure, the document title shown in the window, the language set,
# every font embedded. WeasyPrint calls its PDF/UA support experimental; the tests check
# what a reader's software relies on (tags, language, title, bookmarks, real text).
VARIANT = "pdf/ua-1"

# book.css with its fonts loaded, kept for the next PDF this process renders: loading the
# fonts of the @font-face rules and parsing the sheet cost 0.02 s a PDF, and Pango's font
# caches, which live as long as the font configuration, make the next PDF's layout and
# writing cheaper (1.5–1.9 CPU-s less for the site's 30 PDFs, measured 2026-12-01). The
# same inputs still give the same bytes, whatever was rendered before (tested). Keyed by
# the stylesheet's path and text, so a changed book.css is loaded again.
_loaded: dict[tuple[Path, str], tuple] = {}


def _stylesheet(css: str):
    """(FontConfiguration, CSS) for book.css's text, loaded once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    key = (STYLESHEET, css)
    if key not in _loaded:
        fonts = FontConfiguration()  # only the system's until book.css's @font-face adds ours
        fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
        stylesheet = CSS(string=css, base_url=STYLESHEET.resolve().as_uri(),
                         url_fetcher=fetcher, font_config=fonts)
        _loaded.clear()
        _loaded[key] = fonts, stylesheet
    return _loaded[key]


def start_renderer() -> None:
    """Import WeasyPrint, telling a missing Pango apart from a PDF that fails."""
    try:
        import weasyprint  # noqa: F401 - imported for what importing it does
    except OSError as error:  # Pango, which WeasyPrint draws text with, is missing
        raise PdfFailed(f"WeasyPrint cannot start: {error}. Install Debian's libpango-1.0-0 "
                        "and libpangoft2-1.0-0 (.ci/run does).") from error


def lay_out(document_html: str, base_dir: Path, css: str | None = None):
    """The book laid out in pages (a WeasyPrint ``Document``) with book.css."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fonts, stylesheet = _stylesheet(css or STYLESHEET.read_text(encoding="utf-8"))
    # Only the site's own files: a PDF build never goes to the network, and a missing image
    # stops the build instead of leaving a hole in the PDF.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    html = HTML(string=document_html, base_url=base_dir.resolve().as_uri() + "/",
                url_fetcher=fetcher)
    return html.render(stylesheets=[stylesheet], font_config=fonts, pdf_variant=VARIANT)


def render_pdf(document_html: str, base_dir: Path, target: Path,
               sources: Sources | None = None) -> int:
    """Write the PDF and return its size in bytes.

    Every letter must be set in one of book.css's own fonts: otherwise nothing is written
    and PdfFailed names each letter, its font and its page (``sources``; without them, the
    PDF)."""
    css = STYLESHEET.read_text(encoding="utf-8")
    missing = [str(path) for path in book_font_files(css) if not path.exists()]
    if missing:
        raise PdfFailed(f"{target.name}: the PDFs' fonts are not installed ({', '.join(missing)});"
                        " install Debian's fonts-noto-core (scripts/setup-system site does)")
    start_renderer()
    target.parent.mkdir(parents=True, exist_ok=True)
    shown = (target.relative_to(base_dir).as_posix() if target.is_relative_to(base_dir)
             else target.name)  # ti/pdf/gangsnacket-ti.pdf
    families = book_families(css)
    try:
        document = lay_out(document_html, base_dir, css)
        # No dates are given (no dcterms.created in the document), so WeasyPrint writes
        # none: the same pages give the same bytes.
        pdf = document.write_pdf(pdf_variant=VARIANT)
        # Writing the PDF noted every glyph it drew and its font: the check reads those
        # first, and walks the laid-out lines (which names the chapter of each letter, but
        # shapes every line again) only when one is wrong.
        wrong = _wrong(painted_letters(document), families)
        if wrong:
            walked = _wrong(set_letters(document), families)
            # The walk misses what is drawn outside the lines (a list's bullet): those
            # letters are told too, by the language's UI strings file.
            told = {(letter.char, letter.family, letter.missing) for letter in walked}
            wrong = walked + [letter for letter in wrong
                              if (letter.char, letter.family, letter.missing) not in told]
        problems = unset_letters(wrong, families, shown,
                                 sources or Sources(target.parent, (), target))
    # WeasyPrint's fatal fetch error derives from BaseException, so Exception would miss it.
    except BaseException as error:  # noqa: BLE001 - any failure in WeasyPrint stops the build
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        cause = f"{error}: {error.__cause__}" if error.__cause__ else str(error)
        raise PdfFailed(f"WeasyPrint could not write {target.name}: {cause}") from error
    if problems:
        raise PdfFailed("\n".join(str(problem) for problem in problems))
    target.write_bytes(pdf)
    return len(pdf)


def _wrong(letters: Iterable[SetLetter], families: frozenset[str]) -> list[SetLetter]:
    return [letter for letter in letters if letter.missing or letter.family not in families]
