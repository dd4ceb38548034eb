"""A PDF is rendered again only when what it is made from changed; the cache gives the same
bytes a render gives, and never hides a failure."""

import shutil

from trygg.languages import load_languages
from trygg.pdf import cache
from trygg.pdf.books import project_books
from trygg.pdf.build import build_pdfs
from trygg.validate import nav_entries


def _books(project):
    return project_books(project, load_languages(project), nav_entries(project))


def _pdfs(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.pdf")}


def test_an_unchanged_site_renders_no_pdf_and_a_changed_page_renders_its_book(real_site, tmp_path):
    project = real_site.parent  # real_site made its PDFs once, filling project/.cache/pdf
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    before = _pdfs(site)
    for pdf in site.rglob("*.pdf"):
        pdf.unlink()
    rendered = []
    build_pdfs(project, site, _books(project), rendered=rendered)
    assert rendered == []
    assert _pdfs(site) == before  # byte for byte what the render wrote
    page = site / "ar" / "gangsnacket" / "varningstecken" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</h1>", "</h1><p>جملة جديدة</p>", 1), encoding="utf-8")
    build_pdfs(project, site, _books(project), rendered=rendered)
    assert rendered == ["ar/pdf/gangsnacket-ar.pdf"]
    assert _pdfs(site)["ar/pdf/gangsnacket-ar.pdf"] != before["ar/pdf/gangsnacket-ar.pdf"]


def test_a_changed_stylesheet_or_image_changes_every_key_it_touches(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    (site / "img" / "bild.png").write_bytes(b"one")
    document = '<html><body><img src="img/bild.png" alt=""><a href="#p1">x</a></body></html>'
    fingerprint = cache.renderer_fingerprint()
    key = cache.document_key(document, site, fingerprint)
    assert cache.document_key(document, site, fingerprint) == key
    (site / "img" / "bild.png").write_bytes(b"two")
    assert cache.document_key(document, site, fingerprint) != key
    package = tmp_path / "pdf"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    assert cache.renderer_fingerprint() == fingerprint
    (package / "book.css").write_text((package / "book.css").read_text() + "\nh1 { color: red }\n")
    assert cache.renderer_fingerprint() != fingerprint


def test_a_kept_pdf_cut_short_or_swapped_is_rendered_again_not_published(real_site, tmp_path):
    # Found by the review: the cache published whatever file it held under a key.
    project = real_site.parent
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    before = _pdfs(site)
    books = _books(project)
    build_pdfs(project, site, books)  # every kept PDF and its hash in place
    folder = project / cache.CACHE
    by_bytes = {path.read_bytes(): path for path in folder.glob("*.pdf")}
    sv, ar = by_bytes[before["pdf/gangsnacket-sv.pdf"]], by_bytes[before["ar/pdf/gangsnacket-ar.pdf"]]
    sv_bytes, ar_bytes = sv.read_bytes(), ar.read_bytes()
    sv.write_bytes(ar_bytes)
    ar.write_bytes(sv_bytes)
    checklist = by_bytes[before["pdf/checklista-trygghetsvandring-sv.pdf"]]
    checklist.write_bytes(checklist.read_bytes()[:1000])
    rendered = []
    build_pdfs(project, site, books, rendered=rendered)
    assert sorted(rendered) == ["ar/pdf/gangsnacket-ar.pdf", "pdf/checklista-trygghetsvandring-sv.pdf",
                                "pdf/gangsnacket-sv.pdf"]
    assert _pdfs(site) == before
