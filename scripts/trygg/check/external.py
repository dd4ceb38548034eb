"""External links, checked only when asked (``trygg check --external``).

TLS certificates are always verified; each address gets a timeout; answers are kept in a
cache for a day, so that a second run asks only what it has not asked recently. A failure
is listed with its reason (status code, certificate, timeout, name not found).
"""

from __future__ import annotations

import json
import ssl
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..problems import Problem
from .registry import rule

rule("link-external", "a link to another website does not work (the reason is given). Check "
     "the address in a browser, and correct or remove the link.")(lambda page: ())
CACHE_SECONDS = 24 * 3600
USER_AGENT = "trygg-link-check/1"  # says what is asking, politely


def _ask(url: str, timeout: float) -> str | None:
    """None when the address answers well; else the reason it failed."""
    context = ssl.create_default_context()  # verifies certificates and host names, always
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
                if response.status < 400:
                    return None
                reason = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            reason = f"HTTP {error.code}"
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
        except urllib.error.URLError as error:
            inner = error.reason
            if isinstance(inner, ssl.SSLCertVerificationError):
                return f"certificate not valid ({inner.verify_message})"
            return f"not reachable ({inner})"
        except (TimeoutError, OSError) as error:
            return f"no answer ({error or 'timeout'})"
        return reason
    return reason


def external_links(site) -> dict[str, list]:
    """Every address outside the site that a page links to, with the pages that do."""
    links: dict[str, list] = {}
    for page in site.pages.values():
        for node in page.tree.css("a[href^='http://'], a[href^='https://']"):
            links.setdefault(node.attributes["href"].split("#")[0], []).append((page, node))
    return links


def check_external(site, cache_file: Path, *, timeout: float = 10.0, workers: int = 8,
                   now: float | None = None) -> list[Problem]:
    now = time.time() if now is None else now
    cache = {}
    if cache_file.exists():
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    links = external_links(site)
    fresh = {url: cache[url]["error"] for url in links
             if url in cache and now - cache[url]["at"] < CACHE_SECONDS}
    to_ask = [url for url in links if url not in fresh]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for url, error in zip(to_ask, pool.map(lambda u: _ask(u, timeout), to_ask)):
            fresh[url] = error
            cache[url] = {"at": now, "error": error}
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    findings = []
    for url, error in sorted(fresh.items()):
        if error is None:
            continue
        in_text = [(page, node) for page, node in links[url] if _in_article(node)]
        for page, node in in_text:
            findings.append(page.finding("link-external", f"'{url}': {error}.", node,
                                         needles=(url,)))
        if len(in_text) < len(links[url]):  # the theme's (quick exit …): once, not per page
            page, node = next((p, n) for p, n in links[url] if not _in_article(n))
            findings.append(page.finding("link-external", f"'{url}' (on every page, from "
                                         f"mkdocs.yml or the theme): {error}.", node))
    return findings


def _in_article(node) -> bool:
    while node is not None:
        if node.tag == "article":
            return True
        node = node.parent
    return False
