"""The editors' verbs as CONTRIBUTING.md shows them: new-page, new-lang, status, translated,
reviewed and serve, on a copy of the project."""

import os
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

from conftest import FIXTURES, make_project
from trygg.languages import load_languages
from trygg.status import translation_status
from trygg.translation import read_page, source_hash

TRYGG = [sys.executable, "-m", "trygg.cli"]
FIXTURE_PAGES = sorted((FIXTURES / "i18n-site" / "docs" / "sv").rglob("*.md"))


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, FIXTURES / "i18n-site" / "docs", keep_nav=False)


def trygg(project, *args):
    return subprocess.run([*TRYGG, *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_new_page_creates_the_swedish_page_and_a_menu_entry_and_no_copies(tmp_path):
    project = make_project(tmp_path, keep_nav=True)
    result = trygg(project, "new-page", "gangsnacket/en-ny-sida", "--title", "En ny sida")
    assert result.returncode == 0, result.stderr
    swedish = (project / "docs/sv/gangsnacket/en-ny-sida.md").read_text("utf-8")
    assert "# En ny sida" in swedish and "translation:" not in swedish
    for code in load_languages(project).codes[1:]:
        assert not (project / f"docs/{code}/gangsnacket/en-ny-sida.md").exists()
    nav = (project / "mkdocs.yml").read_text("utf-8").split("\nnav:")[1]
    assert "      - gangsnacket/en-ny-sida.md" in nav.splitlines()
    rows = {row.code: row for row in translation_status(project, load_languages(project))}
    assert all("gangsnacket/en-ny-sida.md" in row.missing for row in rows.values())


def test_a_new_page_shows_the_current_swedish_text_in_every_language(project):
    """new-page, then a Swedish edit: the Arabic page shows the edited Swedish text."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "nav:\n  - index.md\n  - layout.md\n"
                      "  - bara-svenska.md\n  - om-webbplatsen/dolj-ditt-besok.md\n"
                      "  - om-webbplatsen/integritet.md\n  - om-webbplatsen/tillganglighet.md\n",
                      "utf-8")
    assert trygg(project, "new-page", "en-ny-sida", "--title", "En ny sida").returncode == 0
    page = project / "docs/sv/en-ny-sida.md"
    page.write_text(page.read_text("utf-8").replace(
        "Skriv här vem sidan är för och vad den handlar om.",
        "Den här sidan är för föräldrar som undrar var barnen är på kvällen."), "utf-8")
    build = trygg(project, "build", "--no-browser")
    assert build.returncode == 0, build.stderr
    html = (project / "site/ar/en-ny-sida/index.html").read_text("utf-8")
    assert "föräldrar som undrar var barnen är" in html
    assert "Skriv här" not in html
    strings = yaml.safe_load((project / "translations/ar.yml").read_text("utf-8"))
    assert strings["notice.missing"] in html  # readers are told, in Arabic
    assert '<div lang="sv" dir="ltr">' in html


def test_new_page_refuses_a_name_that_is_not_ascii_words(project):
    result = trygg(project, "new-page", "gängsnacket/Ny sida", "--title", "Ny")
    assert result.returncode == 1
    assert "page-name" in result.stderr


def test_new_lang_adds_a_language_that_builds_at_once_with_its_gaps_as_warnings(project):
    result = trygg(project, "new-lang", "fi")
    assert result.returncode == 0, result.stderr
    languages = load_languages(project)
    assert languages.codes[-1] == "fi" and languages.get("fi").status == "in-progress"
    assert languages.get("fi").name == "Suomi"
    strings = yaml.safe_load((project / "translations/fi.yml").read_text("utf-8"))
    swedish = yaml.safe_load((project / "translations/sv.yml").read_text("utf-8"))
    assert set(strings) == set(swedish)
    assert strings["toc"] == "Sisällysluettelo"  # Material's own Finnish, where it has one
    assert strings["notice.machine"] in ("", None)  # ours: to fill
    assert not (project / "docs/fi").exists()  # no copies: every page shows the Swedish one

    build = trygg(project, "build", "--no-browser")
    assert build.returncode == 0, build.stderr
    assert "translations/fi.yml" in build.stderr and "warning:" in build.stderr
    html = (project / "site/fi/index.html").read_text("utf-8")
    assert '<html lang="fi"' in html

    rows = {row.code: row for row in translation_status(project, languages)}
    assert len(rows["fi"].missing) == len(FIXTURE_PAGES)  # every page, not translated yet
    assert "<h1" in (project / "site/fi/layout/index.html").read_text("utf-8")


def test_a_language_marked_ready_turns_its_gaps_into_errors(project):
    trygg(project, "new-lang", "fi")
    path = project / "translations/languages.yml"
    path.write_text(path.read_text("utf-8").replace("status: in-progress", "status: ready"), "utf-8")
    build = trygg(project, "build", "--no-browser")
    assert build.returncode == 1
    assert "translations/fi.yml:5: strings-empty:" in build.stderr


def test_new_lang_refuses_unknown_and_existing_codes(project):
    for code, words in (("xq", "CLDR"), ("ar", "already")):
        result = trygg(project, "new-lang", code)
        assert result.returncode == 1 and words in result.stderr


def test_status_counts_reviewed_machine_outdated_and_missing(project):
    result = trygg(project, "status")
    assert result.returncode == 0
    rows = {line.split()[0]: line.split()[-4:] for line in result.stdout.splitlines()[1:]}
    total = len(FIXTURE_PAGES)  # ar: index machine, layout reviewed; ti: index outdated
    assert rows["ar"] == ["1", "1", "0", str(total - 2)]
    assert rows["ti"] == ["0", "0", "1", str(total - 1)]
    assert trygg(project, "status", "--strict").returncode == 1
    markdown = trygg(project, "status", "--format", "md").stdout
    assert markdown.startswith("# Translation status") and "| ti |" in markdown


def test_translated_and_reviewed_record_the_source_version_and_status(project):
    assert trygg(project, "translated", "index.md", "--lang", "ti").returncode == 0
    meta = read_page(project / "docs/ti/index.md", "ti").meta
    swedish = (project / "docs/sv/index.md").read_text("utf-8")
    assert meta["translation"] == {"status": "machine", "source": source_hash(swedish)}
    assert trygg(project, "reviewed", "index.md", "--lang", "ti").returncode == 0
    assert read_page(project / "docs/ti/index.md", "ti").meta["translation"]["status"] == "reviewed"
    build = trygg(project, "build", "--no-browser")
    assert build.returncode == 0, build.stderr
    assert "trygg-notice" not in (project / "site/ti/index.html").read_text("utf-8")


def _get(url: str, deadline: float) -> str:
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=2).read().decode()
        except OSError:
            time.sleep(0.5)
    return ""


def test_serve_previews_one_language_and_tells_the_truth_and_leaves_nothing(project, tmp_path):
    """Findings on the first build and on a rebuild after translations/ changes; a stop
    signal leaves no temporary site behind."""
    (tmp_path / "tmp").mkdir()
    replace_in = project / "docs/ar/layout.md"
    replace_in.write_text(replace_in.read_text("utf-8").replace("status: reviewed",
                                                                "status: klar"), "utf-8")
    server = subprocess.Popen([*TRYGG, "serve", "--lang", "ar", "--port", "8765"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                   "TMPDIR": str(tmp_path / "tmp")})
    try:
        html = _get("http://127.0.0.1:8765/", time.monotonic() + 60)
        strings = project / "translations/ar.yml"
        strings.write_text(strings.read_text("utf-8") + "toc: مكرر\n", "utf-8")
        time.sleep(8)  # the watcher waits for quiet, then rebuilds
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode(errors="replace")
    assert '<html lang="ar"' in html and 'dir="rtl"' in html, output
    assert "docs/ar/layout.md:5: translation-status:" in output  # on the first build
    assert "translations/ar.yml" in output and "yaml-duplicate-key" in output  # on the rebuild
    assert "Traceback" not in output
    assert server.returncode == 0, output  # stopping is how a preview ends
    assert not list((tmp_path / "tmp").iterdir()), "the preview left a temporary folder"


def test_move_page_renames_in_every_language_with_links_and_translation_states(project):
    page = project / "docs/sv/bara-svenska.md"
    page.write_text(page.read_text("utf-8") + "\nTillbaka till [början](index.md).\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "nav:\n  - index.md\n  - bara-svenska.md\n"
                      "  - layout.md\n  - om-webbplatsen/dolj-ditt-besok.md\n"
                      "  - om-webbplatsen/integritet.md\n  - om-webbplatsen/tillganglighet.md\n",
                      "utf-8")
    before = {row.code: row for row in translation_status(project, load_languages(project))}
    result = trygg(project, "move-page", "bara-svenska", "om-webbplatsen/bara-pa-svenska")
    assert result.returncode == 0, result.stderr
    assert not (project / "docs/sv/bara-svenska.md").exists()
    moved = (project / "docs/sv/om-webbplatsen/bara-pa-svenska.md").read_text("utf-8")
    assert "[början](../index.md)" in moved  # its own links still lead where they did
    for code in ("sv", "ar"):
        assert "(om-webbplatsen/bara-pa-svenska.md)" in (
            project / f"docs/{code}/index.md").read_text("utf-8")
    assert "  - om-webbplatsen/bara-pa-svenska.md" in config.read_text("utf-8").splitlines()
    after = {row.code: row for row in translation_status(project, load_languages(project))}
    for code in before:  # the Swedish index changed only in a link: ar stays up to date
        assert (after[code].machine, after[code].reviewed, after[code].outdated) == (
            before[code].machine, before[code].reviewed, before[code].outdated)
    build = trygg(project, "build", "--no-browser")
    assert build.returncode == 0, build.stderr


def test_move_page_refuses_a_missing_page_or_a_taken_name(project):
    result = trygg(project, "move-page", "finns-inte", "ny")
    assert result.returncode == 1
    assert result.stderr.startswith("docs/sv/finns-inte.md:1: page-missing:")
    result = trygg(project, "move-page", "bara-svenska", "layout")
    assert result.returncode == 1
    assert result.stderr.startswith("docs/sv/layout.md:1: page-exists:")
