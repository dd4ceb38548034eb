"""The check's core: read every built page once, run every rule, map findings to sources."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections import Counter
import functools
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..languages import Language, Languages, load_languages
from ..problems import Problem
from ..translation import PageSource, split_front_matter
from ..yamlfile import load_yaml
from .registry import RULES

Finding = Problem
EXCEPTIONS_FILE = Path("scripts") / "trygg" / "check" / "exceptions.yml"


@dataclass
class Source:
    """The Markdown file a page was built from, for messages that point at it."""

    shown: str  # e.g. docs/ar/gangsnacket/index.md
    text: str

    @cached_property
    def parsed(self) -> PageSource:
        return split_front_matter(self.text, self.shown)

    def line_of(self, *needles: str) -> int:
        """The first line of the body that contains one of the needles (tried in order)."""
        lines = self.text.splitlines()
        start = self.parsed.body_line - 1
        for needle in needles:
            needle = (needle or "").strip()
            if len(needle) < 2:
                continue
            for number, line in enumerate(lines[start:], start + 1):
                if needle in line:
                    return number
        return self.parsed.body_line

    def meta_line(self, key: str) -> int:
        return self.parsed.meta.lines.get(key, 1)


@dataclass
class Page:
    site_path: str  # e.g. ar/gangsnacket/index.html
    html: str
    lang: Language
    source: Source | None
    site: "Site" = field(repr=False)

    @cached_property
    def tree(self) -> LexborHTMLParser:
        return LexborHTMLParser(self.html)

    @property
    def url(self) -> str:
        """The page's address on the site, from the root: /ar/gangsnacket/."""
        path = "/" + self.site_path
        return path[: -len("index.html")] if path.endswith("/index.html") or path == "/index.html" else path

    @cached_property
    def ids(self) -> set[str]:
        return {node.attributes.get("id") for node in self.tree.css("[id]")} | {
            node.attributes.get("name") for node in self.tree.css("a[name]")}

    def html_line(self, *needles: str) -> int:
        for needle in needles:
            if needle and needle in self.html:
                return self.html[: self.html.index(needle)].count("\n") + 1
        return 1

    def finding(self, rule_id: str, message: str, node=None, needles: tuple[str, ...] = (),
                meta_key: str | None = None) -> Finding:
        """A finding at the source line an editor changes, or at the HTML where none exists."""
        in_content = node is not None and _inside(node, "article")
        if self.source and (meta_key or in_content):
            line = self.source.meta_line(meta_key) if meta_key else self.source.line_of(
                *needles, *(_text(node)[:60],) if node is not None else ())
            path = self.source.shown
        else:
            html_needles = tuple(needles)
            if node is not None:
                html_needles += tuple(f'{a}="{v}"' for a, v in node.attributes.items()
                                      if a in ("id", "href", "src") and v)
            line = self.html_line(*html_needles)
            path = f"{self.site.shown}/{self.site_path}"
        return Finding(path, line, rule_id, message, lang=self.lang.code, page=self.site_path)


def _inside(node, tag: str) -> bool:
    while node is not None:
        if node.tag == tag:
            return True
        node = node.parent
    return False


def _text(node) -> str:
    return re.sub(r"\s+", " ", node.text(deep=True) or "").strip()


@dataclass(eq=False)  # hashed by identity, for the link cache
class Site:
    root: Path          # the project (docs/, translations/)
    site_dir: Path      # the built site being checked
    shown: str          # how site_dir is named in messages
    languages: Languages
    pages: dict[str, Page] = field(default_factory=dict)
    # The site's own address (from the pages' canonical links): absolute links to it are
    # links inside the site (the head's language alternates are written that way).
    origin: str = ""
    files: set = field(default_factory=set)    # every file in the site, relative
    folders: set = field(default_factory=set)  # every folder in the site, relative

    def page_at(self, site_path: str) -> Page | None:
        return self.pages.get(site_path)

    @cached_property
    def base(self) -> str:
        """The path the site is served under: '/' at a domain's root, '/trygga-barn/' for a
        GitHub Pages project site (from the canonical links, as the build wrote them)."""
        return urlsplit(self.origin).path.rstrip("/") + "/" if self.origin else "/"

    def resolve(self, page: Page, href: str) -> tuple[str | None, str]:
        """The site path a same-site link leads to (None when it leaves the site), and its
        fragment."""
        href, _, fragment = href.partition("#")
        if self.origin and href.startswith(self.origin):
            href = "/" + href[len(self.origin):]
        elif href.startswith("/") and not href.startswith("//"):
            # An address from the host's root: inside the site only under its base path.
            # Anything else on that host is not this site; the path returned is no file
            # of the site, so a link there is reported as leading nowhere.
            if href + "/" == self.base or href.startswith(self.base):
                href = "/" + href[len(self.base):]
            else:
                return href, fragment
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
            return None, fragment
        if not href:
            return page.site_path, fragment
        return self._resolve_path(posixpath.dirname("/" + page.site_path), href.split("?")[0]), fragment

    @functools.lru_cache(maxsize=None)  # noqa: B019 - one Site per check; links repeat a lot
    def _resolve_path(self, folder: str, href: str) -> str:
        path = posixpath.normpath(posixpath.join(folder, href)).lstrip("/")
        path = "" if path == "." else path
        if href.endswith("/") or not path or path in self.folders:
            path = (path + "/index.html").lstrip("/")
        return path


def _language_of(site_path: str, languages: Languages) -> Language:
    first = site_path.split("/", 1)[0]
    return languages.get(first) if first in languages.codes and "/" in site_path else languages.source


def _source_for(root: Path, site_path: str, lang: Language, languages: Languages) -> Source | None:
    relative = site_path[len(lang.prefix):] if site_path.startswith(lang.prefix) else site_path
    if relative == "404.html":
        return None
    stem = relative[: -len("index.html")].rstrip("/")
    candidates = [f"{stem}/index.md", f"{stem}.md"] if stem else ["index.md"]
    for code in (lang.code, languages.source.code):
        for candidate in candidates:
            path = root / "docs" / code / candidate
            if path.is_file():
                return Source(f"docs/{code}/{candidate}", path.read_text(encoding="utf-8"))
    return None


def load_site(site_dir: Path, root: Path, languages: Languages | None = None,
              shown: str | None = None) -> Site:
    languages = languages or load_languages(root)
    try:
        shown = shown or site_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = str(site_dir)
    site = Site(root, site_dir, shown, languages)
    for path in site_dir.rglob("*"):
        (site.folders if path.is_dir() else site.files).add(path.relative_to(site_dir).as_posix())
    for file in sorted(site_dir.rglob("*.html")):
        site_path = file.relative_to(site_dir).as_posix()
        lang = _language_of(site_path, languages)
        site.pages[site_path] = Page(site_path, file.read_text(encoding="utf-8"), lang,
                                     _source_for(root, site_path, lang, languages), site)
    for page in site.pages.values():
        canonical = page.tree.css_first('link[rel="canonical"]')
        if canonical is not None and page.url in canonical.attributes.get("href", ""):
            href = canonical.attributes["href"]
            site.origin = href[: len(href) - len(page.url)].rstrip("/") + "/"
            break
    return site


def load_exceptions(root: Path) -> list[dict]:
    """Exceptions to rules, each with the pages it covers and the reason (required)."""
    path = root / EXCEPTIONS_FILE
    if not path.exists():
        return []
    data = load_yaml(path, EXCEPTIONS_FILE.as_posix()) or {}
    entries = data.get("exceptions") or []
    for entry in entries:
        if not str(entry.get("reason", "")).strip():
            raise ValueError(f"{EXCEPTIONS_FILE}:{entry.start_line}: every exception needs a reason")
    return entries


def _excepted(finding: Finding, exceptions: list[dict]) -> bool:
    return any(entry.get("rule") == finding.rule
               and fnmatch.fnmatch(finding.page, entry.get("pages", "*"))
               for entry in exceptions)


def register_rules() -> None:
    """Every rule of the check in RULES (each module registers its rules on import)."""
    from . import (content, external, language, links, privacy, scripts,  # noqa: F401
                   structure, validity)


def check_site(site_dir: Path, root: Path, *, rules: set[str] | None = None,
               browser: bool = False, workers: int | None = None,
               external_cache: Path | None = None, shown: str | None = None,
               browser_cache: Path | None = None,
               validity_cache: Path | None = None,
               languages: Languages | None = None) -> list[Finding]:
    """Every finding on every page of every language (collect all, fail once).

    ``shown`` names the site folder in messages (a build checks a temporary folder that
    becomes ``site/``). ``browser_cache``: a file keeping the browser rules' results per
    page, reused where nothing a page's results depend on changed (browser_cache.py).
    ``validity_cache``: the same for the HTML checker, by the page's bytes (validity.py).
    ``languages``: the language list a build has read already (Project); without it, the
    check reads it itself."""
    from concurrent.futures import ThreadPoolExecutor

    from . import validity

    from .page_rules import PageFindings

    register_rules()
    site = load_site(site_dir, root, languages, shown=shown)
    chosen = [rule for rule in RULES.values() if not (rules and rule.id not in rules)
              and rule.family not in ("browser", "external") and rule.id != "html-valid"]
    # The page rules are shared with forked processes (page_rules.py), forked before the
    # HTML checker's thread starts, so no fork copies a thread.
    by_page = PageFindings(site, [rule for rule in chosen if rule.scope == "page"])
    # The HTML checker is a Java process of its own: it runs beside the other rules.
    pool = ThreadPoolExecutor(max_workers=1)
    validating = pool.submit(lambda: list(validity.html_valid(site, validity_cache))) if (
        not rules or "html-valid" in rules) else None
    findings: list[Finding] = by_page.collect()
    for rule in chosen:
        if rule.scope == "site":
            findings.extend(rule.check(site))
    if browser and browser_cache is not None:
        from .browser_cache import check_in_browser_cached

        findings.extend(check_in_browser_cached(site, browser_cache, workers=workers))
    elif browser:
        from .browser import check_in_browser

        findings.extend(check_in_browser(site, workers=workers))
    if external_cache is not None:
        from .external import check_external

        findings.extend(check_external(site, external_cache))
    if validating is not None:
        findings.extend(validating.result())
    pool.shutdown()
    exceptions = load_exceptions(root)
    findings = [f for f in findings if not _excepted(f, exceptions)]
    # A language still in progress builds at once: what it lacks is listed, not fatal.
    in_progress = {lang.code for lang in site.languages if lang.status == "in-progress"}
    findings = [replace(f, severity="warning") if f.lang in in_progress else f for f in findings]
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.rule, f.message))


def _language_in_path(path: str) -> str:
    """docs/ar/… and translations/ar.yml belong to ar; anything else to no language."""
    match = re.match(r"(?:docs/([a-z]{2,3})/|translations/([a-z]{2,3})\.yml)", path)
    return (match.group(1) or match.group(2)) if match else "-"


def summary(findings: list[Finding]) -> str:
    """Counts per rule and per language, for the end of a long list."""
    if not findings:
        return "No findings."
    by_rule = Counter(f.rule for f in findings)
    by_lang = Counter(f.lang or _language_in_path(f.path) for f in findings)
    lines = [f"{len(findings)} finding(s)."]
    lines.append("Per rule: " + ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())))
    lines.append("Per language: " + ", ".join(f"{lang} {n}" for lang, n in sorted(by_lang.items())))
    helps = [f"  {rule}: {RULES[rule].help}" for rule in sorted(by_rule) if rule in RULES]
    if helps:
        lines.append("How to fix:")
        lines.extend(helps)
    return "\n".join(lines)
