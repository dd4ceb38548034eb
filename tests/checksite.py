"""A two-language mini site (sv, ar) written by hand, clean by every static rule, for the
check's rule tests: each failing case changes one thing and expects one finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trygg.page_html import CONTENT_SECURITY_POLICY as CSP
from trygg.translation import source_hash

LANGUAGES_YML = """languages:
  - code: sv
    status: ready
  - code: ar
    status: ready
"""


@dataclass
class MiniPage:
    lang: str
    path: str  # inside the language: "" for the home page, "om/" for another
    title: str
    body: str
    markdown: str
    head: str = ""
    front: str = ""
    edit: object = None  # a function applied to the rendered HTML, for what the template fixes

    @property
    def site_path(self) -> str:
        prefix = "" if self.lang == "sv" else f"{self.lang}/"
        return f"{prefix}{self.path}index.html"


@dataclass
class MiniSite:
    pages: list[MiniPage] = field(default_factory=list)
    css: str = "body { color: #000; }\n"
    extra_files: dict = field(default_factory=dict)  # site path: text, for files besides pages

    def page(self, lang: str, path: str = "") -> MiniPage:
        return next(p for p in self.pages if p.lang == lang and p.path == path)

    def write(self, root: Path) -> Path:
        (root / "translations").mkdir(parents=True, exist_ok=True)
        (root / "translations" / "languages.yml").write_text(LANGUAGES_YML, encoding="utf-8")
        site = root / "site"
        for page in sorted(self.pages, key=lambda p: p.lang != "sv"):  # sources first
            file = site / page.site_path
            file.parent.mkdir(parents=True, exist_ok=True)
            html = self._html(page)
            file.write_text(page.edit(html) if page.edit else html, encoding="utf-8")
            name = page.path.rstrip("/") + ".md" if page.path else "index.md"
            md = root / "docs" / page.lang / name
            md.parent.mkdir(parents=True, exist_ok=True)
            front = page.front
            if "translation:" in front and "source:" not in front:
                swedish = (root / "docs" / "sv" / name).read_text(encoding="utf-8")
                front += f"  source: {source_hash(swedish)}\n"
            md.write_text(f"---\ntitle: {page.title}\n{front}---\n\n{page.markdown}", "utf-8")
        (site / "assets").mkdir(parents=True, exist_ok=True)
        (site / "assets" / "site.css").write_text(self.css, encoding="utf-8")
        (site / "assets" / "bild.png").write_bytes(b"\x89PNG\r\n")
        for name, text in self.extra_files.items():
            (site / name).write_text(text, encoding="utf-8")
        return site

    def _html(self, page: MiniPage) -> str:
        depth = page.site_path.count("/")
        up = "../" * depth
        alternates = "".join(
            f'<link rel="alternate" hreflang="{p.lang}" href="/{p.site_path[:-10]}">'
            for p in self.pages if p.path == page.path)
        alternates += "".join(f'<link rel="alternate" hreflang="x-default" href="/{p.site_path[:-10]}">'
                              for p in self.pages if p.path == page.path and p.lang == "sv")
        switcher = "".join(
            f'<li><a href="/{p.site_path[:-10]}" hreflang="{p.lang}" lang="{p.lang}">{p.lang}</a></li>'
            for p in self.pages if p.path == page.path)
        direction = "rtl" if page.lang == "ar" else "ltr"
        return f"""<!doctype html>
<html lang="{page.lang}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{page.title}</title>
<link rel="stylesheet" href="{up}assets/site.css">
{alternates}
{page.head}
</head>
<body dir="{direction}">
<header><div class="md-select"><ul class="md-select__list">{switcher}</ul></div></header>
<article>
{page.body}
</article>
</body>
</html>
"""


def clean_site() -> MiniSite:
    return MiniSite([
        MiniPage("sv", "", "Start", '<h1 id="start">Start</h1>\n<p>Läs om <a href="om/">oss</a>.</p>',
                 "# Start\n\nLäs om [oss](om.md).\n"),
        MiniPage("sv", "om/", "Om oss", '<h1 id="om-oss">Om oss</h1>\n<h2 id="vilka">Vilka</h2>\n'
                 '<p>Till <a href="../#start">starten</a>.</p>',
                 "# Om oss\n\n## Vilka\n\nTill [starten](index.md#start).\n"),
        MiniPage("ar", "", "البداية", '<h1 id="b">البداية</h1>\n<p>اقرأ <a href="om/">عنا</a>.</p>',
                 "# البداية\n\nاقرأ [عنا](om.md).\n", front="translation:\n  status: reviewed\n"),
        MiniPage("ar", "om/", "من نحن", '<h1 id="m">من نحن</h1>\n<p>نص.</p>',
                 "# من نحن\n\nنص.\n", front="translation:\n  status: reviewed\n"),
    ])
