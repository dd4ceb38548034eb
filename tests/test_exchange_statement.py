"""The accessibility statement's texts go out to the agency and come back like every other
YAML text: each issue, the method and the exemptions a unit; the rest of the file as it was."""

import pytest
import yaml

from test_exchange import digest, project, translate, units  # noqa: F401 (project: a fixture)
from trygg.exchange import export_translations
from trygg.exchange.apply import import_translations
from trygg.problems import ProblemsFound

STATEMENT = "docs/_data/accessibility.yml"


def test_the_statements_texts_are_units_with_their_current_translation(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    found = {k: u for k, u in units(file).items() if k.startswith(STATEMENT)}
    assert set(found) == {f"{STATEMENT}#issues.1", f"{STATEMENT}#issues.2",
                          f"{STATEMENT}#method", f"{STATEMENT}#exemptions"}
    assert (found[f"{STATEMENT}#exemptions"].source,
            found[f"{STATEMENT}#exemptions"].target) == ("Inga.", "Ma jiraan.")
    assert found[f"{STATEMENT}#issues.2"].source.startswith("Ingen expert på tillgänglighet")
    assert found[f"{STATEMENT}#issues.2"].target.startswith("Weli khabiir")
    assert f"{STATEMENT}:12" in found[f"{STATEMENT}#issues.2"].getnotes()
    # Unchanged since the memory was seeded: not in a --changed export.
    assert export_translations(project, "so", tmp_path / "c.xlf", changed=True) == 0


def test_a_translated_issue_and_method_are_written_in_place_and_nothing_else_moves(
        project, tmp_path):
    path = project / STATEMENT
    before = path.read_text(encoding="utf-8")
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {f"{STATEMENT}#issues.2": "Khabiir: weli ma uusan hubin, sidaas darteed.",
                     f"{STATEMENT}#method": "Annaga ayaa qiimaynay."}, "signed-off")
    import_translations(project, file, file.name, "so")
    after = path.read_text(encoding="utf-8")
    data = yaml.safe_load(after)["text"]["so"]
    assert data["issues"][1] == "Khabiir: weli ma uusan hubin, sidaas darteed."
    assert data["method"] == "Annaga ayaa qiimaynay."
    assert data["issues"][0].startswith("Dhammaan luqadaha")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 2
    assert changed[0][1] == "      - 'Khabiir: weli ma uusan hubin, sidaas darteed.'"
    assert changed[1][1] == "    method: Annaga ayaa qiimaynay."
    # Signed off: remembered as reviewed, and not changed any more.
    assert f'"{STATEMENT}#method": ["' in (
        project / "translations/exchange/so.json").read_text(encoding="utf-8")
    assert export_translations(project, "so", tmp_path / "c.xlf", changed=True) == 0


def test_a_swedish_edit_of_the_statement_makes_changed_hold_that_unit(project, tmp_path):
    path = project / STATEMENT
    path.write_text(path.read_text(encoding="utf-8").replace("exemptions: Inga.",
                                                             "exemptions: Inga undantag."))
    file = tmp_path / "so.xlf"
    assert export_translations(project, "so", file, changed=True) == 1
    assert set(units(file)) == {f"{STATEMENT}#exemptions"}


def test_an_issue_the_language_lacks_is_refused_at_its_id_and_nothing_is_written(
        project, tmp_path):
    path = project / STATEMENT
    text = path.read_text(encoding="utf-8")
    so = text.index("  so:\n")
    second = text.index("      - Weli khabiir", so)
    path.write_text(text[:second] + text[text.index("\n", second) + 1:], encoding="utf-8")
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    assert units(file)[f"{STATEMENT}#issues.2"].target in (None, "")
    translate(file, {f"{STATEMENT}#issues.2": "Weli khabiir ma hubin."}, "translated")
    before = digest(project)
    with pytest.raises(ProblemsFound) as found:
        import_translations(project, file, file.name, "so")
    assert [(p.rule, f"'{STATEMENT}#issues.2'" in p.message) for p in found.value.problems] \
        == [("unit-target", True)]
    assert digest(project) == before
