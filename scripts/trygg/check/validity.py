"""Valid HTML (WCAG 2.1 success criterion 4.1.1, Parsing): the W3C Nu Html Checker over every
page of every language, in one Java process.

The checker is vnu-jar, pinned in scripts/browser/package.json (README, "Dependencies").
Only its errors count: its warnings are advice, and its Content-Security-Policy notes judge
the policy against file: addresses, where 'self' never matches (the browser rules check the
policy for real).

The checker's answer for a page depends on the page's bytes and on the checker alone, so it
is kept per page (``.cache/html-valid.json``) and the checker runs only on pages whose HTML
changed: after a one-page edit it reads ten pages, not 250, and with nothing changed Java
never starts. Every message the checker gave is kept, so a kept answer is the checker's
answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from ..problems import Problem
from . import cachefile
from .registry import rule

# Messages of the checker that one of our own rules already gives, with the source line and
# a fix an editor understands: one root cause, one finding.
COVERED_BY_OUR_RULES = {
    "skipping": "heading-order",
    "must have an \u201calt\u201d attribute": "image-alt",
    "Element \u201ctitle\u201d must not be empty": "document-title",
}
VNU = Path(__file__).resolve().parents[2] / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


OPTIONS = ["--errors-only", "--format", "json", "--skip-non-html"]


def validator_command(files: list[Path]) -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        return []
    # A small heap and one compiler thread: the check shares two cores with the browser rules.
    return [java, "-Xss2m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), *OPTIONS,
            *map(str, files)]


def checker_fingerprint() -> str:
    """What the checker's answers depend on besides the page: vnu-jar, Java, the options."""
    stat = VNU.stat() if VNU.exists() else None
    java = shutil.which("java") or ""
    java_real = os.path.realpath(java) if java else ""
    parts = (f"{VNU} {stat.st_size if stat else 0} {stat.st_mtime_ns if stat else 0}",
             java_real, " ".join(OPTIONS))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@rule("html-valid", "the page is not valid HTML (W3C Nu Html Checker). In Markdown, close every "
      "tag you open and write each attribute once; in a template, see the checker's message.",
      scope="site")
def html_valid(site, cache_file: Path | None = None):
    if not validator_command([]):
        yield Problem("scripts/browser/package.json", 1, "html-valid", "the HTML checker cannot "
                      "run: it needs Java (Debian: openjdk-17-jre-headless) and vnu-jar "
                      "(installed by make); run scripts/setup-system, then make.")
        return
    fingerprint = checker_fingerprint()
    keys = {path: hashlib.sha256(f"{fingerprint}\0{page.html}".encode("utf-8")).hexdigest()
            for path, page in site.pages.items()}
    kept = cachefile.read(cache_file) if cache_file else {}
    answers = {path: kept[path]["messages"] for path in keys
               if isinstance(kept.get(path), dict) and kept[path].get("key") == keys[path]}
    todo = sorted(path for path in keys if path not in answers)
    if todo:
        try:
            answers.update(_run_checker(site.site_dir, todo))
        except CheckerFailed as error:
            yield Problem("scripts/browser/package.json", 1, "html-valid",
                          f"the HTML checker failed: {error}")
            return
    if cache_file:
        cachefile.write(cache_file, {path: {"key": keys[path], "messages": answers[path]} for path in keys})
    root = site.site_dir.resolve()
    for path in sorted(answers):
        for message in answers[path]:
            yield from _report(site, root, {**message, "url": (root / path).as_uri()})


class CheckerFailed(Exception):
    pass


def _run_checker(site_dir: Path, paths: list[str]) -> dict[str, list[dict]]:
    """The checker's messages for each of these pages (an empty list for a valid page)."""
    result = subprocess.run(validator_command([site_dir / path for path in paths]),
                            capture_output=True, text=True, check=False)
    try:
        messages = json.loads(result.stderr or "{}").get("messages", [])
    except json.JSONDecodeError as error:
        raise CheckerFailed(result.stderr.strip()[:300]) from error
    root = site_dir.resolve()
    answers: dict[str, list[dict]] = {path: [] for path in paths}
    for message in messages:
        path = _site_path(message.get("url", ""), root)
        if path not in answers:
            # Not about one of the pages asked for (the checker itself): never kept.
            raise CheckerFailed(message.get("message", "")[:300])
        answers[path].append({k: v for k, v in message.items() if k != "url"})
    return answers


def _report(site, root: Path, message: dict):
    if message.get("type") == "error" and not any(
            text in message.get("message", "") for text in COVERED_BY_OUR_RULES):
        yield _finding(site, root, message)


def _finding(site, root: Path, message: dict) -> Problem:
    site_path = _site_path(message.get("url", ""), root)
    page = site.pages.get(site_path)
    text = message.get("message", "").replace("“", "'").replace("”", "'")
    extract = " ".join((message.get("extract") or "").split())
    detail = f"{text} (at: {extract[:80]})" if extract else text
    line = int(message.get("lastLine") or 1)
    if page is None:
        return Problem(f"{site.shown}/{site_path}", line, "html-valid", detail, page=site_path)
    if page.source is not None and _inside_article(page.html, line):
        return Problem(page.source.shown, page.source.line_of(*_needles(message)),
                       "html-valid", detail, lang=page.lang.code, page=site_path)
    return Problem(f"{site.shown}/{site_path}", line, "html-valid", detail + " The markup "
                   "comes from the theme (overrides/).", lang=page.lang.code, page=site_path)


def _needles(message: dict) -> tuple[str, ...]:
    """Words of the text around the faulty markup (the checker's extract, which ends just
    after it), to find its line in the Markdown: the last words first."""
    text = LexborHTMLParser(message.get("extract") or "", is_fragment=True).text() or ""
    words = [word for word in text.split() if len(word) > 1]
    return tuple(" ".join(part) for part in (words[-3:], words[-1:], words[:3]) if part)


def _site_path(url: str, root: Path) -> str:
    path = unquote(re.sub(r"^file:(//)?", "", url))
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def _inside_article(html: str, line: int) -> bool:
    """Whether a line of the built page lies in its article (the Markdown's text)."""
    lines = html.splitlines()
    start = next((n for n, row in enumerate(lines, 1) if "<article" in row), None)
    end = next((n for n, row in enumerate(lines, 1) if "</article>" in row), None)
    return start is not None and end is not None and start <= line <= end
