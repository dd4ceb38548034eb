"""Small, exact edits to a rendered page that Material's blocks cannot reach."""

from __future__ import annotations

import base64
import hashlib
import re

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_DIR_ATTR = re.compile(r"\sdir=\"[^\"]*\"", re.I)
# Inline scripts that run: no src, and no data type such as application/json.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def set_html_dir(html: str, direction: str) -> str:
    """Write ``dir`` on ``<html>`` (Material writes it only on ``<body>``), so that the whole
    document, the browser's scroll bars and anything outside ``<body>`` follow it."""
    match = _HTML_TAG.search(html)
    if not match:
        return html
    tag = _DIR_ATTR.sub("", match.group(0))
    tag = tag[:-1].rstrip() + f' dir="{direction}">'
    return html[: match.start()] + tag + html[match.end():]


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) for every inline script that executes."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"\stype\s*=\s*[\"']?([^\"'\s>]+)", attrs, re.I)
        if kind and kind.group(1).lower() not in ("text/javascript", "module"):
            continue  # a data block, e.g. Material's __config JSON: not executed, not covered
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(hashes))


def content_security_policy(html: str) -> str:
    """Only the site itself may provide anything; inline scripts are allowed by hash."""
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        # Material's icons are SVG data: URIs in its stylesheet (CSS masks).
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_content_security_policy(html: str) -> str:
    """Put the policy at the top of ``<head>`` (after the charset, which must come first),
    so that it governs every element after it."""
    match = _CHARSET.search(html) or _HEAD_OPEN.search(html)
    if not match:
        return html
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            + content_security_policy(html) + '">')
    return html[: match.end()] + meta + html[match.end():]


_EXTERNAL_LINK = re.compile(r'<a\b(?P<attrs>[^>]*\bhref="https?://[^"]*"[^>]*)>(?P<text>.*?)</a>', re.S | re.I)


def mark_external_links(html: str, label: str) -> str:
    """Mark links to other websites: a visible arrow, and a name that says so (in the
    reader's language, for screen readers); they open in the same tab and tell the other
    site nothing about where the reader came from (``noreferrer``)."""

    def mark(match: re.Match) -> str:
        attrs = match.group("attrs")
        if "trygg-external" in attrs:
            return match.group(0)
        attrs = re.sub(r'\s(?:target|rel)="[^"]*"', "", attrs)
        return (f'<a{attrs} class="trygg-external" rel="noreferrer">{match.group("text")}'
                f'<span class="trygg-external__mark" aria-hidden="true"></span>'
                f'<span class="trygg-visually-hidden"> ({label})</span></a>')

    return _EXTERNAL_LINK.sub(mark, html)


_ALTERNATE = re.compile(r'<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)">')


def absolute_alternates(html: str, page_url: str, site_url: str, source: str) -> str:
    """Make the head's language alternates absolute addresses on the site (search engines
    require them), and add ``x-default``: the source language's version."""
    from posixpath import normpath
    from urllib.parse import urljoin

    base = site_url.rstrip("/") + "/"
    here = urljoin(base, page_url)
    found = {}

    def absolute(match: re.Match) -> str:
        href = urljoin(here, match.group("href"))
        path = normpath(href[len(base) - 1:]) if href.startswith(base) else None
        if path is not None:
            href = base.rstrip("/") + path + ("/" if href.endswith("/") and path != "/" else "")
        found[match.group("lang")] = href
        return f'<link rel="alternate" href="{href}" hreflang="{match.group("lang")}">'

    html = _ALTERNATE.sub(absolute, html)
    if source in found and "x-default" not in found:
        tag = f'<link rel="alternate" href="{found[source]}" hreflang="{source}">'
        html = html.replace(tag, tag + f'\n<link rel="alternate" href="{found[source]}" '
                            'hreflang="x-default">', 1)
    return html
