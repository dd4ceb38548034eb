"""The "download as PDF" links on the web pages, and their file sizes.

The links are written while MkDocs builds the pages, before any PDF exists (the PDFs are
made from the built pages), so each link carries a marker where its size goes; once the
PDFs are written, ``fill_sizes`` puts each file's size there, in the reader's language.
"""

from __future__ import annotations

import html
from pathlib import Path

from babel.units import format_unit

from .books import Book

SIZE_MARK = "<!--trygg-pdf-size:"  # where a link's size goes, until the PDF exists
_MARK = SIZE_MARK + "{}-->"


def download_html(book: Book, root_href: str, ui: dict) -> str:
    """``root_href``: the way from the page up to the site root, e.g. "../../"."""
    label = ui["pdf.download_guide"] if book.kind == "guide" else ui["pdf.download_checklist"]
    # Its own language and direction: on a page not translated yet, the text around it is
    # marked as Swedish, but the link is in the reader's language. Left out of search, or
    # "PDF" would find every page of the guide.
    return (f'<p class="trygg-pdf" lang="{book.lang.code}" dir="{book.lang.direction}" '
            'data-search-exclude>'
            f'<a href="{html.escape(root_href + book.site_path)}" type="application/pdf">'
            f'{html.escape(label)}'
            f'{_MARK.format(book.site_path)}</a></p>')


def add_downloads(content: str, books: list[Book], root_href: str, ui: dict) -> str:
    """A checklist's link goes just before its form; the guide's after the page's text."""
    for book in books:
        link = download_html(book, root_href, ui)
        form = content.rfind("<form", 0, content.find(f'id="{book.stem}"')) if (
            book.kind == "checklist" and f'id="{book.stem}"' in content) else -1
        if form >= 0:
            content = content[:form] + link + "\n" + content[form:]
        else:
            content = content + "\n" + link
    return content


def format_size(size: int, locale: str) -> str:
    if size < 999_500:  # what would round to "1000 kB" is "1 MB"
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short",
                           locale=locale)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short",
                       locale=locale, format="#,##0.#")


def fill_sizes(site_dir: Path, books: list[Book], sizes: dict[str, int]) -> None:
    """Write each PDF's size into every link to it: "… som PDF (58 kB)"."""
    marks = {_MARK.format(b.site_path): f" ({format_size(sizes[b.site_path], b.lang.code)})"
             for b in books if b.site_path in sizes}
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if SIZE_MARK not in text:
            continue
        for mark, size in marks.items():
            text = text.replace(mark, size)
        page.write_text(text, encoding="utf-8")
