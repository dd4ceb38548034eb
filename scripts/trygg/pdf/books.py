"""Which PDFs the site offers, and each one assembled as a single HTML document.

Pure: it reads the built pages (``site/…/index.html``) and knows nothing of MkDocs or of
WeasyPrint. A book is the parent guide in one language (its pages in navigation order) or
one checklist page in one language. The pages' articles are taken as the reader sees them
on the web, including each page's notice that it is a machine translation; what only works
on a screen (share buttons, the checklist's progress and summary, download links) is left out.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..checklists import TOKEN, form_id
from ..languages import Language, Languages
from ..validate import page_folder

GUIDE = "gangsnacket"  # the section printed as "Gängsnacket", the parent guide
# Parts of an article that mean nothing on paper.
SCREEN_ONLY = (".trygg-share", "a.headerlink", ".md-content__button", ".md-source-file",
               ".trygg-pdf", ".trygg-checklist__saved", ".trygg-checklist__progress",
               ".trygg-checklist__summary", ".trygg-checklist__actions", "script",
               ".md-feedback")


class PdfFailed(Exception):
    """A PDF could not be made; the message names the file and what to do."""


@dataclass(frozen=True)
class Book:
    lang: Language
    kind: str             # "guide" or "checklist"
    stem: str             # "gangsnacket", "checklista-trygghetsvandring"
    pages: tuple[str, ...]  # source-relative page paths in reading order (gangsnacket/index.md)

    @property
    def file_name(self) -> str:
        # The language in the name, so downloads in several languages do not overwrite
        # each other in a reader's download folder.
        return f"{self.stem}-{self.lang.code}.pdf"

    @property
    def site_path(self) -> str:
        return f"{self.lang.prefix}pdf/{self.file_name}"


def html_path(lang: Language, page: str) -> str:
    """Where MkDocs writes a page (directory URLs): gangsnacket/index.md -> ar/gangsnacket/index.html."""
    folder = page_folder(PurePosixPath(page))
    return f"{lang.prefix}{'' if folder == '.' else folder + '/'}index.html"


def guide_pages(nav_entries: list[str]) -> list[str]:
    return [entry for entry in nav_entries if entry.startswith(GUIDE + "/")]


def checklist_pages(source_docs: Path) -> dict[str, str]:
    """Checklist id -> the source-language page that shows it (``[[checklista:id]]``)."""
    found = {}
    for path in sorted(source_docs.rglob("*.md")):
        for match in TOKEN.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), path.relative_to(source_docs).as_posix())
    return found


def project_books(root: Path, languages: Languages, nav: list[str]) -> list[Book]:
    """The project's books: the guide from the navigation, a checklist wherever a page shows one."""
    return plan_books(languages, guide_pages(nav),
                      checklist_pages(root / "docs" / languages.source.code))


def plan_books(languages: Languages, guide: list[str], checklists: dict[str, str]) -> list[Book]:
    books = []
    for lang in languages:
        if guide:
            books.append(Book(lang, "guide", GUIDE, tuple(guide)))
        for checklist_id, page in sorted(checklists.items()):
            books.append(Book(lang, "checklist", form_id(checklist_id), (page,)))
    return books


def downloads_for(books: list[Book], lang_code: str, page: str) -> list[Book]:
    """The books a page offers for download: every guide page offers the guide, a checklist
    page its checklist."""
    return [b for b in books if b.lang.code == lang_code and page in b.pages]


def assemble(site_dir: Path, book: Book, ui: dict, site_url: str) -> str:
    """One HTML document for the book: a cover and contents for the guide, then each page's
    article with its ids made unique and its links pointing into the book or to the web."""
    lang = book.lang
    site_url = site_url.rstrip("/") + "/"
    paths = [html_path(lang, page) for page in book.pages]
    chapter_of = {_folder(path): f"p{n}" for n, path in enumerate(paths, 1)}
    chapters, headings = [], []
    for n, (page, path) in enumerate(zip(book.pages, paths), 1):
        article = _article(built_page(site_dir, lang, page))
        rewrite_links(article, f"p{n}", _folder(path), chapter_of, site_url)
        h1 = article.css_first("h1")
        headings.append((f"p{n}", h1.text(strip=True) if h1 else ""))
        chapters.append(f'<section class="chapter" id="p{n}">{article.inner_html}</section>')
    e = html.escape
    if book.kind == "guide":
        title = ui["pdf.guide_title"]
        web = site_url + paths[0].removesuffix("index.html")
        contents = "".join(f'<li><a href="#{anchor}">{e(text)}</a></li>' for anchor, text in headings)
        front = (f'<div class="cover"><p class="cover__site">{e(ui["site.name"])}</p>'
                 f'<p class="cover__title">{e(title)}</p>'
                 f'<p class="cover__web">{e(ui["pdf.web_version"])} '
                 f'<a class="bare" href="{e(web)}">{e(web)}</a></p></div>'
                 f'<nav class="contents" aria-labelledby="contents-title">'
                 f'<h1 class="contents__title" id="contents-title">{e(ui["pdf.contents"])}</h1>'
                 f'<ol>{contents}</ol></nav>')
    else:
        title = headings[0][1]
        front = ""
    document = (f'<!DOCTYPE html><html lang="{lang.code}" dir="{lang.direction}" '
                f'data-script="{lang.script}"><head><meta charset="utf-8">'
                f'<title>{e(title)} – {e(ui["site.name"])}</title>'
                f'<meta name="description" content="{e(ui["site.description"])}">'
                f'<meta name="author" content="{e(ui["site.name"])}">'
                f'</head><body class="book book--{book.kind}">{front}{"".join(chapters)}'
                f'</body></html>')
    return document


def built_page(site_dir: Path, lang: Language, page: str) -> Path:
    path = site_dir / html_path(lang, page)
    if not path.exists():
        raise PdfFailed(f"docs/{lang.code}/{page}: the page was not built "
                        f"({html_path(lang, page)} is missing), so the PDF cannot include it; "
                        "check that it is in mkdocs.yml's navigation")
    return path


def _article(path: Path):
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    article = tree.css_first("article")
    if article is None:
        raise PdfFailed(f"{path}: the page has no <article>; was it built with overrides/?")
    for selector in SCREEN_ONLY:
        for node in article.css(selector):
            node.decompose()
    # On paper a checklist's places (or areas) are its sections: headings, so that the PDF's
    # tags and bookmarks lead to each one (a legend is tagged as plain text).
    for legend in article.css("fieldset.trygg-checklist__group > legend"):
        heading = LexborHTMLParser("<h2></h2>").css_first("h2")
        legend.insert_before(heading)
        heading = legend.prev
        heading.attrs["class"] = "trygg-checklist__place"
        heading.inner_html = legend.inner_html
        legend.decompose()
    return article


def _folder(path: str) -> str:
    """The page's folder as links name it: "ar/gangsnacket/" ("" for the site root)."""
    folder = posixpath.dirname(path)
    return folder + "/" if folder else ""


# Attributes that name other elements by id: they follow the ids' new names.
_ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "headers")


def resolve(page_dir: str, href: str) -> tuple[str, str, str] | None:
    """A link of a page, as (site path, query, fragment); None when it leaves the site.

    "../om/#k" from "ar/gangsnacket/" is ("ar/om/", "", "k"); a folder keeps its "/", a file
    ("../pdf/a.pdf") does not; "/ar/om/" is taken from the site root."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page_dir, parts.query, parts.fragment
    base = "" if parts.path.startswith("/") else page_dir
    path = posixpath.normpath(posixpath.join(base, parts.path.lstrip("/")))
    if path == ".":
        path = ""
    elif path.endswith("/index.html") or path == "index.html":
        path = path.removesuffix("index.html")
    elif parts.path.endswith("/"):
        path += "/"
    return path, parts.query, parts.fragment


def rewrite_links(article, prefix: str, page_dir: str, chapter_of: dict, site_url: str) -> None:
    """Ids get the chapter's prefix; links to a page in the book go to its chapter; links to
    other pages of the site go to their web address (printed after them on paper)."""
    for node in article.css("[id]"):
        node.attrs["id"] = f"{prefix}-{node.attrs['id']}"
    for node in article.css("label[for]"):
        node.attrs["for"] = f"{prefix}-{node.attrs['for']}"
    for attribute in _ID_REFERENCES:
        for node in article.css(f"[{attribute}]"):
            node.attrs[attribute] = " ".join(f"{prefix}-{i}" for i in node.attrs[attribute].split())
    for node in article.css("a[href]"):
        href = node.attrs["href"] or ""
        target = resolve(page_dir, href)
        if target is None:
            if href.startswith("//"):  # "the same scheme" means nothing in a file
                node.attrs["href"] = "https:" + href
            continue
        path, query, fragment = target
        chapter = None if query else chapter_of.get(path)
        if chapter:
            node.attrs["href"] = f"#{chapter}-{fragment}" if fragment else f"#{chapter}"
        else:
            node.attrs["href"] = (site_url + path + (f"?{query}" if query else "")
                                  + (f"#{fragment}" if fragment else ""))
    for node in article.css("img[src]"):
        target = resolve(page_dir, node.attrs["src"] or "")
        if target is not None:
            node.attrs["src"] = target[0]
