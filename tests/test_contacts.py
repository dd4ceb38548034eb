"""Contact facts: one data file, referred to by key, numbers never typed into pages."""

import re

from conftest import ROOT
from trygg.contacts import contact_problems, load_contacts, render_contacts

CONTACTS = load_contacts(ROOT)


def test_the_numbers_are_the_ones_in_the_facts_sheet():
    # shared/facts.md, "Where to get help": checked 2026-11-25.
    assert {k: c.number for k, c in CONTACTS.items() if c.number} == {
        "112": "112", "polisen": "114 14", "bris": "116 111"}
    assert all(c.verified for c in CONTACTS.values())


def test_a_number_becomes_a_phone_link_that_keeps_its_order_in_right_to_left_text():
    html = render_contacts("Ring [[bris]].", "ar", "sv", CONTACTS)
    assert html == ('Ring <a class="trygg-tel" href="tel:116111">'
                    '<bdi dir="ltr">116 111</bdi></a>.')


def test_a_name_is_given_in_the_pages_language_or_swedish():
    assert render_contacts("[[polisen:namn]]", "en", "sv", CONTACTS) == "the Police"
    assert render_contacts("[[polisen:namn]]", "xx", "sv", CONTACTS) == "Polisen"


def test_an_unknown_key_is_reported_at_its_line_with_the_known_keys():
    [problem] = contact_problems("Text.\n\nRing [[brls]].\n", "docs/sv/x.md", CONTACTS, first_line=5)
    assert (problem.path, problem.line, problem.rule) == ("docs/sv/x.md", 7, "contact-unknown")
    assert "bris" in problem.message


def test_a_typed_phone_number_is_reported_with_the_key_to_use():
    problems = contact_problems("Ring 116 111 eller 114 14.\nEller 08-123 45 67.\n", "p.md", CONTACTS)
    found = {(p.line, p.rule, p.message.split("'")[1]) for p in problems}
    assert found == {(1, "phone-number-typed", "116 111"), (1, "phone-number-typed", "114 14"),
                     (2, "phone-number-typed", "08-123 45 67")}
    assert any("[[bris]]" in p.message for p in problems)


def test_years_dates_and_laws_are_not_phone_numbers():
    text = "Sedan den 1 juli 2023 gäller BrB 16 kap. 5 a §, prop. 2022/23:53. Barn under 15 år.\n"
    assert contact_problems(text, "p.md", CONTACTS) == []


def test_an_unverified_contact_is_never_published(tmp_path):
    (tmp_path / "docs" / "_data").mkdir(parents=True)
    (tmp_path / "docs" / "_data" / "contacts.yml").write_text(
        'gammal:\n  number: "020-000 000"\n  verified: false\n  name: {sv: Gammal linje}\n', "utf-8")
    contacts = load_contacts(tmp_path)
    [problem] = contact_problems("Ring [[gammal]].\n", "p.md", contacts)
    assert problem.rule == "contact-unverified"
    assert render_contacts("Ring [[gammal]].", "sv", "sv", contacts) == "Ring [[gammal]]."


def test_no_page_of_the_site_types_a_phone_number_or_an_unknown_key():
    from trygg.translation import read_page

    for path in sorted((ROOT / "docs").glob("*/**/*.md")):
        shown = path.relative_to(ROOT).as_posix()
        page = read_page(path, shown)
        assert contact_problems(page.body, shown, CONTACTS, page.body_line) == [], shown
        prose = re.sub(r"\[\[[^\]]*\]\]", "", page.body)  # the tokens may name 112
        assert not re.search(r"\b(112|114 ?14|116 ?111)\b", prose), shown


def test_a_ui_string_naming_an_unknown_contact_is_reported_at_its_line(tmp_path):
    import shutil

    from trygg.validate import validate_project

    for folder in ("translations", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    strings = tmp_path / "translations" / "ti.yml"
    lines = strings.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("notfound.numbers:"))
    lines[number] = "notfound.numbers: ናብ [[brls]] ደውሉ። 116 111"
    strings.write_text("\n".join(lines), "utf-8")
    found = {(p.path, p.line, p.rule) for p in validate_project(tmp_path)}
    assert ("translations/ti.yml", number + 1, "contact-unknown") in found
    assert ("translations/ti.yml", number + 1, "phone-number-typed") in found
