"""Make every PDF from a freshly built site, in parallel, and write their sizes into the
pages that link to them. Called by ``trygg build`` between MkDocs and the check. A PDF whose
inputs have not changed since a build comes from the cache in ``.cache/pdf/`` (cache.py)."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..project import project_at
from . import cache
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


def _make(root: Path, site_dir: Path, ui: dict, book: Book, fingerprint: str
          ) -> tuple[str, int, str, bool]:
    """One PDF: from the cache when its key is there, else rendered and then kept there.
    Returns its site path, size, key and whether it was rendered."""
    document = assemble(site_dir, book, ui, site_url_of(site_dir, book))
    key = cache.document_key(document, site_dir, fingerprint)
    target = site_dir / book.site_path
    kept = cache.kept(root, key)
    if kept is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept, target)
        return book.site_path, target.stat().st_size, key, False
    # The glyph check names the Markdown page of a letter no font has (glyphs.py).
    sources = book_sources(root, book.lang.code, project_at(root).languages.source.code,
                           book.pages)
    size = render_pdf(document, site_dir, target, sources)
    cache.store(root, key, target)
    return book.site_path, size, key, True


def build_pdfs(root: Path, site_dir: Path, books: list[Book], workers: int | None = None,
               rendered: list[str] | None = None) -> dict[str, int]:
    """Every book as a PDF under ``site_dir``; returns the size of each, by its site path.
    ``rendered``, when given, receives the site paths of the PDFs rendered (not cached)."""
    strings = project_at(root).strings
    workers = workers or os.cpu_count() or 1
    fingerprint = cache.renderer_fingerprint()
    sizes, failures, keys = {}, [], set()
    with ProcessPoolExecutor(workers) as pool:
        # The longest books first (a guide is seven chapters, a checklist one page), so that
        # no worker is left rendering a guide alone at the end while the other waits.
        started = {id(book): pool.submit(_make, root, site_dir, dict(strings[book.lang.code]),
                                         book, fingerprint)
                   for book in sorted(books, key=lambda book: -len(book.pages))}
        for book, future in ((book, started[id(book)]) for book in books):
            # Every PDF is tried, and every failure told, so one round of fixes is enough.
            try:
                path, size, key, fresh = future.result()
                sizes[path] = size
                keys.add(key)
                if fresh and rendered is not None:
                    rendered.append(path)
            except PdfFailed as error:
                failures.append(str(error))
            except Exception as error:  # noqa: BLE001 - a crash is reported like a failure
                failures.append(f"{book.file_name}: {type(error).__name__}: {error}")
    if failures:
        raise PdfFailed("\n".join(failures))
    cache.prune(root, keys)
    fill_sizes(site_dir, books, sizes)
    return sizes
