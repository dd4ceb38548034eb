"""Make every PDF from a freshly built site, in parallel, and write their sizes into the
pages that link to them. Called by ``trygg build`` between MkDocs and the check. A PDF whose
inputs have not changed since a build comes from the cache in ``.cache/pdf/`` (cache.py)."""

from __future__ import annotations

import gc
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..project import project_at
from . import cache
from .books import Book, PdfFailed, assemble, built_page, html_path
from .glyphs import Sources, book_sources
from .links import fill_sizes
from .render import render_pdf, start_renderer


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


def _render(root: Path, document: str, site_dir: Path, target: Path, key: str,
            sources: Sources) -> int:
    """One PDF rendered (in a worker), then kept in the cache under its key."""
    size = render_pdf(document, site_dir, target, sources)
    cache.store(root, key, target)
    return size


def build_pdfs(root: Path, site_dir: Path, books: list[Book], workers: int | None = None,
               rendered: list[str] | None = None) -> dict[str, int]:
    """Every book as a PDF under ``site_dir``; returns the size of each, by its site path.
    ``rendered``, when given, receives the site paths of the PDFs rendered (not cached)."""
    project = project_at(root)
    fingerprint = cache.renderer_fingerprint()
    sizes, failures, keys, to_render = {}, [], set(), []
    # Every book is assembled and looked up here (0.06 s for the site's 30): a build with
    # nothing to render starts no worker, and one with something starts them only then.
    for book in books:
        # Every PDF is tried, and every failure told, so one round of fixes is enough.
        try:
            document = assemble(site_dir, book, dict(project.strings[book.lang.code]),
                                site_url_of(site_dir, book))
        except PdfFailed as error:
            failures.append(str(error))
            continue
        except Exception as error:  # noqa: BLE001 - a crash is reported like a failure
            failures.append(f"{book.file_name}: {type(error).__name__}: {error}")
            continue
        key = cache.document_key(document, site_dir, fingerprint)
        keys.add(key)
        target = site_dir / book.site_path
        kept = cache.kept(root, key)
        if kept is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, target)
            sizes[book.site_path] = target.stat().st_size
        else:
            # The glyph check names the Markdown page of a letter no font has (glyphs.py).
            sources = book_sources(root, book.lang.code, project.languages.source.code,
                                   book.pages)
            to_render.append((book, document, target, key, sources))
    if to_render:
        failures += _render_all(root, site_dir, to_render, workers, sizes, rendered)
    if failures:
        raise PdfFailed("\n".join(failures))
    cache.prune(root, keys)
    fill_sizes(site_dir, books, sizes)
    return sizes


def _start_worker() -> None:
    """A worker only renders. A render makes hundreds of thousands of small objects (boxes,
    styles) that live until the PDF is written and are then freed by their count, almost
    none in cycles; Python's cycle collector, run after every 700 new objects by default,
    looked through them thousands of times a PDF. Run less often, the PDFs cost 7 % less CPU
    (measured 2026-12-01 on the site's 30, the same bytes); a worker's memory peaks at 144 MB
    instead of 107 MB."""
    gc.set_threshold(50_000, 20, 20)


def _render_all(root: Path, site_dir: Path, to_render: list, workers: int | None,
                sizes: dict[str, int], rendered: list[str] | None) -> list[str]:
    """Render the books in a pool of processes; returns what failed."""
    # WeasyPrint imported once here, before the workers are forked from this process (as
    # Python 3.11 starts them on Linux), rather than once in each of them (0.3 CPU-s each).
    try:
        start_renderer()
    except PdfFailed as error:
        return [str(error)]
    failures = []
    workers = min(workers or os.cpu_count() or 1, len(to_render))
    with ProcessPoolExecutor(workers, initializer=_start_worker) as pool:
        # The longest books first (a guide is seven chapters, a checklist one page), so that
        # no worker is left rendering a guide alone at the end while the other waits.
        started = {id(book): pool.submit(_render, root, document, site_dir, target, key, sources)
                   for book, document, target, key, sources
                   in sorted(to_render, key=lambda job: -len(job[0].pages))}
        for book, *_ in to_render:
            try:
                sizes[book.site_path] = started[id(book)].result()
                if rendered is not None:
                    rendered.append(book.site_path)
            except PdfFailed as error:
                failures.append(str(error))
            except Exception as error:  # noqa: BLE001 - a crash is reported like a failure
                failures.append(f"{book.file_name}: {type(error).__name__}: {error}")
    return failures
