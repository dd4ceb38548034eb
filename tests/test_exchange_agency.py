"""What can come back from an agency, tried as an editor would meet it: a reviewed page and a
partly reviewed one, HTML, quotes, a direction mark, a file cut short, a file for another
language, and a file older than the last review. Each refusal names the unit's XLIFF line and
writes nothing."""

import os
import subprocess
import sys

import pytest
from translate.storage import xliff

from conftest import FIXTURES, build_or_fail, make_project
from test_exchange import PAGE, digest, project, translate, units  # noqa: F401 (project)
from trygg.exchange import export_translations
from trygg.exchange.apply import import_translations
from trygg.problems import ProblemsFound

RLM = "\u200f"


def confirm(path, keys_states: dict[str, str], approved: set[str] = frozenset()) -> None:
    """A CAT tool confirming units: the target's state (XLIFF 1.2: translated, signed-off …)
    and, for a reviewer's approval, approved="yes" on the unit; every other unit as it was."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    for unit in store.units:
        key = unit.getid().replace(xliff.ID_SEPARATOR, "#")
        node = unit.getlanguageNode(lang=None, index=1)
        if key in keys_states:
            node.set("state", keys_states[key])
            node.attrib.pop("state-qualifier", None)
        if key in approved:
            unit.xmlelement.set("approved", "yes")
    path.write_bytes(bytes(store))


def refused(project, file, lang="so") -> list[tuple[str, str]]:
    """(rule, message) of each problem, and that nothing was written."""
    before = digest(project)
    with pytest.raises(ProblemsFound) as found:
        import_translations(project, file, file.name, lang)
    assert digest(project) == before
    return [(p.rule, p.message) for p in found.value.problems]


def test_a_fully_reviewed_page_loses_its_notice_and_a_partly_reviewed_one_keeps_it(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    files = {code: tmp_path / f"{code}.xlf" for code in ("ar", "ti")}
    for code, file in files.items():
        export_translations(project, code, file)
    home = sorted(k for k in units(files["ar"]) if k.startswith("docs/sv/index.md#"))
    assert len(home) > 3
    # Arabic: every unit of the home page confirmed: by the translator (translated), signed
    # off by a reviewer, or approved (approved="yes", the state left as the tool found it).
    confirm(files["ar"], {k: ("translated", "signed-off")[i % 3] for i, k in enumerate(home)
                          if i % 3 < 2}, approved={k for i, k in enumerate(home) if i % 3 == 2})
    # Tigrinya: one unit confirmed, the rest left as the machine draft.
    confirm(files["ti"], {home[0]: "translated"})
    for code, file in files.items():
        import_translations(project, file, file.name, code)
    assert "status: reviewed" in (project / "docs/ar/index.md").read_text(encoding="utf-8")
    assert "status: machine" in (project / "docs/ti/index.md").read_text(encoding="utf-8")
    site = build_or_fail(project)
    assert "trygg-notice" not in (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "trygg-notice" in (site / "ti" / "index.html").read_text(encoding="utf-8")


def test_a_script_in_a_translation_is_refused_at_its_unit(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {f"{PAGE}#1": "Boggan <script>alert(1)</script> waa waalidiinta.",
                     "translations/sv.yml#share.copy": "Koobiyee <b>xiriirka</b>"}, "translated")
    problems = refused(project, file)
    assert [(rule, f"'{PAGE}#1'" in message) for rule, message in problems][:1] == [
        ("unit-html", True)]
    assert any("'translations/sv.yml#share.copy': the translation has <b>" in message
               for _rule, message in problems)
    assert "<script> is not allowed in a page" in problems[0][1]


def test_quotes_ampersands_and_a_less_than_reach_the_page_as_text(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    file = tmp_path / "ar.xlf"
    export_translations(project, "ar", file)
    heading = next(k for k, u in units(file).items()
                   if k.startswith("docs/sv/index.md#") and "heading" in u.getnotes())
    text = "عنوان \"مقتبس\" و'آخر' & 3 < 5"
    translate(file, {heading: text}, "signed-off")
    import_translations(project, file, file.name, "ar")
    page = (build_or_fail(project) / "ar" / "index.html").read_text(encoding="utf-8")
    assert "عنوان \"مقتبس\" و'آخر' &amp; 3 &lt; 5</h1>" in page


def test_a_direction_mark_is_refused_in_a_left_to_right_language_and_kept_in_arabic(
        project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {f"{PAGE}#1": f"Boggan waa{RLM} waalidiinta."}, "translated")
    assert refused(project, file)[0][0] == "unit-invisible"
    assert "U+200F" in refused(project, file)[0][1]
    # A left-to-right mark changes nothing in left-to-right text: imported.
    translate(file, {f"{PAGE}#1": "Boggan waa\u200e waalidiinta."}, "translated")
    import_translations(project, file, file.name, "so")
    # Arabic: the mark places punctuation in right-to-left text, and stays.
    file = tmp_path / "ar.xlf"
    export_translations(project, "ar", file)
    source = units(file)[f"{PAGE}#1"].target
    translate(file, {f"{PAGE}#1": source + RLM}, "translated")
    import_translations(project, file, file.name, "ar")
    assert source + RLM in (project / "docs/ar/gangsnacket/varningstecken.md").read_text("utf-8")
    # An override reorders everything after it: refused in every language.
    translate(file, {f"{PAGE}#1": source + "\u202e"}, "translated")
    assert refused(project, file, "ar")[0][0] == "unit-invisible"


def _cli_import(project, file):
    return subprocess.run([sys.executable, "-m", "trygg.cli", "import", str(file), "--lang", "so"],
                          cwd=project,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_a_file_cut_short_is_named_at_its_line_and_nothing_is_written(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    file.write_bytes(file.read_bytes()[:5000])
    line = file.read_bytes().count(b"\n") + 1
    before = digest(project)
    result = _cli_import(project, file)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{file}:{line}: xliff-syntax: this is not an XLIFF file"), first
    assert "Traceback" not in result.stderr
    assert "trygg import: nothing was written." in result.stderr
    assert digest(project) == before


def test_a_file_for_another_language_is_refused_and_a_region_code_is_read_as_its_language(
        project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {f"{PAGE}#1": "Boggan waa waalidiinta."}, "translated")
    text = file.read_text(encoding="utf-8")
    # The Somali text sent back marked as Arabic: no letter of the Arabic script.
    file.write_text(text.replace('target-language="so"', 'target-language="ar"'), "utf-8")
    problems = refused(project, file, "ar")
    assert {rule for rule, _message in problems} == {"unit-language"}
    assert any(f"'{PAGE}#1': the translation has no letter of the Arabic script" in message
               for _rule, message in problems)
    # Two languages in one file.
    file.write_text(text.replace('target-language="so"', 'target-language="ar"', 1), "utf-8")
    assert refused(project, file)[0][0] == "language-code"
    # A CAT tool writes the language with its region: so-SO is Somali.
    file.write_text(text.replace('target-language="so"', 'target-language="so-SO"'), "utf-8")
    import_translations(project, file, file.name, "so")
    assert "\nBoggan waa waalidiinta.\n" in (
        project / "docs/so/gangsnacket/varningstecken.md").read_text(encoding="utf-8")


def test_a_file_older_than_the_last_review_does_not_undo_it(project, tmp_path):
    old = tmp_path / "old.xlf"
    export_translations(project, "so", old)  # machine drafts, before the review
    reviewed = tmp_path / "reviewed.xlf"
    export_translations(project, "so", reviewed)
    confirm(reviewed, {k: "signed-off" for k in units(reviewed) if k.startswith(PAGE + "#")})
    import_translations(project, reviewed, reviewed.name, "so")
    page = project / "docs/so/gangsnacket/varningstecken.md"
    assert "status: reviewed" in page.read_text(encoding="utf-8")
    problems = refused(project, old)
    assert {rule for rule, _message in problems} == {"unit-older"}
    assert any(f"'{PAGE}#1'" in message for _rule, message in problems)
