"""Make every PDF from a freshly built site, in parallel, and write their sizes into the
pages that link to them. Called by ``trygg build`` between MkDocs and the check."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..languages import Languages, load_languages
from ..strings import ui_strings
from .books import Book, PdfFailed, assemble, built_page, html_path
from .glyphs import book_sources
from .links import fill_sizes
from .render import render_pdf


def site_url_of(site_dir: Path, book: Book) -> str:
    """The site's address as this build resolved it (SITE_URL or mkdocs.yml's default),
    from the canonical link MkDocs wrote into the book's first page."""
    path = html_path(book.lang, book.pages[0])
    page = built_page(site_dir, book.lang, book.pages[0])
    link = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first('link[rel="canonical"]')
    canonical = link.attrs.get("href", "") if link else ""
    folder = path.removesuffix("index.html")
    if not canonical.endswith(folder):
        raise PdfFailed(f"{path}: no canonical address to take the site's address from; "
                        "set site_url in mkdocs.yml")
    return canonical[: len(canonical) - len(folder)]


def _make(root: Path, site_dir: Path, languages: Languages, book: Book) -> tuple[str, int]:
    ui = ui_strings(root, languages, book.lang)
    document = assemble(site_dir, book, ui, site_url_of(site_dir, book))
    sources = book_sources(root, book.lang.code, languages.source.code, book.pages)
    return book.site_path, render_pdf(document, site_dir, site_dir / book.site_path, sources)


def build_pdfs(root: Path, site_dir: Path, books: list[Book], workers: int | None = None
               ) -> dict[str, int]:
    """Every book as a PDF under ``site_dir``; returns the size of each, by its site path."""
    languages = load_languages(root)
    workers = workers or os.cpu_count() or 1
    sizes, failures = {}, []
    with ProcessPoolExecutor(workers) as pool:
        futures = [(book, pool.submit(_make, root, site_dir, languages, book)) for book in books]
        for book, future in futures:
            # Every PDF is tried, and every failure told, so one round of fixes is enough.
            try:
                path, size = future.result()
                sizes[path] = size
            except PdfFailed as error:
                failures.append(str(error))
            except Exception as error:  # noqa: BLE001 - a crash is reported like a failure
                failures.append(f"{book.file_name}: {type(error).__name__}: {error}")
    if failures:
        raise PdfFailed("\n".join(failures))
    fill_sizes(site_dir, books, sizes)
    return sizes
