"""Content: translation notices, and the PDF download links the build writes."""

from __future__ import annotations

from .registry import rule


@rule("translation-notice", "a machine-made, outdated or missing translation must tell readers "
      "so, in their language (overrides/partials/translation-notice.html). Check that the page's "
      "front matter has 'translation:' with 'status:' and that the theme override is in place.")
def translation_notice(page):
    if page.lang.is_source or page.source is None or page.site_path.endswith("404.html"):
        return
    from ..translation import translation_state

    source_root = page.site.root / "docs" / page.site.languages.source.code
    relative = page.source.shown.split("/", 2)[2]
    source_file = source_root / relative
    source_text = source_file.read_text(encoding="utf-8") if source_file.exists() else None
    missing = not page.source.shown.startswith(f"docs/{page.lang.code}/")
    state = translation_state(page.source.parsed.meta, source_text, missing=missing)
    if state.needs_notice and page.tree.css_first("aside.trygg-notice") is None:
        kind = "missing" if state.missing else "machine-made" if state.machine else "outdated"
        yield page.finding("translation-notice", f"this {kind} translation does not tell "
                           "readers so.", meta_key="translation")


@rule("pdf-size-missing", "a 'download as PDF' link has no file size, so its PDF was not made. "
      "Build with 'make site' (trygg build): it makes the PDFs after the pages and writes "
      "their sizes into the links; a plain 'mkdocs build' does not.")
def pdf_size_missing(page):
    from ..pdf.links import SIZE_MARK

    if SIZE_MARK not in page.html:
        return
    for link in page.tree.css("p.trygg-pdf a"):
        if SIZE_MARK in link.html:
            href = link.attrs.get("href", "")
            # The link is written by the build, not by an editor: point at the built page.
            yield page.finding("pdf-size-missing", f"the link to {href} has no file size.",
                               needles=(f'href="{href}"',))
