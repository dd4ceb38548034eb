"""The exchange's states and edges, each from the outside review of issue 20: machine drafts
never come back as reviewed, a copied Swedish text or a file for another language is refused,
a page's BOM and line endings survive both ways, the search's configuration is not text, a
stale unit leaves the rest of the delivery to be imported, and --output is checked."""

import os
import subprocess
import sys

import pytest
from translate.storage import xliff

from test_exchange import (PAGE, digest, edit, project,  # noqa: F401 (project: a fixture)
                           translate, units)
from trygg.exchange import export_translations
from trygg.exchange.apply import import_translations
from trygg.moving import move_page
from trygg.problems import ProblemsFound
from trygg.translation import source_hash

SO_PAGE = "docs/so/gangsnacket/varningstecken.md"


def states(path, keys, state, qualifier=None, approved=None, targets=None):
    """Set state (and qualifier, approval, text) on the units ``keys``, as a CAT tool does."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    for unit in store.units:
        key = unit.getid().replace(xliff.ID_SEPARATOR, "#")
        if key not in keys:
            continue
        if targets and key in targets:
            unit.settarget(targets[key])
        node = unit.getlanguageNode(lang=None, index=1)
        if state is not None:
            node.set("state", state)
        node.attrib.pop("state-qualifier", None)
        if qualifier:
            node.set("state-qualifier", qualifier)
        if approved is not None:
            unit.xmlelement.set("approved", approved)
    path.write_bytes(bytes(store))


def status(project) -> str:
    text = (project / SO_PAGE).read_text(encoding="utf-8")
    return next(line.split(":")[1].strip() for line in text.splitlines() if "status:" in line)


def recorded(project) -> str:
    """The Swedish version the Somali page says it translates (translation.source)."""
    text = (project / SO_PAGE).read_text(encoding="utf-8")
    return next(line.split(":")[1].strip().strip('"') for line in text.splitlines()
                if "source:" in line)


def cli(project, *args):
    return subprocess.run([sys.executable, "-m", "trygg.cli", *map(str, args)], cwd=project,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.parametrize("qualifier", ["leveraged-mt", "mt-suggestion", "x-deepl-mt"])
def test_a_unit_a_machine_translated_is_machine_even_when_translated(project, tmp_path,
                                                                     qualifier):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    page = {k for k in units(file) if k.startswith(PAGE + "#")}
    states(file, page, "translated", qualifier)
    import_translations(project, file, file.name, "so")
    assert status(project) == "machine"
    states(file, page, "translated")  # the same file without the qualifier: a person's
    import_translations(project, file, file.name, "so")
    assert status(project) == "reviewed"


def test_new_text_with_the_states_as_we_sent_them_is_machine_even_on_a_reviewed_page(
        project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    page = {k for k in units(file) if k.startswith(PAGE + "#")}
    states(file, page, "signed-off", approved="yes")
    import_translations(project, file, file.name, "so")
    assert status(project) == "reviewed"
    again = tmp_path / "again.xlf"
    export_translations(project, "so", again)
    sent = units(again)[f"{PAGE}#3"]
    assert sent.xmlelement.get("approved") == "yes"
    assert sent.getlanguageNode(lang=None, index=1).get("state") == "signed-off"
    translate(again, {f"{PAGE}#3": "Qoraal cusub oo mashiin ka yimid."}, None)  # states kept
    import_translations(project, again, again.name, "so")
    assert "Qoraal cusub oo mashiin ka yimid." in (project / SO_PAGE).read_text("utf-8")
    assert status(project) == "machine"
    memory = (project / "translations/exchange/so.json").read_text(encoding="utf-8")
    assert f'"{PAGE}#3": [' in memory
    assert next(line for line in memory.splitlines() if f'"{PAGE}#3"' in line).endswith(
        '"machine"],')


def test_a_target_copied_from_the_swedish_is_refused_and_a_name_may_stay(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    found = units(file)
    copied = {key: str(found[key].source) for key in (f"{PAGE}#3", "translations/sv.yml#share.copy")}
    translate(file, copied, "translated")
    before = digest(project)
    with pytest.raises(ProblemsFound) as refused:
        import_translations(project, file, file.name, "so")
    assert {(p.rule, p.message.split(":")[0]) for p in refused.value.problems} == {
        ("unit-untranslated", f"unit '{key}'") for key in copied}
    assert digest(project) == before
    # A name, a number or one word may stay as in Swedish.
    translate(file, {"docs/_data/contacts.yml#polisen.name": "Polisen",
                     f"{PAGE}#3": "Carruur oo dhan way isbeddelaan."}, "translated")
    states(file, {"translations/sv.yml#share.copy"}, "needs-translation",
           targets={"translations/sv.yml#share.copy": ""})
    import_translations(project, file, file.name, "so")
    assert "    so: Polisen\n" in (project / "docs/_data/contacts.yml").read_text("utf-8")


def test_the_editor_names_the_language_and_a_file_for_another_is_refused(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {f"{PAGE}#1": "Boggan waa waalidiinta."}, "translated")
    file.write_text(file.read_text("utf-8").replace('target-language="so"',
                                                    'target-language="en"'), "utf-8")
    before = digest(project)
    result = cli(project, "import", file, "--lang", "so")
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{file}:3: language-code: this file is for 'en'"), first
    assert digest(project) == before
    without = cli(project, "import", file)
    assert without.returncode == 2 and "--lang" in without.stderr
    assert digest(project) == before


def test_a_page_with_a_bom_and_crlf_keeps_them_and_only_the_unit_changes(project, tmp_path):
    page = project / SO_PAGE
    plain = page.read_bytes()
    page.write_bytes(b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n"))
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    old = str(units(file)[f"{PAGE}#1"].target)
    translate(file, {f"{PAGE}#1": "Boggan waa waalidiinta."}, "translated")
    import_translations(project, file, file.name, "so")
    written = page.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf---\r\ntitle: Calaamadaha digniinta\r\n")
    assert b"\ndescription: " in written and b"\r\nBoggan waa waalidiinta.\r\n" in written
    assert written.count(b"\n") == written.count(b"\r\n")
    # Apart from the unit and the translation record, every line is as it was.
    expected = plain.decode().replace(old, "Boggan waa waalidiinta.").splitlines()
    lines = written.decode().removeprefix("\ufeff").split("\r\n")[:-1]
    assert [a for a, b in zip(lines, expected) if a != b and "status" not in a
            and "source:" not in a] == []


def test_a_swedish_page_with_a_bom_and_crlf_exports_as_a_plain_one(project, tmp_path):
    plain = tmp_path / "plain.xlf"
    export_translations(project, "so", plain)
    sv = project / PAGE
    sv.write_bytes(b"\xef\xbb\xbf" + sv.read_bytes().replace(b"\n", b"\r\n"))
    crlf = tmp_path / "crlf.xlf"
    export_translations(project, "so", crlf)
    pick = lambda f: {k: (str(u.source), str(u.target)) for k, u in units(f).items()  # noqa: E731
                      if k.startswith(PAGE)}
    assert pick(crlf) == pick(plain)
    assert f"{PAGE}#title" in pick(crlf) and f"{PAGE}#description" in pick(crlf)
    assert export_translations(project, "so", tmp_path / "c.xlf", changed=True) == 0


def test_the_search_configuration_is_not_in_the_exchange(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    assert not [k for k in units(file) if "search.config" in k]
    assert "translations/sv.yml#search.placeholder" in units(file)
    text = file.read_text("utf-8").replace('id="search.placeholder"',
                                           'id="search.config.separator"')
    assert text != file.read_text("utf-8")
    file.write_text(text, "utf-8")
    with pytest.raises(ProblemsFound) as refused:
        import_translations(project, file, file.name, "so")
    assert [(p.rule, "search's configuration" in p.message)
            for p in refused.value.problems] == [("unit-unknown", True)]
    # A file exported before the configuration left the exchange brings it back as it is:
    # skipped, and the rest is imported.
    so = (project / "translations/so.yml").read_text("utf-8")
    separator = next(line for line in so.splitlines() if line.startswith("search.config.separator"))
    states(file, {"translations/sv.yml#search.config.separator"}, "translated",
           targets={"translations/sv.yml#search.config.separator": "[\\s\\-]+"})
    translate(file, {"translations/sv.yml#share.copy": "Koobiyee xiriirka"}, "translated")
    import_translations(project, file, file.name, "so")
    so = (project / "translations/so.yml").read_text("utf-8")
    assert separator in so.splitlines() and "share.copy: Koobiyee xiriirka" in so


def test_a_stale_unit_is_left_out_with_a_warning_and_the_rest_is_imported(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    edit(project / PAGE, "Lita på din känsla.", "Lita på din känsla och tala med någon.")
    # Every unit comes back, #3 (whose Swedish changed) exactly as it was sent: not stale.
    translate(file, {f"{PAGE}#1": "Boggan waa waalidiinta."}, "translated")
    result = cli(project, "import", file, "--lang", "so")
    assert result.returncode == 0, result.stderr
    assert "unit-stale" not in result.stderr
    assert "\nBoggan waa waalidiinta.\n" in (project / SO_PAGE).read_text("utf-8")
    # A new text for #3, translated from the old Swedish: left out, named, the rest written.
    translate(file, {f"{PAGE}#3": "Qoraal hore.", f"{PAGE}#1": "Boggan waa waalidka."},
              "translated")
    result = cli(project, "import", file, "--lang", "so")
    assert result.returncode == 0, result.stderr
    assert f"unit-stale: warning: unit '{PAGE}#3': the Swedish text changed" in result.stderr
    assert "next export with --changed" in result.stderr
    text = (project / SO_PAGE).read_text("utf-8")
    assert "\nBoggan waa waalidka.\n" in text and "Qoraal hore." not in text
    changed = tmp_path / "changed.xlf"
    export_translations(project, "so", changed, changed=True)
    assert f"{PAGE}#3" in units(changed)


def test_a_file_exported_before_move_page_imports_with_its_links_retargeted(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    linking = next(k for k, u in units(file).items()
                   if "(varningstecken.md)" in str(u.source) and not k.startswith(PAGE))
    old = str(units(file)[linking].target)
    move_page(project, "gangsnacket/varningstecken", "gangsnacket/tecken-att-se")
    translate(file, {f"{PAGE}#1": "Boggan waa waalidiinta.",
                     linking: "Akhri: " + old}, "translated")
    import_translations(project, file, file.name, "so")
    moved = (project / "docs/so/gangsnacket/tecken-att-se.md").read_text("utf-8")
    assert "\nBoggan waa waalidiinta.\n" in moved
    linking_page = project / linking.partition("#")[0].replace("docs/sv/", "docs/so/")
    text = linking_page.read_text("utf-8")
    assert "Akhri: " in text and "(tecken-att-se.md)" in text
    assert "(varningstecken.md)" not in text


def test_export_refuses_an_output_among_the_sources_or_over_another_file(project, tmp_path):
    before = (project / "docs/sv/index.md").read_bytes()
    for output, says in [("docs/sv/index.md", "inside the project's docs/"),
                         ("translations/so.xlf", "inside the project's translations/"),
                         (str(tmp_path / "no-such-folder" / "so.xlf"),
                          f"the folder {tmp_path / 'no-such-folder'} does not exist")]:
        result = cli(project, "export", "--lang", "so", "--output", output)
        assert result.returncode == 1, (output, result.stderr)
        assert result.stderr.startswith(f"{output}:1: export-output: "), result.stderr
        assert says in result.stderr and "Traceback" not in result.stderr
    assert (project / "docs/sv/index.md").read_bytes() == before
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", "utf-8")
    with pytest.raises(ProblemsFound) as refused:
        export_translations(project, "so", notes)
    assert "is not an XLIFF file" in str(refused.value)
    assert notes.read_text("utf-8") == "my notes\n"
    earlier = tmp_path / "so.xlf"
    export_translations(project, "so", earlier)
    assert export_translations(project, "so", earlier) > 500  # an earlier export: replaced


def test_a_rewrapped_swedish_paragraph_goes_out_with_changed_and_back_in_sync(project, tmp_path):
    edit(project / PAGE, "Här får du veta vilka\ntecken", "Här får du\nveta vilka tecken")
    assert recorded(project) != source_hash((project / PAGE).read_text("utf-8"))  # outdated
    file = tmp_path / "so.xlf"
    count = export_translations(project, "so", file, changed=True)
    page = {k for k in units(file) if k.startswith(PAGE + "#")}
    assert count == len(page) > 10 and set(units(file)) == page
    assert "send it back as it is" in units(file)[f"{PAGE}#1"].getnotes()
    import_translations(project, file, file.name, "so")  # sent back untouched
    assert export_translations(project, "so", tmp_path / "none.xlf", changed=True) == 0
    assert recorded(project) == source_hash((project / PAGE).read_text("utf-8"))  # up to date
    assert status(project) == "machine"


def test_a_strings_file_with_crlf_keeps_its_line_endings(project, tmp_path):
    strings = project / "translations/so.yml"
    strings.write_bytes(b"\xef\xbb\xbf" + strings.read_bytes().replace(b"\n", b"\r\n"))
    before = strings.read_bytes()
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    translate(file, {"translations/sv.yml#share.copy": "Koobiyee xiriirka"}, "translated")
    import_translations(project, file, file.name, "so")
    after = strings.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\r\nshare.copy: Koobiyee xiriirka\r\n" in after
    assert after.count(b"\n") == after.count(b"\r\n") == before.count(b"\r\n")
