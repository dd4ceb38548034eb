"""Scripts and addresses: only the site's own script files run, and no link runs code.

The allow-list is fixed, never read from the page being judged: the one inline block the
theme writes is Material's configuration (JSON, not executed); every script file lives in
the site's ``assets/javascripts/`` (Material's bundle and our files in overrides/).
"""

from __future__ import annotations


from ..page_html import CONTENT_SECURITY_POLICY
from ..raw_html import UNSAFE_SCHEME
from .privacy import OTHER_ORIGIN
from .registry import rule

# The only inline <script> a template may write: Material's configuration block.
ALLOWED_INLINE = {("__config", "application/json")}
SCRIPT_FOLDER = "assets/javascripts/"
_ADDRESS_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data")


@rule("inline-script", "a page carries an inline <script> that is not the theme's: scripts in "
      "Markdown, data files or translations are not allowed. Remove it; behaviour belongs in a "
      "file in overrides/assets/javascripts/, listed in mkdocs.yml (extra_javascript).")
def inline_script(page):
    for node in page.tree.css("script"):
        if "src" in node.attributes:
            continue
        kind = (node.attributes.get("type") or "").strip().lower()
        if (node.attributes.get("id"), kind) in ALLOWED_INLINE:
            continue
        body = (node.text(deep=True) or "").strip()
        yield page.finding("inline-script", f"an inline script ({body[:60]!r}) that the "
                           "security policy will block and that no template writes.", node,
                           needles=("<script", body[:40]))


@rule("script-source", "a page loads a script that is not one of the site's own files in "
      "assets/javascripts/. Add scripts to overrides/assets/javascripts/ and mkdocs.yml.")
def script_source(page):
    for node in page.tree.css("script[src]"):
        raw = node.attributes.get("src") or ""
        src = raw.split("?")[0]
        if OTHER_ORIGIN.match(src):
            continue  # another website's script: third-party-load says so, once
        path = page.site.resolve(page, src)[0] or ""  # the site's base path understood
        if not path.startswith(SCRIPT_FOLDER) or path not in page.site.files:
            yield page.finding("script-source", f"<script src='{src}'> is not a script file "
                               "of the site.", node, needles=(f'src="{raw}"',))


@rule("link-unsafe", "a link or source uses a javascript:, vbscript: or data: address, which "
      "runs code or hides a document. Link to a page or a file by its path or web address.")
def link_unsafe(page):
    selector = ", ".join(f"[{a}]" for a in _ADDRESS_ATTRIBUTES)
    for node in page.tree.css(selector):
        for name in _ADDRESS_ATTRIBUTES:
            value = node.attributes.get(name)
            if value and UNSAFE_SCHEME.match(value):
                yield page.finding("link-unsafe", f"<{node.tag} {name}='{value[:40]}'> runs "
                                   "code or hides a document.", node, needles=(value[:30],))


@rule("csp-present", "every page needs the Content-Security-Policy that trygg-i18n adds "
      "(scripts/trygg/page_html.py): scripts only from the site's own files, no inline script.")
def csp_present(page):
    meta = page.tree.css_first('meta[http-equiv="Content-Security-Policy"]')
    policy = (meta.attributes.get("content") or "") if meta is not None else ""
    if not policy:
        yield page.finding("csp-present", "the page has no Content-Security-Policy.",
                           needles=("<head",))
    elif policy != CONTENT_SECURITY_POLICY:
        yield page.finding("csp-present", f"the policy is not the site's: {policy}",
                           needles=("Content-Security-Policy",))


# The kinds of file the site may hold: its pages, styles, scripts and data, pictures, fonts
# and PDFs. Anything else (an SVG, XHTML or XML file can carry a script that runs on the
# site's address without the pages' policy) is reported wherever it came from.
SITE_FILES = (".html", ".css", ".js", ".map", ".json", ".pdf", ".png", ".jpg", ".jpeg",
              ".webp", ".gif", ".ico", ".woff2", ".woff", ".ttf", ".txt")
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


@rule("file-unsafe", "the site holds a kind of file a browser may run script in (an SVG, "
      "XHTML or XML file). Save pictures as PNG or JPEG; keep pages in Markdown.", scope="site")
def file_unsafe(site):
    from ..problems import Problem

    for relative in sorted(site.files):
        name = relative.rsplit("/", 1)[-1]
        if name in SITEMAPS or name.lower().endswith(SITE_FILES):
            continue
        yield Problem(f"{site.shown}/{relative}", 1, "file-unsafe", f"'{name}' is not a kind "
                      "of file the site publishes.", page=relative)
