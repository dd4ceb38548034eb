"""Nothing from third parties, a Content-Security-Policy on every page."""

import base64
import hashlib
import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser


def pages(site):
    return sorted(site.rglob("*.html"))


def _loads(html: HTMLParser):
    """Every address a page makes the browser fetch on its own (links to click are not)."""
    for node in html.css("script[src], img[src], iframe[src], video[src], audio[src], "
                         "source[src], embed[src], track[src]"):
        yield node.attributes["src"]
    for node in html.css("object[data]"):
        yield node.attributes["data"]
    for node in html.css("form[action]"):
        yield node.attributes["action"]
    for node in html.css("link[href]"):
        if not {"alternate", "canonical"} & set((node.attributes.get("rel") or "").split()):
            yield node.attributes["href"]


def test_no_page_or_stylesheet_loads_anything_from_another_origin(real_site):
    offenders = []
    for path in pages(real_site):
        html = HTMLParser(path.read_text(encoding="utf-8"))
        offenders += [(path.name, url) for url in _loads(html) if re.match(r"(https?:)?//", url)]
    for path in real_site.rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [(path.name, m) for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", text)]
        offenders += [(path.name, m) for m in re.findall(r"@import\s+['\"]?(?:url\()?['\"]?(?:https?:)?//", text)]
    assert offenders == []


def test_every_page_has_a_csp_that_allows_only_itself_and_its_own_inline_scripts(real_site):
    for path in pages(real_site):
        html = HTMLParser(path.read_text(encoding="utf-8"))
        meta = html.css_first('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, path
        policy = meta.attributes["content"]
        assert "unsafe-inline" not in policy and "http" not in policy
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        for script in html.css("script"):
            if "src" in script.attributes or script.attributes.get("type") == "application/json":
                continue
            digest = base64.b64encode(hashlib.sha256(script.text().encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, path


def test_no_inline_event_handlers(real_site):
    for path in pages(real_site):
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", path.read_text(encoding="utf-8")), path
