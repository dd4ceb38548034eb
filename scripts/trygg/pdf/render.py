"""Render an assembled book to a tagged PDF with WeasyPrint: the only module that imports it."""

from __future__ import annotations

from pathlib import Path

from .books import PdfFailed

STYLESHEET = Path(__file__).with_name("book.css")
# PDF/UA-1: tagged structure, the document title shown in the window, the language set,
# every font embedded. WeasyPrint calls its PDF/UA support experimental; the tests check
# what a reader's software relies on (tags, language, title, bookmarks, real text).
VARIANT = "pdf/ua-1"


def render_pdf(document_html: str, base_dir: Path, target: Path) -> int:
    """Write the PDF and return its size in bytes."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.urls import URLFetcher
    except OSError as error:  # Pango, which WeasyPrint draws text with, is missing
        raise PdfFailed(f"WeasyPrint cannot start: {error}. Install Debian's libpango-1.0-0 "
                        "and libpangoft2-1.0-0 (.ci/run does).") from error
    target.parent.mkdir(parents=True, exist_ok=True)
    # Only the site's own files: a PDF build never goes to the network, and a missing image
    # stops the build instead of leaving a hole in the PDF.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    try:
        document = HTML(string=document_html, base_url=base_dir.resolve().as_uri() + "/",
                        url_fetcher=fetcher)
        document.write_pdf(
            target, stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=fetcher)],
            pdf_variant=VARIANT)
        # No dates are given (no dcterms.created in the document), so WeasyPrint writes
        # none: the same pages give the same bytes.
    # WeasyPrint's fatal fetch error derives from BaseException, so Exception would miss it.
    except BaseException as error:  # noqa: BLE001 - any failure in WeasyPrint stops the build
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        cause = f"{error}: {error.__cause__}" if error.__cause__ else str(error)
        raise PdfFailed(f"WeasyPrint could not write {target.name}: {cause}") from error
    return target.stat().st_size
