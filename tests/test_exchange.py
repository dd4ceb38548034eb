"""Translation exchange: `trygg export` to XLIFF 1.2 and `trygg import` back, as an agency's CAT
tool would send it (targets and states set through translate-toolkit, as such a tool does)."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from translate.storage import xliff

from conftest import FIXTURES, ROOT, build_or_fail, make_project
from trygg.exchange import export_translations
from trygg.exchange.apply import import_translations
from trygg.languages import load_languages
from trygg.problems import ProblemsFound

PAGE = "docs/sv/gangsnacket/varningstecken.md"


@pytest.fixture
def project(tmp_path) -> Path:
    """This project's pages, data and UI strings (and the committed exchange memory)."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "translations", project / "translations")
    return project


def digest(project: Path) -> dict[str, str]:
    """Every page, data file and strings file (not the exchange memory), by content."""
    files = [*project.glob("docs/**/*.md"), *project.glob("docs/_data/**/*.yml"),
             *project.glob("translations/*.yml")]
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(files)}


def units(path: Path) -> dict[str, xliff.xliffunit]:
    store = xliff.xlifffile.parsestring(path.read_bytes())
    return {u.getid().replace(xliff.ID_SEPARATOR, "#"): u for u in store.units}


def translate(path: Path, targets: dict[str, str], state: str | None) -> None:
    """What a translator does in the CAT tool: write targets, confirm every unit (with
    ``state`` None: a tool that leaves the states as they were)."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    for unit in store.units:
        key = unit.getid().replace(xliff.ID_SEPARATOR, "#")
        if key in targets:
            unit.settarget(targets[key])
        node = unit.getlanguageNode(lang=None, index=1)
        if node is not None and state is not None:
            node.set("state", state)
            node.attrib.pop("state-qualifier", None)
    path.write_bytes(bytes(store))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_export_then_import_without_changes_leaves_every_file_byte_identical(project, tmp_path):
    before = digest(project)
    codes = [lang.code for lang in load_languages(project) if not lang.is_source]
    assert len(codes) == 9  # and Swedish, the source, is in the digest too
    for code in codes:
        file = tmp_path / f"{code}.xlf"
        assert export_translations(project, code, file) > 500
        import_translations(project, file, file.name, code)
    assert digest(project) == before


def test_export_holds_source_target_and_state_for_each_kind_of_text(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    found = units(file)
    heading = found[f"{PAGE}#0"]
    assert heading.source == "Varningstecken"
    assert heading.target == "Calaamadaha digniinta"
    target = heading.getlanguageNode(lang=None, index=1)
    assert (target.get("state"), target.get("state-qualifier")) == (
        "needs-review-translation", "mt-suggestion")
    assert "heading 1" in heading.getnotes()
    assert found["translations/sv.yml#quickexit.label"].target == "Si degdeg ah uga bax bogga"
    assert found["docs/_data/contacts.yml#112.hours"].source == "Dygnet runt. Samtalet är gratis."
    assert found["docs/_data/checklists/trygghetsvandring.yml#place.matsal"].source == "Matsal"
    item = next(u for k, u in found.items() if k.startswith(PAGE) and "[[112]]" in u.source)
    assert "list item" in item.getnotes()
    assert b'version="1.2"' in file.read_bytes()[:200]


def test_a_swedish_edit_makes_changed_hold_exactly_the_changed_units(project, tmp_path):
    page = project / PAGE
    edit(page, "Ditt barn har nya saker som du inte har köpt.",
         "Ditt barn har nya och dyra saker som du inte har köpt.")
    edit(page, "### Barnet har mer egna pengar\n",
         "Fråga lugnt var sakerna kommer ifrån.\n\n### Barnet har mer egna pengar\n")
    edit(project / "translations/sv.yml", "share.copy: Kopiera länken", "share.copy: Kopiera länk")
    edit(project / "docs/_data/contacts.yml", "sv: Dygnet runt. Samtalet är gratis.",
         "sv: Hela dygnet. Samtalet är gratis.")
    file = tmp_path / "so-changed.xlf"
    assert export_translations(project, "so", file, changed=True) == 4
    found = units(file)
    assert set(found) == {f"{PAGE}#10", f"{PAGE}#11", "translations/sv.yml#share.copy",
                          "docs/_data/contacts.yml#112.hours"}
    assert found[f"{PAGE}#11"].source == "Fråga lugnt var sakerna kommer ifrån."
    assert found[f"{PAGE}#11"].target in ("", None)  # new: nothing to show yet
    assert found[f"{PAGE}#10"].getlanguageNode(lang=None, index=1).get("state") \
        == "needs-translation"

    # The agency translates them; the import puts the new paragraph in its place.
    translate(file, {
        f"{PAGE}#10": "Ilmahaagu wuxuu leeyahay alaab cusub oo qaali ah oo aadan u iibin.",
        f"{PAGE}#11": "Si deggan u weydii meesha alaabtu ka timid.",
        "translations/sv.yml#share.copy": "Koobiyee xiriir",
        "docs/_data/contacts.yml#112.hours": "Habeen iyo maalin oo dhan. Wicitaanku waa bilaash.",
    }, "translated")
    before = (project / "docs/so/gangsnacket/varningstecken.md").read_text(encoding="utf-8")
    import_translations(project, file, file.name, "so")
    after = (project / "docs/so/gangsnacket/varningstecken.md").read_text(encoding="utf-8")
    assert ("oo qaali ah oo aadan u iibin.\n\nSi deggan u weydii meesha alaabtu ka timid.\n\n"
            "### Ilmuhu wuxuu haystaa lacag") in after
    # Only those lines changed (and the Swedish version it now translates).
    removed = set(before.splitlines()) - set(after.splitlines())
    assert len(removed) == 2 and any("source:" in line for line in removed)
    assert "share.copy: Koobiyee xiriir\n" in (project / "translations/so.yml").read_text("utf-8")
    assert "    so: Habeen iyo maalin oo dhan." in (
        project / "docs/_data/contacts.yml").read_text("utf-8")
    assert export_translations(project, "so", tmp_path / "again.xlf", changed=True) == 0


def test_an_import_that_drops_a_token_or_a_link_is_refused_at_the_units_id(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    found = units(file)
    token = next(k for k, u in found.items() if k.startswith(PAGE) and u.source.startswith("Ring [[112]]"))
    link = next(k for k, u in found.items() if k.startswith(PAGE) and "(var-du-far-hjalp.md)" in u.source)
    translate(file, {token: "Wac lambarka gurmadka haddii qof khatar ku jiro.",
                     link: "Meelo kale waxaad ka helaysaa bogga Meesha aad ka heli karto caawimaad."},
              "translated")
    before = digest(project)
    result = subprocess.run([sys.executable, "-m", "trygg.cli", "import", str(file), "--lang", "so"],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    line_of = {k: units(file)[k].xmlelement.sourceline for k in (token, link)}
    assert any(line.startswith(f"{file}:{line_of[token]}: unit-token: unit '{token}': "
                               "the translation drops [[112]]") for line in lines), lines
    assert any(line.startswith(f"{file}:{line_of[link]}: unit-link: unit '{link}': "
                               "the translation drops var-du-far-hjalp.md") for line in lines)
    assert "trygg import: nothing was written." in lines
    assert digest(project) == before


def test_a_unit_that_breaks_the_markdown_is_refused(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {f"{PAGE}#1": "Qoraal.\n\n## Cinwaan cusub"}, "translated")
    with pytest.raises(ProblemsFound) as found:
        import_translations(project, file, "so.xlf", "so")
    assert [p.rule for p in found.value.problems] == ["unit-structure"]
    assert f"unit '{PAGE}#1'" in found.value.problems[0].message


def test_a_reviewed_import_turns_the_pages_reader_notice_off(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    file = tmp_path / "ar.xlf"
    export_translations(project, "ar", file)
    ar_home = project / "docs" / "ar" / "index.md"
    assert "status: machine" in ar_home.read_text(encoding="utf-8")
    translate(file, {}, "signed-off")  # the reviewer signed every unit off unchanged
    import_translations(project, file, file.name, "ar")
    assert "status: reviewed" in ar_home.read_text(encoding="utf-8")
    site = build_or_fail(project)
    ar = (site / "ar" / "index.html").read_text(encoding="utf-8")
    ti = (site / "ti" / "index.html").read_text(encoding="utf-8")
    assert "trygg-notice" not in ar
    assert "trygg-notice" in ti  # Tigrinya was not imported: still a machine draft


def test_a_machine_translated_import_records_the_page_as_machine(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {f"{PAGE}#1": "Boggan waa waalidiinta."}, "needs-review-translation")
    import_translations(project, file, file.name, "so")
    text = (project / "docs/so/gangsnacket/varningstecken.md").read_text(encoding="utf-8")
    assert "status: machine" in text and "\nBoggan waa waalidiinta.\n" in text


def test_table_cells_and_box_titles_are_units_and_a_cell_keeps_its_table(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    file = tmp_path / "ar.xlf"
    export_translations(project, "ar", file)
    found = units(file)
    layout = "docs/sv/layout.md"
    assert (found[f"{layout}#3.1"].source, found[f"{layout}#3.1"].target) == ("Vem", "من")
    assert found[f"{layout}#5.2"].target == "ب"
    assert "table cell 2 of 2" in found[f"{layout}#5.2"].getnotes()
    assert (found[f"{layout}#6"].source, found[f"{layout}#6"].target) == ("Obs", "ملاحظة")
    translate(file, {f"{layout}#5.2": "ب | ج", f"{layout}#6": "تنبيه"}, "signed-off")
    with pytest.raises(ProblemsFound) as found_problems:
        import_translations(project, file, file.name, "ar")
    assert [(p.rule, f"'{layout}#5.2'" in p.message) for p in found_problems.value.problems] \
        == [("unit-structure", True)]
    translate(file, {f"{layout}#5.2": "ج"}, "signed-off")
    import_translations(project, file, file.name, "ar")
    text = (project / "docs/ar/layout.md").read_text(encoding="utf-8")
    assert "| أ | ج |\n" in text and '!!! note "تنبيه"\n    مربع.\n' in text


def test_a_new_text_is_imported_even_when_the_tool_left_its_state_as_exported(project, tmp_path):
    edit(project / "translations/sv.yml", "share.copy: Kopiera länken", "share.copy: Kopiera länk")
    file = tmp_path / "so.xlf"
    assert export_translations(project, "so", file, changed=True) == 1
    translate(file, {}, None)  # sent back untouched: still needs translation, not imported
    import_translations(project, file, file.name, "so")
    assert export_translations(project, "so", tmp_path / "still.xlf", changed=True) == 1
    translate(file, {"translations/sv.yml#share.copy": "Koobiyee xiriir"}, None)
    import_translations(project, file, file.name, "so")
    assert "share.copy: Koobiyee xiriir\n" in (project / "translations/so.yml").read_text("utf-8")
    assert export_translations(project, "so", tmp_path / "done.xlf", changed=True) == 0


def test_a_reviewed_page_with_one_change_still_to_translate_stays_reviewed_and_outdated(
        project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    page_units = {k for k in units(file) if k.startswith(PAGE + "#")}
    store = xliff.xlifffile.parsestring(file.read_bytes())
    for unit in store.units:  # the reviewer signs off this page only
        if unit.getid().replace(xliff.ID_SEPARATOR, "#") in page_units:
            unit.set_state_n(unit.S_SIGNED_OFF)
    file.write_bytes(bytes(store))
    import_translations(project, file, file.name, "so")
    so_page = project / "docs/so/gangsnacket/varningstecken.md"
    assert "status: reviewed" in so_page.read_text(encoding="utf-8")
    source_line = next(line for line in so_page.read_text("utf-8").splitlines() if "source:" in line)

    edit(project / PAGE, "Lita på din känsla.", "Lita på din känsla och tala med någon.")
    edit(project / PAGE, "Vänta inte.", "Vänta inte längre.")
    changed = tmp_path / "changed.xlf"
    assert set(units(changed) if export_translations(project, "so", changed, changed=True) else {}) \
        == {f"{PAGE}#3", f"{PAGE}#22"}
    translate(changed, {f"{PAGE}#3": "Laakiin ... Ku kalsoonow dareenkaaga oo la hadal qof."},
              None)  # the other unit comes back untranslated
    import_translations(project, changed, changed.name, "so")
    text = so_page.read_text(encoding="utf-8")
    assert "status: reviewed" in text and source_line in text  # still the old Swedish version
    assert "Ku kalsoonow dareenkaaga oo la hadal qof." in text
    assert set(units(changed) if export_translations(project, "so", changed, changed=True) else {}) \
        == {f"{PAGE}#22"}
