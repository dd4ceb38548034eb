"""Render an assembled book to a tagged PDF with WeasyPrint: the only module that imports it
(glyphs.py reads the laid-out document it hands over)."""

from __future__ import annotations

from pathlib import Path

from .books import PdfFailed
from .glyphs import Sources, book_families, book_font_files, set_letters, unset_letters

STYLESHEET = Path(__file__).with_name("book.css")
# PDF/UA-1: tagged structure, the document title shown in the window, the language set,
# every font embedded. WeasyPrint calls its PDF/UA support experimental; the tests check
# what a reader's software relies on (tags, language, title, bookmarks, real text).
VARIANT = "pdf/ua-1"


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
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher
    except OSError as error:  # Pango, which WeasyPrint draws text with, is missing
        raise PdfFailed(f"WeasyPrint cannot start: {error}. Install Debian's libpango-1.0-0 "
                        "and libpangoft2-1.0-0 (.ci/run does).") from error
    target.parent.mkdir(parents=True, exist_ok=True)
    # Only the site's own files: a PDF build never goes to the network, and a missing image
    # stops the build instead of leaving a hole in the PDF.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    shown = (target.relative_to(base_dir).as_posix() if target.is_relative_to(base_dir)
             else target.name)  # ti/pdf/gangsnacket-ti.pdf
    fonts = FontConfiguration()  # only the system's until book.css's @font-face adds ours
    try:
        html = HTML(string=document_html, base_url=base_dir.resolve().as_uri() + "/",
                    url_fetcher=fetcher)
        stylesheet = CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
        document = html.render(stylesheets=[stylesheet], font_config=fonts, pdf_variant=VARIANT)
        problems = unset_letters(
            set_letters(document), book_families(css),
            shown, sources or Sources(target.parent, (), target))
        if not problems:
            document.write_pdf(target, pdf_variant=VARIANT)
        # No dates are given (no dcterms.created in the document), so WeasyPrint writes
        # none: the same pages give the same bytes.
    # WeasyPrint's fatal fetch error derives from BaseException, so Exception would miss it.
    except BaseException as error:  # noqa: BLE001 - any failure in WeasyPrint stops the build
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        cause = f"{error}: {error.__cause__}" if error.__cause__ else str(error)
        raise PdfFailed(f"WeasyPrint could not write {target.name}: {cause}") from error
    if problems:
        raise PdfFailed("\n".join(str(problem) for problem in problems))
    return target.stat().st_size
