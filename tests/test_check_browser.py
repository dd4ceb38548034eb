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


def _reader_site():
    """One page per rule of reader.py, each failing it once. Where a rule needs the theme's
    header, a sticky element of Material's class stands in for it, taller than half the
    screen: Chromium scrolls a focused element to the middle, which is then under it."""
    site = clean_site()
    site.css += (
        "@media (prefers-color-scheme: dark) { body { background: #111; color: #eee; }"
        " a { color: #9cf; } .dunkel { color: #333; } }\n"
        ".bort { position: absolute; left: -9999px; }\n"
        ".osynlig { opacity: 0; }\n"
        ".md-header { position: sticky; top: 0; height: 500px; background: #fff; color: #000; z-index: 2; }\n"
        ".lang { height: 3000px; }\n")

    def page(slug, body, markdown):
        for lang in ("sv", "ar"):
            text = body if lang == "sv" else body.replace(slug, slug + "-ar")
            site.pages.append(MiniPage(lang, f"{slug}/", f"{slug} {lang}",
                                       f"<h1>{slug}</h1>\n{text}", f"# {slug}\n\n{markdown}",
                                       front="" if lang == "sv" else "translation:\n  status: reviewed\n"))

    page("morkt", '<p class="dunkel">Mörk text på mörk botten.</p>', "Mörk text på mörk botten.\n")
    page("bort", '<p><a class="bort" href="../">Bort från skärmen</a></p>', "[Bort från skärmen](../)\n")
    page("osynlig", '<p><button type="button" class="osynlig">Osynlig knapp</button></p>',
         "Osynlig knapp\n")
    page("under", '<div class="md-header">Sidhuvud</div>\n<div class="lang"></div>\n'
         '<p><a href="../">Första länken</a></p>\n<div class="lang"></div>\n'
         '<p><a href="../../">Sista länken</a></p>',
         "[Första länken](../)\n\n[Sista länken](../../)\n")
    page("namnlos", '<p><button type="button" class="ikon"></button> En knapp utan namn.</p>',
         "En knapp utan namn.\n")
    page("ordning", '<p><a href="../" tabindex="3">Först i tabbordningen</a></p>',
         "[Först i tabbordningen](../)\n")
    page("formular", '<form><p><label><input type="radio" name="svar" value="ja"> Ja</label></p>'
         '<p><label for="not">Anteckning</label> <textarea id="not" name="not"></textarea></p>'
         '</form>', "Ja\n\nAnteckning\n")
    return site


def test_each_reader_rule_fails_on_its_page(tmp_path):
    written = _reader_site().write(tmp_path)
    found = {(f.rule, f.path, f.line) for f in check_site(written, tmp_path, browser=True, workers=2)}
    expected = {
        ("color-contrast-dark", "docs/sv/morkt.md", 7),
        ("focus-off-screen", "docs/sv/bort.md", 7),
        ("focus-hidden", "docs/sv/osynlig.md", 7),
        ("focus-obscured", "docs/sv/under.md", 7),
        ("focus-unnamed", "site/namnlos/index.html", 1),
        ("focus-order", "docs/sv/ordning.md", 7),
        ("form-restored", "site/formular/index.html", 1),
    }
    assert expected <= found, "\n".join(map(str, sorted(found)))
    assert not {f for f in found if f[0].startswith(("focus-", "form-")) and "/sv/" not in f[1]
                and "/ar/" not in f[1] and not f[1].startswith("site/")}


def test_storage_written_by_answering_a_form_is_found(tmp_path):
    """Back answers the first form of each language; what the answer stores is read after
    it, not only what the page stores on opening (the check reads storage in one exchange
    with axe on other pages, before anything is answered)."""
    site = clean_site()
    for lang in ("sv", "ar"):
        site.pages.append(MiniPage(
            lang, "svar/", f"svar {lang}",
            '<h1>svar</h1>\n<form><p><label><input type="radio" name="svar" value="ja"> Ja'
            '</label></p></form>', "# svar\n\nJa\n",
            head='<script src="../assets/svar.js" defer></script>' if lang == "sv" else "",
            front="" if lang == "sv" else "translation:\n  status: reviewed\n"))
    written = site.write(tmp_path)
    (written / "assets" / "svar.js").write_text(
        "document.addEventListener('change', () => localStorage.setItem('svar', 'ja'));\n")
    found = {(f.rule, f.path) for f in check_site(written, tmp_path, browser=True, workers=2)}
    assert ("storage-used", "site/svar/index.html") in found, sorted(found)
