"""The browser rules' results kept per page, so that a build after a one-page edit checks
again only what changed: that page in each language, not all 250 pages (about 80 s).

A wrapper around ``browser.check_in_browser``. A page's results are reused only when all of
these are as they were when the browser checked it:
- the page's HTML, the Markdown it was built from (findings point at its lines) and how
  the site folder is named in messages;
- every file the page loaded in the browser (stylesheets, scripts, images, fonts, data),
  byte for byte: a change to the theme's CSS or JS checks every page that loads it again;
- the rules: every file of the check's package, axe-core, Playwright's version and the
  Chromium binary (its path, size and time).
Anything else, or a cache that cannot be read, and the page is checked again. The cache
holds every finding a check gave, so a page taken from it reports exactly what it reported
(a cache can never hide a finding); exceptions and severities are applied afterwards, as
for a fresh check.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..problems import Problem
from . import browser, cachefile

CACHE = Path(".cache") / "browser-rules.json"
PACKAGE = Path(__file__).resolve().parent


def rules_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(browser.AXE.read_bytes() if browser.AXE.exists() else b"no axe")
    try:
        digest.update(f"playwright {version('playwright')}".encode())
    except PackageNotFoundError:
        digest.update(b"no playwright")
    chromium = browser.check_browser_path() or ""
    stat = os.stat(chromium) if chromium and os.path.exists(chromium) else None
    digest.update(f"{chromium} {stat.st_size if stat else 0} {stat.st_mtime_ns if stat else 0}".encode())
    return digest.hexdigest()


def _page_key(fingerprint: str, site, page) -> str:
    digest = hashlib.sha256()
    for part in (fingerprint, site.shown, page.site_path, page.html,
                 page.source.shown if page.source else "", page.source.text if page.source else ""):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class _Files:
    """The SHA-256 of a file of the site, by the address the browser asked for (once each)."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.known: dict[str, str] = {}

    def path_of(self, url: str) -> str | None:
        """The site path of a request to the local server, None for anything else."""
        if not url.startswith("/"):
            return None
        path = unquote(urlsplit(url).path).lstrip("/")
        if not path or path.endswith("/") or (self.site_dir / path).is_dir():
            path = (path.rstrip("/") + "/index.html").lstrip("/")
        return path

    def digest(self, path: str) -> str:
        if path not in self.known:
            file = self.site_dir / path
            self.known[path] = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() \
                else "missing"
        return self.known[path]


def check_in_browser_cached(site, cache_file: Path, *, workers: int | None = None,
                            rechecked: list[str] | None = None) -> list[Problem]:
    """The browser rules' findings on every page: from the cache where nothing the page's
    results depend on has changed, from Chromium for the rest. ``rechecked`` receives the
    site paths checked in the browser this time."""
    fingerprint = rules_fingerprint()
    files = _Files(site.site_dir)
    kept = cachefile.read(cache_file)
    findings, todo, keys, entries = [], set(), {}, {}
    for page in site.pages.values():
        key = keys[page.site_path] = _page_key(fingerprint, site, page)
        entry = kept.get(page.site_path)
        if (isinstance(entry, dict) and entry.get("key") == key
                and all(files.digest(path) == digest for path, digest in entry["loads"].items())):
            entries[page.site_path] = entry
            findings.extend(Problem(**finding) for finding in entry["findings"])
        else:
            todo.add(page.site_path)
    loaded: dict[str, list[str]] = {}
    fresh = browser.check_in_browser(site, workers=workers, only=todo, loaded=loaded) if todo else []
    findings.extend(fresh)
    for path in todo:
        if path not in loaded:
            continue  # not checked to the end: never kept
        local = {p for url in loaded[path] if (p := files.path_of(url))} | {path}
        entries[path] = {"key": keys[path], "loads": {p: files.digest(p) for p in sorted(local)},
                         "findings": [asdict(f) for f in fresh if f.page == path]}
    cachefile.write(cache_file, entries)
    if rechecked is not None:
        rechecked.extend(sorted(todo))
    return findings
