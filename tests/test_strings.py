"""UI strings: every language has every key that Material's templates and ours use."""

import re
import shutil

from conftest import ROOT
from trygg.languages import load_languages
from trygg.strings import check_strings, derived_strings, material_keys, required_keys

LANGUAGES = load_languages(ROOT)


def test_every_language_has_every_key_with_text():
    assert check_strings(ROOT, LANGUAGES) == []


def test_the_key_set_is_computed_from_materials_english_partial():
    keys = material_keys()
    # Sanity: the partial was read (these keys are in every Material 9 release).
    assert {"action.skip", "search.placeholder", "select.language", "toc"} <= keys
    assert keys - set(derived_strings(LANGUAGES.source)) <= required_keys(ROOT, LANGUAGES)


def test_every_key_our_templates_use_is_defined():
    used = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        used |= set(re.findall(r"""lang\.t\(\s*["']([^"']+)["']\s*\)""", template.read_text()))
    assert used, "no lang.t() calls found: the pattern is out of date"
    assert used - required_keys(ROOT, LANGUAGES) - set(derived_strings(LANGUAGES.source)) == set()


def _copy_translations(tmp_path):
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    return tmp_path


def test_a_missing_key_and_an_empty_key_are_reported_with_file_and_line(tmp_path):
    root = _copy_translations(tmp_path)
    path = root / "translations" / "ti.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("toc:")]
    skip_line = next(i for i, line in enumerate(lines) if line.startswith("action.skip:"))
    lines[skip_line] = "action.skip: ''"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    problems = {(p.path, p.line, p.rule, p.message.split("'")[1])
                for p in check_strings(root, load_languages(root))}
    assert problems == {
        ("translations/ti.yml", 1, "strings-missing", "toc"),
        ("translations/ti.yml", skip_line + 1, "strings-empty", "action.skip"),
    }


def test_a_misspelt_key_is_reported(tmp_path):
    root = _copy_translations(tmp_path)
    path = root / "translations" / "ar.yml"
    path.write_text(path.read_text(encoding="utf-8") + "serach.placeholder: بحث\n", "utf-8")
    rules = [(p.path, p.rule) for p in check_strings(root, load_languages(root))]
    assert rules == [("translations/ar.yml", "strings-unknown")]
