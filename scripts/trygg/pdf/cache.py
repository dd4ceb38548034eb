"""A PDF is rendered again only when something it is made from changed.

Rendering is most of the PDF step (about a third of a second of CPU a PDF). A PDF's key is a
SHA-256 over everything its bytes depend on: the assembled document (the pages' articles
and the strings around them), every file of the site the document refers to (images),
this package's files (the stylesheet, the renderer's options, any font kept here), the
WeasyPrint and pydyf versions, and the font files book.css names (path and a hash of
each). Same key, same bytes: WeasyPrint writes no date or random identifier (tested), so a
PDF from the cache is the PDF a render would give. Only PDFs that rendered are cached, so
a failure is never hidden: it happens again on the next build.
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from .. import hashed_file

CACHE = Path(".cache") / "pdf"
PACKAGE = Path(__file__).resolve().parent
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def renderer_fingerprint() -> str:
    """What every PDF depends on besides its own document; computed once per build."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for package in ("weasyprint", "pydyf"):
        try:
            digest.update(f"{package} {version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing\0".encode())
    for font in _fonts():
        digest.update(font.encode() + b"\0")
    return digest.hexdigest()


def _fonts() -> list[str]:
    """The font files book.css names (the only fonts a PDF may use: the glyph check fails
    any other), each with a hash of its bytes: a machine's other fonts change nothing."""
    from .glyphs import book_font_files

    fonts = []
    for path in book_font_files((PACKAGE / "book.css").read_text(encoding="utf-8")):
        try:
            fonts.append(f"{path} {hashlib.sha256(path.read_bytes()).hexdigest()}")
        except OSError:
            fonts.append(f"{path} missing")
    return fonts


def document_key(document_html: str, site_dir: Path, fingerprint: str) -> str:
    """The key of one PDF: its document, the site's files it refers to, and the renderer."""
    digest = hashlib.sha256(fingerprint.encode() + b"\0" + document_html.encode("utf-8"))
    for path in _referenced_files(document_html, site_dir):
        digest.update(b"\0" + path.encode())
        file = site_dir / path
        digest.update(file.read_bytes() if file.is_file() else b"\0missing")
    return digest.hexdigest()


def _referenced_files(document_html: str, site_dir: Path) -> list[str]:
    base = site_dir.resolve().as_uri() + "/"
    tree = LexborHTMLParser(document_html)
    references = set()
    for node in tree.css("[src], [href], [data], [poster], [srcset], [style]"):
        attrs = node.attributes
        for name in ("src", "href", "data", "poster"):
            if attrs.get(name):
                references.add(attrs[name])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                references.add(candidate.split()[0])
        references.update(_CSS_URL.findall(attrs.get("style") or ""))
    for style in tree.css("style"):
        references.update(_CSS_URL.findall(style.text() or ""))
    files = set()
    for reference in references:
        url = urlsplit(urljoin(base, reference))
        if url.scheme == "file" and not reference.startswith("#"):
            path = unquote(url.path)
            root = unquote(urlsplit(base).path)
            if path.startswith(root) and len(path) > len(root):
                files.add(path[len(root):])
    return sorted(files)


def cached(root: Path, key: str) -> Path:
    return root / CACHE / f"{key}.pdf"


def kept(root: Path, key: str) -> Path | None:
    """The kept PDF for this key, when it is whole and the one that was stored: its bytes
    must match the hash written beside it (a file cut short, or swapped with another
    book's, is rendered again instead of published)."""
    path = cached(root, key)
    return path if hashed_file.read(path) is not None else None


def store(root: Path, key: str, pdf: Path) -> None:
    """Keep a rendered PDF under its key, with the hash of its bytes beside it."""
    hashed_file.write(cached(root, key), pdf.read_bytes())


def prune(root: Path, keep: set[str]) -> None:
    """Forget PDFs no book of this build has, so the cache does not grow without end."""
    folder = root / CACHE
    if folder.is_dir():
        for path in [*folder.glob("*.pdf"), *folder.glob("*.sha256")]:
            if path.stem not in keep:
                path.unlink(missing_ok=True)
