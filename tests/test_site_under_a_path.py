"""A site served under a path (a GitHub Pages project site: https://<owner>.github.io/<repo>/)
builds and checks clean; an address from the host's root outside that path is still a link
that leads nowhere (README, "Continuous integration and publishing")."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from trygg.check import check_site

SITE_URL = "https://example.github.io/trygga-barn/"


def trygg(project: Path, *args: str, site_url: str | None) -> subprocess.CompletedProcess:
    """``trygg`` with SITE_URL set to ``site_url`` (None: not set, mkdocs.yml's address)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url or ""}
    if site_url is None:
        del env["SITE_URL"]
    return subprocess.run([sys.executable, "-m", "trygg.cli", *args], cwd=project,
                          capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def under_a_path(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("path"), FIXTURES / "i18n-site" / "docs")
    result = trygg(project, "build", "--no-browser", site_url=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_a_site_under_a_path_builds_and_checks_clean(under_a_path):
    home = (under_a_path / "site" / "ar" / "index.html").read_text(encoding="utf-8")
    # The build wrote the path into the head (the absolute addresses the check must follow).
    assert f'<link rel="canonical" href="{SITE_URL}ar/">' in home
    assert f'href="{SITE_URL}" hreflang="sv"' in home
    # The 404 page links from the host's root (it is shown at any depth).
    missing = (under_a_path / "site" / "404.html").read_text(encoding="utf-8")
    assert '<script src="/trygga-barn/assets/javascripts/theme-globals.js">' in missing
    result = trygg(under_a_path, "check", "--no-browser", site_url=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr


def _with_link(project: Path, href: str) -> None:
    page = project / "site" / "ar" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", f'<p><a href="{href}">x</a></p></article>', 1),
                    encoding="utf-8")


@pytest.mark.parametrize("href, broken", [
    ("/trygga-barn/ti/", False),             # from the host's root, inside the site
    ("/trygga-barn/assets/stylesheets/site.css", False),
    ("/trygga-barn", False),                 # the site's home without its last /
    ("/ti/", True),                          # the host's /ti/: another site, not ours
    ("/trygga-barn/finns-inte/", True),
])
def test_an_address_from_the_hosts_root_is_inside_the_site_only_under_its_path(
        tmp_path, under_a_path, href, broken):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    subprocess.run(["cp", "-r", str(under_a_path / "site"), str(project)], check=True)
    _with_link(project, href)
    findings = check_site(project / "site", project, rules={"link-broken"})
    assert [f.message for f in findings] == (
        [f"'{href}' leads to a page or file that does not exist."] if broken else [])


def test_the_browser_rules_see_a_site_under_a_path_as_they_see_it_at_a_root(tmp_path, under_a_path):
    # The local server serves the site under its path, so that the 404 page's addresses from
    # the host's root (its styles and scripts) load as they will when published. The fixture
    # has findings of its own in the browser (reflow in its right-to-left sidebar); the path
    # must change none of them.
    at_root = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    built = trygg(at_root, "build", "--no-browser", site_url=None)
    assert built.returncode == 0, built.stderr
    findings = {}
    for project, site_url in ((at_root, None), (under_a_path, SITE_URL)):
        result = trygg(project, "check", site_url=site_url)
        findings[site_url] = sorted(line for line in result.stderr.splitlines()
                                    if re.match(r"^\S+:\d+: [a-z-]+: ", line))
    assert findings[SITE_URL] == findings[None]


def test_the_browser_check_serves_the_site_under_its_path_so_the_404_page_is_whole(under_a_path):
    # Reached at any depth, the 404 page asks for its styles and scripts from the host's
    # root (/trygga-barn/assets/…): the browser rules must see it styled, as readers will.
    from browser import Watch, chromium
    from trygg.check.core import load_site
    from trygg.localserver import serving

    site = load_site(under_a_path / "site", under_a_path)
    assert site.base == "/trygga-barn/"
    with serving(site.site_dir, site.base) as base, chromium() as browser:
        assert base.endswith("/trygga-barn")
        tab = browser.new_page()
        watch, failed = Watch(tab), []
        tab.on("response", lambda response: response.status >= 400 and failed.append(response.url))
        tab.goto(base + "/404.html", wait_until="load")
        assert tab.evaluate("getComputedStyle(document.body).fontFamily") != \
            browser.new_page().evaluate("getComputedStyle(document.body).fontFamily")
        tab.goto(base.removesuffix("/trygga-barn") + "/ti/", wait_until="load")  # not our site
    assert failed == [base.removesuffix("/trygga-barn") + "/ti/"], failed
    assert [u for u in watch.requests if "/assets/stylesheets/" in u], watch.requests


def test_an_empty_site_url_means_not_set(tmp_path):
    # A pull request from a fork (or any before the repository variable exists) gets SITE_URL
    # empty: it builds and checks with mkdocs.yml's address, as with SITE_URL unset.
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    result = trygg(project, "build", "--no-browser", site_url="")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (project / "site" / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://trygga-barn.example/ar/">' in home
    assert trygg(project, "check", "--no-browser", site_url="").returncode == 0


def test_the_browser_check_loads_the_404_page_under_the_sites_path(under_a_path):
    # What browser.py asks the local server for: its record of what each page loaded (the
    # browser cache keys results by those files) is by site path only when the site is
    # served under its own path; from the host's root the files would not be found.
    from trygg.check.browser import check_in_browser
    from trygg.check.core import load_site

    loaded: dict[str, list[str]] = {}
    check_in_browser(load_site(under_a_path / "site", under_a_path), workers=1,
                     only={"404.html"}, loaded=loaded)
    assert "/assets/stylesheets/site.css" in loaded["404.html"], loaded
    assert not [url for url in loaded["404.html"] if "trygga-barn" in url], loaded
