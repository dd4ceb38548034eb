"""The exchange's Markdown reader finds the blocks Python-Markdown finds: a unit is one
paragraph or list item exactly where the built page has one."""

import shutil

import markdown
import pytest

from conftest import ROOT
from test_exchange import translate, units
from trygg.exchange import export_translations
from trygg.exchange.apply import import_translations
from trygg.exchange.markdown import parse_blocks


def kinds(text: str) -> list[str]:
    return [b.kind for b in parse_blocks(text.splitlines(keepends=True), 0)]


@pytest.mark.parametrize("text, ours, html_has, html_lacks", [
    # A year at the start of a wrapped line goes on with the paragraph.
    ("Lagen skärptes den 1 juli\n2026. När ett barn rekryteras döms den vuxne hårdare.\n",
     ["paragraph"], "<p>Lagen skärptes den 1 juli\n2026. När", "<ol>"),
    ("Ta med dig\n- ett id-kort\n", ["paragraph"], "<p>Ta med dig\n- ett id-kort</p>", "<ul>"),
    # In a list the next item is a new one, a year or not.
    ("1. Ring.\n2. Prata.\n", ["item", "item"], "<li>Prata.</li>", "<p>"),
    ("- Ring.\n  mer text\n- Prata.\n", ["item", "item"], "<li>Prata.</li>", "<p>"),
    # After a blank line a list starts; '1)' is text in Python-Markdown.
    ("Text.\n\n2026. Ny lag.\n", ["paragraph", "item"], "<ol>\n<li>Ny lag.</li>", "never"),
    ("1) Ring.\n", ["paragraph"], "<p>1) Ring.</p>", "<ol>"),
    # A heading interrupts a paragraph.
    ("Text.\n## Rubrik\n", ["paragraph", "heading"], "<h2>Rubrik</h2>", "never"),
    # A definition (the start page's choices): its term is the line before.
    ("[För dig som är ung](unga/index.md)\n:   Hur gängen lockar.\n",
     ["paragraph", "definition"], '<dt><a href="unga/index.md">För dig som är ung</a></dt>\n'
     "<dd>Hur gängen lockar.</dd>", "<p>"),
])
def test_blocks_are_where_python_markdown_puts_them(text, ours, html_has, html_lacks):
    html = markdown.markdown(text, extensions=["def_list"])  # as mkdocs.yml has it
    assert html_has in html and html_lacks not in html, html
    assert kinds(text) == ours


def test_a_paragraph_with_a_line_starting_with_a_year_is_one_unit_and_written_back_whole():
    lines = "Lagen skärptes den 1 juli\n2026. När ett barn rekryteras.\n".splitlines(True)
    [block] = parse_blocks(lines, 0)
    assert block.texts == ("Lagen skärptes den 1 juli 2026. När ett barn rekryteras.",)
    assert block.render(["Sharciga waxaa la adkeeyay 1 Luulyo 2026."]) == [
        "Sharciga waxaa la adkeeyay 1 Luulyo 2026.\n"]


def test_a_translated_definition_is_written_back_under_its_term(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "translations", project / "translations")
    file = tmp_path / "so.xlf"
    export_translations(project, "so", file)
    found = units(file)
    term, definition = (k for k, u in found.items() if k.startswith("docs/sv/index.md#")
                        and u.source.startswith(("[För dig som är ung]", "Hur gängen försöker")))
    assert "definition" in found[definition].getnotes()
    translate(file, {term: "[Adiga oo dhallinyaro ah](unga/index.md)",
                     definition: "Sida ay kooxuhu kuu soo jiidaan."}, "translated")
    import_translations(project, file, file.name, "so")
    text = (project / "docs/so/index.md").read_text(encoding="utf-8")
    assert "\n[Adiga oo dhallinyaro ah](unga/index.md)\n:   Sida ay kooxuhu kuu soo jiidaan.\n" \
        in text
    html = markdown.markdown(text.split("---", 2)[2], extensions=["def_list"])
    assert "<dd>Sida ay kooxuhu kuu soo jiidaan.</dd>" in html
