"""The exchange's Markdown reader finds the blocks Python-Markdown finds: a unit is one
paragraph or list item exactly where the built page has one."""

import markdown
import pytest

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
])
def test_blocks_are_where_python_markdown_puts_them(text, ours, html_has, html_lacks):
    html = markdown.markdown(text)
    assert html_has in html and html_lacks not in html, html
    assert kinds(text) == ours


def test_a_paragraph_with_a_line_starting_with_a_year_is_one_unit_and_written_back_whole():
    lines = "Lagen skärptes den 1 juli\n2026. När ett barn rekryteras.\n".splitlines(True)
    [block] = parse_blocks(lines, 0)
    assert block.texts == ("Lagen skärptes den 1 juli 2026. När ett barn rekryteras.",)
    assert block.render(["Sharciga waxaa la adkeeyay 1 Luulyo 2026."]) == [
        "Sharciga waxaa la adkeeyay 1 Luulyo 2026.\n"]
