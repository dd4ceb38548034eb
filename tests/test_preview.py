"""`trygg serve` rebuilds only the languages a change shows in, and shows what a full build
writes (trygg.preview, driven here without its watcher; the server over HTTP below)."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath

import pytest

from conftest import FIXTURES, append, make_project, replace
from trygg.build import run_mkdocs
from trygg.language_builds import build_languages
from trygg.project import project_at
from trygg.page_html import CONTENT_SECURITY_POLICY
from trygg.preview import Preview
from trygg.preview_server import make_server

ALL = ("sv", "en", "ar", "ckb", "fr", "fa", "so", "es", "ti", "tr")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, FIXTURES / "i18n-site" / "docs")


@pytest.fixture
def preview(project):
    shown = Preview(project)
    shown.start()
    yield shown
    shown.close()
    assert not shown.scratch.exists(), "the preview left its temporary folder"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*")
            if p.is_file()}


def _edit(preview, path: str, text: str) -> None:
    append(preview.root / path, text)
    preview.apply({PurePosixPath(path)})


def _same_as_a_full_build(preview, tmp_path) -> None:
    # The languages built and merged as `trygg build` builds them; the preview keeps
    # Material's whole stylesheet (the build trims it afterwards: stylesheet_trim.py).
    full = Path(tempfile.mkdtemp(dir=tmp_path)) / "site"
    project = project_at(preview.root)
    build_languages(preview.root, full, project.languages, project.strings)
    expected, shown = _files(full), _files(preview.shown.folder)
    assert sorted(shown) == sorted(expected)
    assert [path for path in expected if shown[path] != expected[path]] == []


def test_an_arabic_edit_rebuilds_only_arabic_and_the_rest_is_the_same_files(preview, tmp_path):
    before = preview.shown.folder
    inodes = _inodes(before)
    _edit(preview, "docs/ar/index.md", "\nسطر أضافه المحرر.\n")
    assert preview.built == [ALL, ("ar",)]
    after = preview.shown.folder
    assert after != before
    assert "سطر أضافه المحرر." in (after / "ar/index.html").read_text("utf-8")
    # Every other language's pages are the very files shown before (hard links of its last
    # build), not rebuilt; Arabic's are new, and the merged files are written again.
    now = _inodes(after)
    kept = [p for p in now if not p.startswith("ar/") and p in inodes]
    assert kept and all(now[p] == inodes[p] for p in kept if not p.endswith(
        ("sitemap.xml", "sitemap.xml.gz", "search_index.json")))
    assert now["ar/index.html"] != inodes["ar/index.html"]
    _same_as_a_full_build(preview, tmp_path)


def test_a_swedish_edit_shows_swedish_first_then_the_languages_that_show_the_page(
        preview, tmp_path):
    # ar and ckb translate today's Swedish home page; ti's translation is already outdated;
    # the others show it in Swedish.
    _edit(preview, "docs/sv/index.md", "\nEn mening som redaktören lade till.\n")
    assert preview.built[1:] == [("sv",), ("en", "ar", "ckb", "fr", "fa", "so", "es", "tr")]
    assert "redaktören lade till" in (preview.shown.folder / "index.html").read_text("utf-8")
    assert "redaktören lade till" in (preview.shown.folder / "en/index.html").read_text("utf-8")
    _same_as_a_full_build(preview, tmp_path)
    # Now ar's and ckb's translations are outdated too: another edit does not change them.
    _edit(preview, "docs/sv/index.md", "\nOch en till.\n")
    assert preview.built[3:] == [("sv",), ("en", "fr", "fa", "so", "es", "tr")]
    _same_as_a_full_build(preview, tmp_path)


def test_a_new_save_stops_the_languages_after_swedish_and_they_are_built_after_it(
        preview, tmp_path):
    asked = []

    def another_save_waits():  # not yet when Swedish is shown; then while the others build
        asked.append(True)
        if len(asked) > 1:
            # The save comes while the builder is well into the other languages, as an
            # editor's would (on a loaded machine the builder may not have begun them in
            # the first 50 ms the preview waits before asking).
            time.sleep(0.5)
        return len(asked) > 1

    append(preview.root / "docs/sv/index.md", "\nEn ändring till.\n")
    preview.apply({PurePosixPath("docs/sv/index.md")}, another_save_waits)
    others = ("en", "ar", "ckb", "fr", "fa", "so", "es", "tr")
    assert preview.built[1:] == [("sv",), others]
    assert preview.dirty == set(others)
    assert "En ändring till." not in (preview.shown.folder / "en/index.html").read_text("utf-8")
    _edit(preview, "docs/ar/layout.md", "\nسطر آخر.\n")
    assert preview.built[3:] == [("ar",), tuple(c for c in others if c != "ar")]
    assert preview.dirty == set()
    _same_as_a_full_build(preview, tmp_path)


@pytest.mark.parametrize("changed", ["mkdocs.yml", "docs/_data/contacts.yml",
                                     "overrides/main.html", "translations/languages.yml"])
def test_a_change_to_the_configuration_data_theme_or_language_list_rebuilds_every_language(
        preview, changed):
    append(preview.root / changed, "\n")
    preview.apply({PurePosixPath(changed)})
    assert preview.built[1:] == [("sv",), ALL[1:]]


def test_a_language_s_ui_strings_rebuild_that_language_only(preview, tmp_path):
    append(preview.root / "translations/ti.yml", "\n# A comment.\n")
    preview.apply({PurePosixPath("translations/ti.yml")})
    assert preview.built[1:] == [("ti",)]


def test_a_source_rule_error_is_printed_and_the_previous_preview_stays(preview, capsys):
    shown = preview.shown.current()
    _edit(preview, "docs/ar/index.md", "\nانظر [الصفحة](غير-موجودة.md).\n")
    output = capsys.readouterr().err
    line = (preview.root / "docs/ar/index.md").read_text("utf-8").splitlines().index(
        "انظر [الصفحة](غير-موجودة.md).") + 1
    assert f"docs/ar/index.md:{line}: link-broken:" in output
    assert "not shown" in output
    assert preview.shown.current() == shown
    assert "غير-موجودة" not in (preview.shown.folder / "ar/index.html").read_text("utf-8")
    # Fixed: the page is rebuilt and shown, and the rejected build never was.
    replace(preview.root / "docs/ar/index.md", "انظر [الصفحة](غير-موجودة.md).", "سطر مصحح.")
    preview.apply({PurePosixPath("docs/ar/index.md")})
    assert "سطر مصحح." in (preview.shown.folder / "ar/index.html").read_text("utf-8")


def test_the_server_adds_its_reload_script_to_pages_and_the_built_site_has_none(
        preview, tmp_path):
    server = make_server(preview.shown, 0)
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page = urllib.request.urlopen(base + "/ar/").read().decode()
        script = urllib.request.urlopen(base + "/.trygg-preview/reload.js").read().decode()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/ar/finns-inte/")
        not_found = missing.value.read().decode()
        generation = preview.shown.number
        _edit(preview, "docs/ar/index.md", "\nسطر جديد.\n")
        changes = json.loads(urllib.request.urlopen(
            f"{base}/.trygg-preview/changes?after={generation}&lang=ar", timeout=5).read())
    finally:
        server.shutdown()
        server.server_close()
    tag = f'<script src="/.trygg-preview/reload.js" data-generation="{generation}"></script>'
    assert tag + "</body>" in page
    # The page's policy is the site's, unchanged: the script is the preview's own file.
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page
    assert "location.reload()" in script and "/.trygg-preview/changes" in script
    assert missing.value.code == 404 and 'lang="ar"' in not_found and tag in not_found
    assert changes == {"reload": True}
    built = tmp_path / "built"
    run_mkdocs(preview.root, built)  # the pages `make site` publishes
    assert not [p for p, data in _files(built).items() if b"trygg-preview" in data]


def test_serve_shows_an_edit_and_keeps_the_last_good_pages_and_stop_leaves_nothing(
        project, tmp_path):
    (tmp_path / "tmp").mkdir()
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "trygg.cli", "serve", "--port",
                                   str(port)], cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                       "TMPDIR": str(tmp_path / "tmp")})
    url = f"http://127.0.0.1:{port}/ar/"
    try:
        first = _get_until(url, lambda page: 'lang="ar"' in page)
        append(project / "docs/ar/index.md", "\nسطر جديد للمعاينة.\n")
        edited = _get_until(url, lambda page: "سطر جديد للمعاينة." in page)
        append(project / "docs/ar/index.md", "\n![](صورة-غير-موجودة.png)\n")
        _said(log, "ar not shown", 1)
        after_error = _get_until(url, lambda page: True)
        append(project / "translations/ar.yml", "\nsearch.placeholder: [\n")
        _said(log, "ar not shown", 2)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    output = log.read_text("utf-8", errors="replace")
    assert first and edited, output
    assert "ar shown" in output
    assert "docs/ar/index.md:" in output and "image-alt" in output
    assert "translations/ar.yml:" in output and "yaml-syntax" in output
    # Said once, by the rule with its line: not again in MkDocs' words.
    assert "Config value" not in output and "Aborted" not in output, output
    assert after_error == edited, "the preview showed a page with an error"
    assert "Traceback" not in output
    assert server.returncode == 0, output
    assert not list((tmp_path / "tmp").iterdir()), "the preview left a temporary folder"


def _said(log: Path, text: str, times: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while log.read_text("utf-8", errors="replace").count(text) < times:
        assert time.monotonic() < deadline, log.read_text("utf-8", errors="replace")
        time.sleep(0.2)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_until(url: str, wanted, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            page = urllib.request.urlopen(url, timeout=5).read().decode()
            if wanted(page):
                return page
        except OSError:
            pass
        time.sleep(0.2)
    return ""


@pytest.mark.browser
def test_the_page_in_chromium_reloads_itself_after_a_save_under_the_site_s_policy(preview):
    import threading

    from browser import Watch, chromium, stored_in_browser

    server = make_server(preview.shown, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with chromium() as browser:
            page = browser.new_page()
            watch = Watch(page)
            page.goto(base + "/ar/")
            page.wait_for_timeout(500)  # the reload script is waiting for a change
            _edit(preview, "docs/ar/index.md", "\nسطر يظهر دون إعادة تحميل يدوية.\n")
            page.wait_for_selector("text=سطر يظهر دون إعادة تحميل يدوية.", timeout=30000)
            stored = stored_in_browser(page)
    finally:
        server.shutdown()
        server.server_close()
    assert watch.console_errors == []  # a CSP violation would be one
    assert not watch.foreign_requests()
    assert stored == {"local": [], "session": []}


def test_the_plan_ignores_what_no_build_reads_and_rebuilds_all_for_a_picture_or_a_new_page(
        project):
    from trygg.languages import load_languages
    from trygg.preview_plan import Plan, Planner

    planner = Planner(project, load_languages(project))
    nothing = Plan((), ())
    for path in ("docs/sv/4913", "docs/sv/.index.md.swp", "docs/sv/index.md~",
                 "translations/exchange/so.json", "README.md", "scripts/trygg/cli.py"):
        assert planner.plan({PurePosixPath(path)}) == nothing, path
    # Saved unchanged: Swedish again (a save should show), no other language.
    assert planner.plan({PurePosixPath("docs/sv/index.md")}) == Plan(("sv",), ())
    everything = Plan(("sv",), ALL[1:])
    (project / "docs/sv/bild.png").write_bytes(b"\x89PNG")
    assert planner.plan({PurePosixPath("docs/sv/bild.png")}) == everything
    (project / "docs/sv/ny-sida.md").write_text("# Ny sida\n", "utf-8")
    assert planner.plan({PurePosixPath("docs/sv/ny-sida.md")}) == everything
    assert planner.plan({PurePosixPath("docs/ti/ny-sida.md"),
                         PurePosixPath("translations/ar.yml")}) == Plan(("ar", "ti"), ())


@pytest.mark.parametrize("name", ["index.md~", "index.md.bak", "index.md.orig", "#index.md#",
                                  "index.md.swp", "INDEX.MD.BAK"])
def test_an_editors_backup_starts_no_rebuild_wherever_it_is_saved(name):
    from trygg.preview_plan import ignored

    for folder in ("docs/sv/gangsnacket", "docs/_data", "translations", "overrides/partials"):
        assert ignored(PurePosixPath(folder, name)), f"{folder}/{name}"
    # The files themselves still rebuild: only the copies are ignored.
    for path in ("docs/sv/gangsnacket/index.md", "docs/_data/contacts.yml",
                 "translations/sv.yml", "overrides/partials/share.html", "docs/sv/#1.md"):
        assert not ignored(PurePosixPath(path)), path


def test_a_browser_that_leaves_before_the_answer_is_no_error(tmp_path, monkeypatch, capsys):
    import socket
    import struct
    import threading

    import trygg.preview_server as preview_server
    from trygg.preview_server import Shown

    (tmp_path / "index.html").write_text("<body>" + "x" * 500_000 + "</body>", "utf-8")
    shown = Shown()
    shown.show(tmp_path, {"sv"})
    send_page = preview_server._Handler._send_page

    def slowly(self, *args):  # the page is sent after the browser has gone
        time.sleep(0.5)
        return send_page(self, *args)

    monkeypatch.setattr(preview_server._Handler, "_send_page", slowly)
    server = make_server(shown, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for _ in range(3):
            browser = socket.create_connection(server.server_address)
            browser.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            browser.close()  # a reset, as a browser tab closed mid-answer
        time.sleep(1.5)
    finally:
        server.shutdown()
        server.server_close()
    assert capsys.readouterr().err == ""
