"""Symbolic links: a link in the sources never publishes a file of the build machine, and
no editors' command writes through one (README, "The check": `file-symlink`)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, append, make_project
from translate.storage import xliff

from trygg.exchange import export_translations

SECRET = "AWS_SECRET_ACCESS_KEY=not-a-real-key-but-it-must-stay-here\n"


def trygg(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trygg.cli", *args], cwd=project,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_a_pdf_linked_to_a_file_of_the_machine_is_refused_and_nothing_is_built(tmp_path):
    # The review's case: `ln -s /proc/self/environ docs/sv/gangsnacket/env.pdf`, linked from
    # a page. Here a file outside the project with a secret-looking text stands for it.
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    secret = tmp_path / "environ"
    secret.write_text(SECRET, encoding="utf-8")
    (project / "docs/sv/env.pdf").symlink_to(secret)
    append(project / "docs/sv/layout.md", "\nLäs [bilagan](env.pdf).\n")
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines()[0] == (
        f"docs/sv/env.pdf:1: file-symlink: this is a symbolic link (to '{secret}'), not a "
        "file: replace the link by the file itself (a copy): the site publishes only files "
        "that are part of the project.")
    assert not (project / "site").exists()
    assert "Traceback" not in result.stderr


def test_links_in_overrides_translations_and_mkdocs_yml_are_each_named(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("mkdocs.yml", "translations/en.yml"):
        shutil.move(project / name, outside / Path(name).name)
        (project / name).symlink_to(outside / Path(name).name)
    shutil.move(project / "overrides/partials", outside / "partials")
    (project / "overrides/partials").symlink_to(outside / "partials", target_is_directory=True)
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    named = [line.split(": ")[0] for line in result.stderr.splitlines() if ": file-symlink: " in line]
    assert named == ["mkdocs.yml:1", "overrides/partials:1", "translations/en.yml:1"]


def test_import_refuses_to_write_through_a_linked_page_and_writes_nothing(tmp_path):
    # The review's case: docs/so/…/varningstecken.md replaced by a link to /tmp/x.md.
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "translations", project / "translations")
    page = project / "docs/so/gangsnacket/varningstecken.md"
    outside = tmp_path / "x.md"
    shutil.move(page, outside)
    page.symlink_to(outside)
    before = outside.read_bytes()
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    store = xliff.xlifffile.parsestring(file.read_bytes())
    key = "docs/sv/gangsnacket/varningstecken.md#1"
    unit = next(u for u in store.units if u.getid().replace(xliff.ID_SEPARATOR, "#") == key)
    unit.settarget("Boggan waa waalidiinta.")
    file.write_bytes(bytes(store))
    memory = sorted((project / "translations").rglob("*.json"))
    memory_before = {p: p.read_bytes() for p in memory}
    result = trygg(project, "import", str(file), "--lang", "so")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("docs/so/gangsnacket/varningstecken.md:1: file-symlink: "
                                    "this is a symbolic link"), result.stderr
    assert "nothing was written" in result.stderr
    assert outside.read_bytes() == before
    assert {p: p.read_bytes() for p in memory} == memory_before
