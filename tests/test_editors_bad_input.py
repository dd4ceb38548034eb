"""Bad input: every problem at once as path:line: rule-id, exit status 1, site/ untouched."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project

TRYGG = [sys.executable, "-m", "trygg.cli"]


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    site = project / "site"
    (site / "gammal").mkdir(parents=True)
    (site / "gammal" / "index.html").write_text("<p>the site as it was</p>", encoding="utf-8")
    return project


def trygg(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*TRYGG, *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def break_front_matter(p):
    replace(p / "docs/ar/index.md", "description: وصف صفحة الاختبار.", "description: [وصف")


def unknown_status(p):
    replace(p / "docs/ti/index.md", "status: machine", "status: klar")


def missing_key(p):
    replace(p / "translations/so.yml", "\ntoc: ", "\n# toc removed: ")


def empty_key(p):
    replace(p / "translations/fa.yml", "\nsearch.placeholder: ", "\nsearch.placeholder: ''\nx.removed: ")


def unknown_language(p):
    (p / "docs/xx").mkdir()
    (p / "docs/xx/index.md").write_text("# X\n", encoding="utf-8")


def nav_to_missing_page(p):
    append(p / "mkdocs.yml", "nav:\n  - index.md\n  - finns-inte.md\n")


def duplicate_slug(p):
    (p / "docs/sv/bara-svenska").mkdir()
    (p / "docs/sv/bara-svenska/index.md").write_text("---\ntitle: Dubblett\n---\n\n# Dubblett\n", "utf-8")


def not_utf8(p):
    (p / "docs/sv/latin1.md").write_bytes("---\ntitle: Sida\n---\n\n# Sida\n\nGärna.\n".encode("latin-1"))


def link_to_missing_page(p):
    append(p / "docs/sv/layout.md", "\nSe [sidan som saknas](saknas.md).\n")


def link_to_missing_anchor(p):
    append(p / "docs/sv/layout.md", "\nSe [början](index.md#finns-inte).\n")


# case: (change, the file, the line, the rule)
CASES = {
    "broken YAML front matter": (break_front_matter, "docs/ar/index.md", 3, "yaml-syntax"),
    "unknown translation status": (unknown_status, "docs/ti/index.md", 5, "translation-status"),
    "translation key missing": (missing_key, "translations/so.yml", 1, "strings-missing"),
    "translation key empty": (empty_key, "translations/fa.yml", None, "strings-empty"),
    "unknown language code": (unknown_language, "docs/xx", 1, "language-unknown"),
    "nav entry to a missing page": (nav_to_missing_page, "mkdocs.yml", None, "nav-missing-page"),
    "two pages with the same slug": (duplicate_slug, "docs/sv/bara-svenska.md", 1, "page-duplicate"),
    "a file that is not UTF-8": (not_utf8, "docs/sv/latin1.md", 7, "file-encoding"),
    "a link to a page that does not exist": (link_to_missing_page, "docs/sv/layout.md", 18, "link-broken"),
    "a link to an anchor that does not exist": (link_to_missing_anchor, "docs/sv/layout.md", 18, "link-fragment"),
}


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_at_its_file_and_line_and_site_is_unchanged(project, case):
    change, path, line, rule = CASES[case]
    before = tree_digest(project / "site")
    change(project)
    if line is None:  # the line depends on the copied file; find it the way a reader would
        line = _line_of(project / path, {"strings-empty": "search.placeholder:",
                                          "nav-missing-page": "finns-inte.md"}[rule])
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{path}:{line}: {rule}:" in result.stderr, result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-build-*")), "a temporary folder was left behind"


def test_all_problems_are_reported_at_once(project):
    unknown_status(project)
    not_utf8(project)
    link_to_missing_page(project)
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    for rule in ("translation-status", "file-encoding", "link-broken"):
        assert f": {rule}:" in result.stderr


def test_a_failed_check_leaves_the_site_as_it_was(project):
    # The sources are fine, the built page is not: a Latin passage on a Tigrinya page.
    append(project / "docs/ti/index.md", "\nThis whole paragraph is written in English and "
           "says nothing about its language at all.\n")
    before = tree_digest(project / "site")
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    assert "docs/ti/index.md:13: foreign-text-lang:" in result.stderr, result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-build-*"))


def test_a_good_build_replaces_the_site(project):
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "gammal").exists()
    assert (project / "site" / "ti" / "index.html").is_file()
