"""Languages built in parallel processes and merged give the site one MkDocs process gives."""

import re

from conftest import make_project, mkdocs_build
from trygg.build import run_mkdocs
from trygg.languages import load_languages
from trygg.stylesheet_trim import trim_site

# A link to a language version: the head's alternates and the language menu's entries.
LANGUAGE_LINK = re.compile(r'href="([^"]*)" hreflang="([^"]*)"')


def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_parallel_build_writes_the_same_site_as_one_process(tmp_path):
    project = make_project(tmp_path, keep_nav=True)
    one = project / "one-process"
    result = mkdocs_build(project, one)
    assert result.returncode == 0, result.stderr
    trim_site(one)  # run_mkdocs trims Material's stylesheet once the languages are merged
    parallel = project / "parallel"
    run_mkdocs(project, parallel)
    languages = load_languages(project)
    expected, built = _files(one), _files(parallel)
    assert sorted(built) == sorted(expected)
    # One exception, and the parallel build is the right one: in one process,
    # mkdocs-static-i18n gives each later language's 404 page the alternates of the page the
    # previous language built last (in its head and its language menu); built alone, each
    # 404 page leads to every language's home page, as the Swedish one does in both.
    not_found = {f"{lang.code}/404.html" for lang in languages if not lang.is_source}
    assert [p for p in expected if expected[p] != built[p] and p not in not_found] == []
    homes = {lang.code: "/" + lang.prefix for lang in languages}
    for path in not_found:
        html = built[path].decode("utf-8")
        links = LANGUAGE_LINK.findall(html)
        assert links and all(href == homes[code] for href, code in links), (path, links)
        assert LANGUAGE_LINK.sub("", html) == LANGUAGE_LINK.sub(
            "", expected[path].decode("utf-8")), path


def test_a_picture_next_to_a_swedish_page_is_merged_like_the_pages(tmp_path):
    # Found by the review: every language's build copies a picture next to a Swedish page,
    # and the merge took that copy for a build writing outside its folder.
    from PIL import Image

    project = make_project(tmp_path, keep_nav=True)
    Image.new("RGB", (8, 8), "white").save(project / "docs/sv/unga/karta.png")
    page = project / "docs/sv/unga/index.md"
    page.write_text(page.read_text("utf-8") + "\n![En karta över skolan](karta.png)\n", "utf-8")
    one = project / "one-process"
    assert mkdocs_build(project, one).returncode == 0
    trim_site(one)
    parallel = project / "parallel"
    run_mkdocs(project, parallel)
    expected, built = _files(one), _files(parallel)
    assert sorted(built) == sorted(expected)
    assert built["unga/karta.png"] == expected["unga/karta.png"]


def test_a_stop_signal_to_the_build_alone_leaves_no_temporary_folder(tmp_path):
    # Found by the review: SIGTERM to trygg's own process (not its group) left the language
    # builds it had forked running, and they wrote into the folder it had just removed.
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import FIXTURES

    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    build = subprocess.Popen([sys.executable, "-m", "trygg.cli", "build", "--no-browser"],
                             cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(project.glob(".site-build-*/site.languages/*")):
        assert build.poll() is None and time.monotonic() < deadline, "no language was built"
        time.sleep(0.01)
    build.send_signal(signal.SIGTERM)
    stopped = build.wait(60) == 128 + signal.SIGTERM
    time.sleep(3)  # a language build left running would have written again by now
    assert list(project.glob(".site-build-*")) == []
    # Python may drop the exception a signal handler raises while a finalizer runs (it
    # prints "Exception ignored"); the build then ends as usual, and leaves nothing either.
    assert (project / "site").exists() != stopped
