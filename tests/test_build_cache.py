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


# Found by the review of the kept output (2026-12-01).

def test_a_file_mkdocs_yml_inherits_builds_again_when_it_changes(built):
    project, runs = built
    (project / "base.yml").write_text("extra:\n  r21: första\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\n" + config.read_text("utf-8"), "utf-8")
    build_site(project, project / "site")
    key = build_cache.inputs_key(project, [None], project / "site")
    (project / "base.yml").write_text("extra:\n  r21: andra\n", "utf-8")
    assert build_cache.inputs_key(project, [None], project / "site") != key
    runs.clear()
    build_site(project, project / "site")
    assert runs == [1]


def test_a_theme_folder_of_another_name_is_in_the_key(built):
    project, _ = built
    shutil.copytree(project / "overrides", project / "overrides2")
    key = build_cache.inputs_key(project, [None], project / "site")
    append(project / "overrides2/main.html", "\n{# changed #}\n")
    assert build_cache.inputs_key(project, [None], project / "site") != key


@pytest.mark.parametrize("old, new", [("docs_dir: docs", "INHERIT: ../base.yml\ndocs_dir: docs"),
                                      ("docs_dir: docs", "docs_dir: /tmp"),
                                      ("custom_dir: overrides", "custom_dir: ../overrides"),
                                      ("docs_dir: docs", "hooks:\n  - ../hook.py\ndocs_dir: docs")])
def test_files_outside_the_project_mean_nothing_is_kept(built, old, new):
    # Their files are not in the key: the kept output is neither used nor kept.
    project, runs = built
    (project.parent / "base.yml").write_text("site_name: x\n", "utf-8")
    replace(project / "mkdocs.yml", old, new)
    assert build_cache.inputs_key(project, [None], project / "site") is None
    assert not build_cache.take(project, None, project / "elsewhere")


def test_every_variable_of_an_env_fallback_list_is_in_the_key(built, monkeypatch):
    project, runs = built
    replace(project / "mkdocs.yml", "!ENV [SITE_URL,", "!ENV [SITE_URL, R21_URL,")
    build_site(project, project / "site")
    runs.clear()
    monkeypatch.setenv("R21_URL", "https://other.example/")
    build_site(project, project / "site")
    assert runs == [1]
    assert "https://other.example/" in (project / "site/sitemap.xml").read_text("utf-8")


def test_a_kept_list_leading_out_of_the_folder_is_not_used(built, tmp_path):
    import hashlib
    import json

    project, runs = built
    note = project / build_cache.CACHE / "key.json"
    payload = project / ".cache" / "payload"
    payload.write_text("not a page", "utf-8")
    data = json.loads(note.read_text("utf-8"))
    data["files"]["../../payload"] = hashlib.sha256(b"not a page").hexdigest()
    data["folders"].append("../../../escaped")
    note.write_text(json.dumps(data), "utf-8")
    shutil.rmtree(project / "site")
    build_site(project, project / "site")
    assert runs == [1]
    assert not (project / "payload").exists() and not (tmp_path / "escaped").exists()


def test_a_link_in_the_kept_output_is_not_used(built, tmp_path):
    project, runs = built
    kept = project / build_cache.CACHE / "site" / "index.html"
    secret = tmp_path / "secret.html"
    secret.write_bytes(kept.read_bytes())  # the same bytes, so only the link is wrong
    kept.unlink()
    kept.symlink_to(secret)
    build_site(project, project / "site")
    assert runs == [1]


@pytest.mark.parametrize("cache", ["mkdocs-output", "stylesheet"])
def test_a_file_where_a_cache_folder_should_be_does_not_stop_the_build(built, cache):
    project, runs = built
    folder = project / ".cache" / cache
    shutil.rmtree(folder)
    folder.write_text("junk", "utf-8")
    append(project / "docs/sv/index.md", "\nEn mening till.\n")
    build_site(project, project / "site")
    assert runs == [1]
    assert "En mening till." in (project / "site/index.html").read_text("utf-8")
    assert not list((project / ".cache").glob(".mkdocs-output.*.part"))
