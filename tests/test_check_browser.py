"""The check's browser rules in Debian's Chromium: each fails on its page of a bad mini
site, with the rule id, the file and the line; the clean mini site passes."""

import pytest

from checksite import MiniPage, clean_site
from trygg.check import check_site

pytestmark = pytest.mark.browser


def browser_findings(tmp_path, site):
    found = check_site(site.write(tmp_path), tmp_path, browser=True, workers=2)
    return {(f.rule, f.path, f.line) for f in found}


def test_the_clean_mini_site_passes_in_the_browser(tmp_path):
    assert browser_findings(tmp_path, clean_site()) == set()


def _bad_site():
    site = clean_site()
    site.css += (".grey { color: #bbb; background: #fff; }\n"
                 ".wide { width: 900px; }\n")

    def page(slug, body, markdown, head=""):
        for lang in ("sv", "ar"):  # every page exists in both languages, like the real site
            text = body if lang == "sv" else body.replace(slug, slug + "-ar")
            site.pages.append(MiniPage(lang, f"{slug}/", f"{slug} {lang}",
                                       f"<h1>{slug}</h1>\n{text}", f"# {slug}\n\n{markdown}",
                                       head=head if lang == "sv" else "",
                                       front="" if lang == "sv" else "translation:\n  status: reviewed\n"))

    page("kontrast", '<p class="grey">Grå text som är svår att läsa.</p>',
         "Grå text som är svår att läsa.\n{ .grey }\n")
    page("bred", '<p class="wide">En rad som är bredare än en smal telefon.</p>',
         "En rad som är bredare än en smal telefon.\n")
    page("extern", '<p><img src="http://localhost:9/x.png" alt="Bild"></p>', "![Bild](http://localhost:9/x.png)\n")
    page("kaka", "<p>Sätter en kaka.</p>", "Sätter en kaka.\n",
         head='<script src="../assets/kaka.js"></script>')
    page("lagring", "<p>Sparar något.</p>", "Sparar något.\n",
         head='<script src="../assets/lagring.js"></script>')
    page("inline", "<p>Ett inline-skript.</p>", "Ett inline-skript.\n",
         head="<script>document.title = 'x';</script>")
    return site


def test_each_browser_rule_fails_on_its_page(tmp_path):
    site = _bad_site()
    root = tmp_path
    written = site.write(root)
    (written / "assets" / "kaka.js").write_text("document.cookie = 'spår=1; path=/';\n")
    (written / "assets" / "lagring.js").write_text("localStorage.setItem('spår', '1');\n")
    found = {(f.rule, f.path, f.line) for f in check_site(written, root, browser=True, workers=2)}
    expected = {
        ("color-contrast", "docs/sv/kontrast.md", 7),
        ("reflow", "docs/sv/bred.md", 7),
        ("external-request", "site/extern/index.html", 1),
        ("third-party-load", "docs/sv/extern.md", 7),  # the static rule sees it too
        ("cookie-set", "site/kaka/index.html", 1),
        ("storage-used", "site/lagring/index.html", 1),
        ("csp-violation", "site/inline/index.html", 1),
    }
    assert expected <= found, "\n".join(map(str, sorted(found)))


def test_the_check_runs_in_the_headless_shell_when_debian_has_it(monkeypatch):
    from trygg.check import browser

    installed = {"chromium": "/usr/bin/chromium"}
    monkeypatch.setattr(browser.shutil, "which", installed.get)
    assert browser.check_browser_path() == "/usr/bin/chromium"  # the whole browser will do
    installed["chromium-headless-shell"] = "/usr/bin/chromium-headless-shell"
    assert browser.check_browser_path() == "/usr/bin/chromium-headless-shell"
    assert browser.chromium_path() == "/usr/bin/chromium"  # screenshots keep the browser
