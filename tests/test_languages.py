"""The one language list, and everything that must agree with it."""

from pathlib import Path

import pytest

from conftest import ROOT
from trygg.languages import load_languages
from trygg.problems import ProblemsFound

LANGUAGES = load_languages(ROOT)


def test_the_site_has_the_ten_languages_of_the_printed_guide_with_swedish_first():
    # The set the printed Gängsnacket is published in (shared/facts.md).
    assert LANGUAGES.codes == ["sv", "en", "ar", "ckb", "fr", "fa", "so", "es", "ti", "tr"]
    assert LANGUAGES.source.code == "sv"


def test_direction_and_script_come_from_cldr():
    assert [lang.code for lang in LANGUAGES if lang.direction == "rtl"] == ["ar", "ckb", "fa"]
    assert LANGUAGES.get("ti").script == "Ethi"
    assert LANGUAGES.get("ckb").script == "Arab"
    assert LANGUAGES.get("sv").script == "Latn"


def test_each_language_is_named_in_itself():
    names = {lang.code: lang.name for lang in LANGUAGES}
    assert names["sv"] == "Svenska"
    assert names["ar"] == "العربية"
    assert names["ti"] == "ትግርኛ"
    assert names["tr"] == "Türkçe"
    assert names["fa"] == "فارسی"


def test_every_language_has_a_docs_folder_and_a_strings_file_and_nothing_else_does():
    folders = {p.name for p in (ROOT / "docs").iterdir() if p.is_dir() and p.name != "_data"}
    strings = {p.stem for p in (ROOT / "translations").glob("*.yml")} - {"languages"}
    assert folders == set(LANGUAGES.codes)
    assert strings == set(LANGUAGES.codes)


def test_material_theme_language_named_for_a_language_exists_in_material():
    from importlib.resources import files

    partials = files("material") / "templates" / "partials" / "languages"
    for lang in LANGUAGES:
        if lang.material:
            assert (partials / f"{lang.material}.html").is_file(), lang.code
    assert [lang.code for lang in LANGUAGES if not lang.material] == ["ckb", "so", "ti"]


def _write_languages(tmp_path: Path, body: str) -> Path:
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "languages.yml").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("code, rule", [("xx1", "language-code"), ("qqq", "language-code")])
def test_an_unknown_language_code_is_reported_at_its_line(tmp_path, code, rule):
    root = _write_languages(tmp_path, "languages:\n  - code: sv\n    status: ready\n"
                                      f"  - code: {code}\n    status: ready\n")
    with pytest.raises(ProblemsFound) as found:
        load_languages(root)
    [problem] = found.value.problems
    assert (problem.path, problem.line, problem.rule) == ("translations/languages.yml", 4, rule)
    assert code in problem.message


def test_an_unknown_status_is_reported_with_the_choices(tmp_path):
    root = _write_languages(tmp_path, "languages:\n  - code: sv\n    status: klar\n")
    with pytest.raises(ProblemsFound) as found:
        load_languages(root)
    [problem] = found.value.problems
    assert (problem.line, problem.rule) == (3, "language-status")
    assert "ready" in problem.message and "in-progress" in problem.message
