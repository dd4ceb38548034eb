"""The MkDocs phase's output kept between builds (trygg/build_cache.py): taken only when
nothing it is made from changed, and never when a kept file was changed."""

from __future__ import annotations

import datetime as real_dt
import shutil

import pytest

import trygg.build as build
from conftest import FIXTURES, append, make_project, replace
from trygg import build_cache
from trygg.build import build_site


def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A small project built once; ``runs`` counts the MkDocs phases run since."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SITE_URL", raising=False)
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    monkeypatch.chdir(project)
    runs = []
    real = build.run_mkdocs

    def counted(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "run_mkdocs", counted)
    build_site(project, project / "site")
    assert runs == [1]
    runs.clear()
    return project, runs


def test_a_build_with_nothing_changed_takes_the_kept_output(built, tmp_path):
    project, runs = built
    before = _files(project / "site")
    build_site(project, project / "site")
    assert runs == []
    assert _files(project / "site") == before


def _page(project):
    append(project / "docs/sv/index.md", "\nEn ny mening om trygghet.\n")
    return "En ny mening om trygghet."


def _template(project):
    append(project / "overrides/main.html", "\n{% block footer %}{{ super() }}"
           "<p>Sidfot ändrad</p>{% endblock %}\n")
    return "Sidfot ändrad"


def _strings(project):
    replace(project / "translations/ar.yml", "quickexit.label: ", "quickexit.label: خروج! ")
    return "خروج! "


def _data(project):
    append(project / "docs/_data/sources.yml", "\n")
    return None


def _config(project):
    append(project / "mkdocs.yml", "\n# a comment\n")
    return None


@pytest.mark.parametrize("change", [_page, _template, _strings, _data, _config])
def test_a_changed_source_builds_again(built, change):
    project, runs = built
    shown = change(project)
    build_site(project, project / "site")
    assert runs == [1]
    if shown:
        assert any(shown in html.decode("utf-8") for path, html in _files(project / "site").items()
                   if path.endswith(".html")), shown


def test_another_site_address_builds_again(built, monkeypatch):
    project, runs = built
    monkeypatch.setenv("SITE_URL", "https://example.org/trygg/")
    build_site(project, project / "site")
    assert runs == [1]
    assert 'href="https://example.org/trygg/"' in (project / "site/index.html").read_text("utf-8")


def test_the_next_day_builds_again(built, monkeypatch):
    # MkDocs writes the day into the sitemap.
    project, runs = built

    tomorrow = (real_dt.datetime.now(real_dt.timezone.utc) + real_dt.timedelta(days=1)).date()
    monkeypatch.setattr(build_cache, "utc_day", lambda: tomorrow.isoformat())
    build_site(project, project / "site")
    assert runs == [1]


def test_an_announcement_that_starts_or_ends_builds_again(built, monkeypatch):
    project, runs = built
    monkeypatch.setattr(build, "current_announcement",
                        lambda root, code, source: {"text": "Nu", "lang": code})
    build_site(project, project / "site")
    assert runs == [1]


def test_another_version_of_a_package_builds_again(built, monkeypatch):
    project, runs = built
    real = build_cache.distributions

    class Newer:
        metadata = {"Name": "mkdocs-material"}
        version = "9.9.9"

    monkeypatch.setattr(build_cache, "distributions", lambda: [*real(), Newer()])
    build_site(project, project / "site")
    assert runs == [1]


def test_a_change_to_the_building_code_changes_the_key(tmp_path, monkeypatch):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    code = tmp_path / "trygg"
    shutil.copytree(build_cache.PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_cache, "PACKAGE", code)
    key = build_cache.inputs_key(project, [None])
    append(code / "page_html.py", "\n# changed\n")
    assert build_cache.inputs_key(project, [None]) != key


def test_a_kept_file_changed_by_hand_is_not_used(built):
    project, runs = built
    expected = _files(project / "site")
    kept = project / build_cache.CACHE / "site" / "index.html"
    kept.write_text(kept.read_text("utf-8").replace("<body", "<body data-changed", 1), "utf-8")
    build_site(project, project / "site")
    assert runs == [1]
    assert _files(project / "site") == expected
