"""Shared test helpers: the project root, fixture-site builds and a local web server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from trygg.localserver import serving
from trygg.stylesheet_trim import trim_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "tests" / "artifacts"
# A machine with no fonts but DejaVu, for fontconfig (FONTCONFIG_FILE). Fontconfig reads it
# once per process, when WeasyPrint is first imported: so PDFs are made in a new process.
DEJAVU_ONLY = FIXTURES / "fonts" / "dejavu-only.conf"


def run_python(code: str, *args: str, fonts: Path | None = DEJAVU_ONLY
               ) -> subprocess.CompletedProcess:
    """``code`` in a new Python (``sys.argv[1:]`` are ``args``); with ``fonts``, fontconfig
    sees only that configuration's fonts."""
    env = dict(os.environ)
    env.pop("FONTCONFIG_FILE", None)
    if fonts:
        env["FONTCONFIG_FILE"] = str(fonts)
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=900)


def make_project(tmp: Path, docs: Path | None = None, *, keep_nav: bool = False) -> Path:
    """A copy of this project's configuration, theme and UI strings around ``docs``.

    The site's navigation is dropped unless asked for, so that a fixture needs only the
    pages it is about (mkdocs.yml keeps ``nav:`` last for this reason)."""
    project = tmp / "project"
    project.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not keep_nav:
        config = config.split("\nnav:")[0] + "\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("overrides", "translations", "scripts"):
        shutil.copytree(ROOT / folder, project / folder,
                        ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
    shutil.copytree(docs or ROOT / "docs", project / "docs")
    if not (project / "docs" / "_data").exists():  # the project's data files (contacts …)
        shutil.copytree(ROOT / "docs" / "_data", project / "docs" / "_data")
    return project


def replace(path: Path, old: str, new: str) -> None:
    """Change a fixture file as an editor would: the old text must be there, once changed."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def mkdocs_build(project: Path, site: Path | None = None) -> subprocess.CompletedProcess:
    site = site or project / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def build_or_fail(project: Path) -> Path:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def i18n_site(tmp_path_factory) -> Path:
    """A small site: a home page in sv, ar, ti and ckb, and pages that exist only in some."""
    tmp = tmp_path_factory.mktemp("i18n")
    return build_or_fail(make_project(tmp, FIXTURES / "i18n-site" / "docs"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """This project's own site with its PDFs, as ``trygg build`` makes it, built from a copy
    so that site/ is never touched. The PDFs are made with fontconfig seeing only DejaVu:
    their fonts must be the files book.css names, not whatever the machine has."""
    tmp = tmp_path_factory.mktemp("real")
    project = make_project(tmp, keep_nav=True)
    site = build_or_fail(project)
    trim_site(site)
    made = run_python("import sys; from pathlib import Path; from trygg.build import make_pdfs; "
                      "make_pdfs(Path(sys.argv[1]), Path(sys.argv[2]))", str(project), str(site))
    assert made.returncode == 0, made.stderr
    return site


@pytest.fixture(scope="session")
def serve():
    """Serve a folder on 127.0.0.1 (a free port); returns its base URL."""
    with ExitStack() as stack:
        yield lambda folder: stack.enter_context(serving(folder))
