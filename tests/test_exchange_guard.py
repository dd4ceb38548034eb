"""What guards a unit's text on import, tried with the outside review's cases (issue 20,
review items 2, 3, 9, 10 and 14): line breaks Python reads as such, reference links and
definitions, block starts, attribute lists and block HTML, a unit sent twice, entity
references and a CAT tool's inline tags. Each is refused at the unit's id with the XLIFF
line, and nothing is written."""

import os
import subprocess
import sys

import pytest
from lxml import etree

from test_exchange import PAGE, digest, project, units  # noqa: F401 (project)
from test_exchange_agency import refused
from trygg.exchange import export_translations, guard
from trygg.exchange.apply import import_translations
from trygg.problems import ProblemsFound

NS = "urn:oasis:names:tc:xliff:document:1.2"
# The characters str.splitlines() ends a line at, besides \n and \r.
LINE_BREAKS = ["\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
SOURCE = "Alla barn förändras när de växer."
SOMALI = "Ilmahaagu wuu beddelmaa markuu koro."


def rules(source, target, **options) -> list[str]:
    return [rule for rule, _message in guard.problems(source, target, **options)]


def exported(project, tmp_path):
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    return file


def set_targets(file, targets: dict[str, str], xml: bool = False) -> None:
    """What a CAT tool sends back: each target's text (``xml``: as XML, tags and all),
    confirmed by the translator (state="translated")."""
    tree = etree.parse(str(file))
    for unit in tree.iter(f"{{{NS}}}trans-unit"):
        key = f"{unit.getparent().getparent().get('original')}#{unit.get('id')}"
        if key not in targets:
            continue
        target = unit.find(f"{{{NS}}}target")
        if xml:
            new = etree.fromstring(f'<target xmlns="{NS}">{targets[key]}</target>')
            unit.replace(target, new)
            target = new
        else:
            target.text = targets[key]
        target.attrib.pop("state-qualifier", None)
        target.set("state", "translated")
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")


def line_of(file, key) -> int:
    return units(file)[key].xmlelement.sourceline


# Item 2: every line break, in a page's Markdown and in a plain-text (YAML) field alike.

@pytest.mark.parametrize("markdown", [True, False], ids=["page", "yaml"])
@pytest.mark.parametrize("mark", ["\n", "\r", *LINE_BREAKS], ids=lambda m: f"U+{ord(m):04X}")
def test_every_line_break_python_knows_is_refused(mark, markdown):
    found = guard.problems(SOURCE, f"{SOMALI} {mark}## Digniin cusub", markdown=markdown)
    assert [rule for rule, _ in found] == ["unit-structure"]
    assert f"line break (U+{ord(mark):04X}" in found[0][1]


def test_the_reviewers_nel_paragraph_is_refused_at_its_line_and_nothing_is_written(project,
                                                                                    tmp_path):
    file = exported(project, tmp_path)
    key = f"{PAGE}#3"
    set_targets(file, {key: f'{SOMALI} \x85## Digniin cusub\x85\x85!!! danger "Ha la xiriirin '
                       'booliska"'})
    before = digest(project)
    result = subprocess.run([sys.executable, "-m", "trygg.cli", "import", str(file), "--lang", "so"],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{file}:{line_of(file, key)}: unit-structure: unit "
                                    f"'{key}': the translation breaks the Markdown: it has a "
                                    "line break (U+0085"), result.stderr
    assert digest(project) == before


def test_a_line_break_in_a_contact_text_is_refused(project, tmp_path):
    file = exported(project, tmp_path)
    key = next(k for k in units(file) if k.startswith("docs/_data/contacts.yml#"))
    set_targets(file, {key: "Wac\u2028Ha la xiriirin"})
    assert [rule for rule, _ in refused(project, file)] == ["unit-structure"]


# Item 3: reference-style links and definitions.

def test_the_reviewers_reference_attack_is_refused_at_both_units(project, tmp_path):
    file = exported(project, tmp_path)
    assert units(file)[f"{PAGE}#3"].getnotes().startswith("paragraph")
    set_targets(file, {f"{PAGE}#3": "[x]: https://evil.example/phish",
                       f"{PAGE}#6": f"{SOMALI} Fadlan [halkan riix][x]."})
    found = refused(project, file)
    assert ("unit-structure", f"unit '{PAGE}#3': the translation breaks the Markdown: it "
            "starts like a link definition ([label]: address). Keep it one block like the "
            "Swedish text.") in found
    assert any(rule == "unit-link" and message.startswith(f"unit '{PAGE}#6': the translation "
                                                          "adds [x]")
               for rule, message in found), found


@pytest.mark.parametrize("target", ["[x]: https://evil.example/", "  [Polisen] : polisen.se",
                                    "[^1]: Fiiro"])
def test_a_target_that_starts_with_a_link_definition_is_refused(target):
    assert rules(SOURCE, target) == ["unit-structure"]


@pytest.mark.parametrize("target", ["Eeg [bogga][x].", "Eeg [x][].", "Eeg [bogga] [x].",
                                    "Eeg ![sawir][x]."])
def test_a_full_or_collapsed_reference_link_counts_as_a_link(target):
    assert rules(SOURCE, target) == ["unit-link"]
    # In place of the Swedish inline link it drops that link's address too.
    message = guard.problems("Se [sidan](a.md).", target)[0][1]
    assert "drops a.md" in message and "adds [x]" in message


def test_a_shortcut_reference_counts_where_the_page_defines_its_label():
    assert rules(SOURCE, "Eeg [Halkan].", defined=frozenset({"halkan"})) == ["unit-link"]
    # Not defined: Python-Markdown shows the brackets as text, as a translator may write them.
    assert rules(SOURCE, "Eeg [halkan].") == []
    assert guard.defined_labels("Text.\n\n[Halkan  Riix]: https://e.se\n") == {"halkan riix"}


def test_a_reference_link_kept_as_in_the_swedish_text_is_accepted():
    defined = frozenset({"x"})
    assert rules("Se [sidan][x] och [x].", "Eeg [bogga][X] iyo [x].", defined=defined) == []


# Item 9: what the build refuses, or what makes the unit another block.

@pytest.mark.parametrize("target, start", [
    ("    " + SOMALI, "a code block"),
    ("\t" + SOMALI, "a code block"),
    ("  \t" + SOMALI, "a code block"),
    ("---", "a rule"), ("***", "a rule"), ("___", "a rule"), ("- - -", "a list item"),
    ("* * *", "a list item"),
    ('!!! danger "Ha la xiriirin booliska"', "a box"), ("??? note", "a box"),
    ("???+ note", "a box"), ("!!!danger", "a box"),
    ("```", "a code block"), ("~~~ python", "a code block"),
    ("===", "a heading's underline"), ("--", "a heading's underline"),
    ("#Digniin", "a heading"), ("> " + SOMALI, "a quote"), ("| a | b |", "a table row"),
    (": " + SOMALI, "a definition"), ("1. " + SOMALI, "a list item"),
])
def test_a_target_that_starts_another_block_is_refused(target, start):
    found = guard.problems(SOURCE, target)
    assert [rule for rule, _ in found] == ["unit-structure"], found
    assert f"it starts like {start}" in found[0][1]


def test_the_same_block_start_as_the_swedish_text_is_accepted():
    assert rules("- Barn", "- Carruur") == []  # a paragraph that is a list item's text


@pytest.mark.parametrize("target", ['Calaamad keliya {: onclick="alert(1)" }',
                                    f"{SOMALI} {{ hidden }}", "Calaamad {: #cusub }",
                                    "Calaamad { .hidden }"])
def test_an_attribute_list_the_swedish_text_does_not_have_is_refused(target):
    found = guard.problems("Ett tecken betyder inte att något är fel", target)
    assert "unit-structure" in [rule for rule, _ in found]
    assert any("adds the attribute list" in message for _rule, message in found)


def test_an_attribute_list_kept_from_the_swedish_text_is_accepted_and_one_dropped_is_not():
    assert rules("Rubrik {: #hjalp }", "Cinwaan {: #hjalp }") == []
    assert rules("Rubrik {: #hjalp }", "Cinwaan") == ["unit-structure"]
    # A {placeholder} in a page is not an attribute list (unit-placeholder looks after it).
    assert rules("Du har {count} svar.", "Waxaad haysataa {count} jawaab.") == []


def test_block_html_in_a_paragraph_is_refused_and_inline_html_is_not():
    found = guard.problems(SOURCE, f"{SOMALI} <details open>x</details>")
    assert [rule for rule, _ in found] == ["unit-html"]
    assert "<details>, a block of its own" in found[0][1]
    assert rules(SOURCE, f'{SOMALI} <span lang="sv">Gängsnacket</span>') == []
    assert rules("Se <details><summary>Mer</summary>x</details>",
                 "Eeg <details><summary>Wax</summary>x</details>") == []


def test_a_plain_text_field_may_start_with_what_would_be_a_block_in_markdown():
    # A title or a UI string is shown as typed: '---' or four spaces change no block there.
    assert rules("Rubrik", "---", markdown=False) == []
    assert rules("Rubrik", "    Cinwaan", markdown=False) == []


@pytest.mark.parametrize("key, target", [
    (f"{PAGE}#2", 'Calaamad keliya {: onclick="alert(1)" }'),
    (f"{PAGE}#3", f"{SOMALI} <details open>x</details>"),
    (f"{PAGE}#3", f"    {SOMALI}"), (f"{PAGE}#3", "---"), (f"{PAGE}#3", '!!! danger "x"'),
    (f"{PAGE}#3", "??? note"),
])
def test_the_reviewers_structure_cases_are_refused_at_the_unit(project, tmp_path, key, target):
    file = exported(project, tmp_path)
    set_targets(file, {key: target})
    before = digest(project)
    with pytest.raises(ProblemsFound) as found:
        import_translations(project, file, "so.xlf", "so")
    problems = found.value.problems
    assert problems and all(p.line == line_of(file, key) and f"unit '{key}'" in p.message
                            for p in problems)
    assert {p.rule for p in problems} <= {"unit-structure", "unit-html"}
    assert digest(project) == before


# Item 10: a unit sent twice.

def test_a_unit_sent_twice_is_refused_at_the_duplicates_line(project, tmp_path):
    file = exported(project, tmp_path)
    set_targets(file, {f"{PAGE}#3": SOMALI})
    tree = etree.parse(str(file))
    first = next(u for u in tree.iter(f"{{{NS}}}trans-unit") if u.get("id") == "3"
                 and u.getparent().getparent().get("original") == PAGE)
    copy = etree.fromstring(etree.tostring(first))
    copy.find(f"{{{NS}}}target").text = "Qoraal kale."
    first.addnext(copy)
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")
    second = etree.parse(str(file)).xpath("//x:trans-unit[@id='3']", namespaces={"x": NS})
    lines = [u.sourceline for u in second if u.getparent().getparent().get("original") == PAGE]
    assert len(lines) == 2
    before = digest(project)
    with pytest.raises(ProblemsFound) as found:
        import_translations(project, file, "so.xlf", "so")
    assert [(p.line, p.rule) for p in found.value.problems] == [(lines[1], "unit-duplicate")]
    assert f"(first at line {lines[0]})" in found.value.problems[0].message
    assert digest(project) == before


# Item 14: entity references and a CAT tool's inline tags, which would lose text.

def with_doctype(file, declaration: str, key: str, text: str) -> None:
    """The file with an internal DTD subset and ``text`` (holding an entity reference) as
    the target of ``key``, written as raw XML (lxml would not keep an undeclared one)."""
    set_targets(file, {key: "@@TARGET@@"})
    raw = file.read_text(encoding="utf-8")
    head, _, rest = raw.partition("?>")
    file.write_text(f"{head}?>\n<!DOCTYPE xliff [{declaration}]>{rest}".replace(
        "@@TARGET@@", text), encoding="utf-8")


@pytest.mark.parametrize("declaration, name", [
    ('<!ENTITY xxe SYSTEM "file:///etc/passwd">', "xxe"),  # would be dropped: "koro, ."
    ('<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">', "s"),  # written as "alert(1)"
    ('<!ENTITY magac "Polisen">', "magac"),  # plain text: still not what the tool shows
])
def test_an_entity_reference_is_refused(project, tmp_path, declaration, name):
    file = exported(project, tmp_path)
    key = f"{PAGE}#3"
    with_doctype(file, declaration, key, f"Ilmahaagu wuu beddelmaa markuu koro, &{name};.")
    found = refused(project, file)
    assert found == [("unit-inline", f"unit '{key}': the translation has the entity "
                      f"reference &{name};, whose text would not reach the page as the "
                      "translator sees it. Write the text itself (plain text; only &amp;, "
                      "&lt;, &gt;, &quot;, &apos; and character references such as &#233; "
                      "are read).")]


def test_the_billion_laughs_file_is_still_stopped_by_the_parser(project, tmp_path):
    file = exported(project, tmp_path)
    laughs = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    with_doctype(file, laughs, f"{PAGE}#3", "&j;")
    assert [rule for rule, _ in refused(project, file)] == ["xliff-syntax"]


@pytest.mark.parametrize("inline, tag", [
    ('Ilmahaagu <x id="1"/> beddelmaa.', "x"),
    ('Ilmahaagu <ph id="1">&lt;script&gt;</ph> beddelmaa.', "ph"),
    ('Ilmahaagu <bx id="1"/>wuu<ex id="2"/> beddelmaa.', "bx"),
    ('Ilmahaagu <bpt id="1">&lt;b&gt;</bpt>wuu<ept id="1">&lt;/b&gt;</ept> beddelmaa.', "bpt"),
    ('Ilmahaagu <g id="1">wuu <x id="2"/></g> beddelmaa.', "x"),
])
def test_an_inline_placeholder_tag_is_refused(project, tmp_path, inline, tag):
    file = exported(project, tmp_path)
    key = f"{PAGE}#3"
    set_targets(file, {key: inline}, xml=True)
    found = refused(project, file)
    assert len(found) == 1 and found[0][0] == "unit-inline"
    assert found[0][1].startswith(f"unit '{key}': the translation has the inline tag <{tag}>")


def test_text_in_g_and_mrk_is_kept_and_imported(project, tmp_path):
    file = exported(project, tmp_path)
    set_targets(file, {f"{PAGE}#3": 'Ilmahaagu <g id="1">wuu</g> beddelmaa.',
                       f"{PAGE}#6": '<mrk mtype="seg" mid="1">Waa run.</mrk> '
                                    '<mrk mtype="seg" mid="2">Waa caadi.</mrk>'}, xml=True)
    import_translations(project, file, "so.xlf", "so")
    page = (project / PAGE.replace("/sv/", "/so/")).read_text(encoding="utf-8")
    assert "\nIlmahaagu wuu beddelmaa.\n" in page
    assert "\nWaa run. Waa caadi.\n" in page
