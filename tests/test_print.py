"""Every page on paper: no header, menus, quick exit or sharing; the address of a link to
another website printed after it; right-to-left pages printed right to left."""

import pytest

from browser import chromium

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "ar/", "ti/"])
def test_a_page_prints_without_the_screen_furniture_and_with_link_addresses(real_site, serve, prefix):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{serve(real_site)}/{prefix}om-webbplatsen/tillganglighet/")
        page.emulate_media(media="print")
        result = page.evaluate("""() => {
            const shown = s => { const e = document.querySelector(s);
                                 return e && getComputedStyle(e).display !== 'none'; };
            const link = document.querySelector('article a.trygg-external');
            return {header: shown('.md-header'), nav: shown('.md-sidebar--primary'),
                    exit: shown('.trygg-exit'), share: shown('.trygg-share'),
                    address: getComputedStyle(link, '::after').content,
                    direction: getComputedStyle(document.querySelector('article')).direction};
        }""")
    address = result.pop("address")
    assert result == {"header": False, "nav": False, "exit": False, "share": False,
                      "direction": "rtl" if prefix == "ar/" else "ltr"}
    assert "https://www.digg.se/tdosanmalan" in address
