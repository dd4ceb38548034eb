"""The raw-HTML allow-list of pages and the no-HTML rule of plain-text fields, on their own."""

import pytest

from trygg.plain_text import data_problems, text_problems
from trygg.raw_html import page_problems
from trygg.yamlfile import parse_yaml


def rules(body: str) -> list[tuple[int, str]]:
    return [(p.line, p.rule) for p in page_problems(body, "docs/sv/x.md", first_line=5)]


@pytest.mark.parametrize("body", [
    "<details><summary>Mer</summary>\nText.\n</details>",
    'Vi säger <abbr title="Socialtjänsten">soc</abbr>.',
    'Hon sa <span lang="en" dir="ltr">hello</span>.',
    'Numret <bdi>116 111</bdi>, rad ett<br>rad två, <kbd>Ctrl</kbd>, m<sup>2</sup>, H<sub>2</sub>O.',
    "Kod: `<script>alert(1)</script>` visas som kod.",
    "```html\n<iframe src=x></iframe>\n```",
    "Se <https://www.polisen.se/> eller <info@example.se>.",
    "Barn under 15 år: 3 < 5 och 5 > 3.",
    "## Rubrik {#egen-rubrik lang=en}",
    "Text med {klamrar} mitt i.",
])
def test_allowed_html_and_text_that_only_looks_like_html_pass(body):
    assert rules(body) == []


@pytest.mark.parametrize("body, expected", [
    ("Rad ett\n<script>alert(1)</script>", [(6, "html-not-allowed")]),
    ("<style>body{}</style>", [(5, "html-not-allowed")]),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', [(5, "html-not-allowed")]),
    ("<object data=x></object>\n<embed src=x>", [(5, "html-not-allowed"), (6, "html-not-allowed")]),
    ("<form><input name=x></form>", [(5, "html-not-allowed"), (5, "html-not-allowed")]),
    ("<img src=x onerror=alert(1)>", [(5, "html-not-allowed")]),
    ('Text <span onclick="x()">här</span>', [(5, "html-attribute-not-allowed")]),
    ('Text <span style="color:red">här</span>', [(5, "html-attribute-not-allowed")]),
    ("[Klicka](javascript:alert(1))", [(5, "link-unsafe")]),
    ("![Bild](data:image/svg+xml;base64,PHN2Zz4=)", [(5, "link-unsafe")]),
    ("[Klicka][1]\n\n[1]: JavaScript:alert(1)", [(7, "link-unsafe")]),
    # Found by the review: what Python's tokenizer reads as a comment, a browser reads as
    # an element (lexbor is asked too).
    ("Rad\nText <!--><img src=x onerror=alert(1)>--> inline.", [(6, "html-not-allowed")]),
    ("<!-- a --!><svg onload=alert(102)>-->", [(5, "html-not-allowed")]),
    ("<![CDATA[><img src=x onerror=alert(103)>]]>", [(5, "html-not-allowed")]),
    ("Viktigt: <!--><template>--> läs mer nedan.", [(5, "html-not-allowed")]),
    # Markdown attribute lists set attributes too.
    ('Stycke\n{: onclick="alert(14)" }', [(6, "html-attribute-not-allowed")]),
    ('[länk](https://example.org){: href="javascript:alert(16)" }', [(5, "html-attribute-not-allowed")]),
    ("## Dold rubrik { hidden }", [(5, "html-attribute-not-allowed")]),
    ('Stil\n{: style="display:none" tabindex="3" }',
     [(6, "html-attribute-not-allowed"), (6, "html-attribute-not-allowed")]),
    ("Text\n{: .trygg-exit__button }", [(6, "html-attribute-not-allowed")]),
    ("- punkt\n    {: hidden }", [(6, "html-attribute-not-allowed")]),
    ("Se `kod`{ hidden } här.", [(5, "html-attribute-not-allowed")]),
    # Markup a browser would silently rewrite, changing what the editor meant.
    ('Dubbel <span lang="en" lang="sv">attribut</span>.', [(5, "html-malformed")]),
    ('Och <span lang="en">aldrig stängd.\n\nNästa stycke.', [(5, "html-malformed")]),
    ("Och <kbd><sup>x</kbd></sup> fel ordning.", [(5, "html-malformed"), (5, "html-malformed")]),
    # Addresses hidden behind entities or a tab.
    ("[x](&#106;avascript:alert(1))", [(5, "link-unsafe")]),
    ("[x](java&#x09;script:alert(1))", [(5, "link-unsafe")]),
])
def test_anything_else_is_refused_at_its_line(body, expected):
    assert sorted(rules(body)) == expected


def test_the_message_names_the_fix_and_the_allowed_elements():
    [problem] = page_problems("<script>x()</script>", "docs/sv/x.md")
    assert str(problem).startswith("docs/sv/x.md:1: html-not-allowed: <script> is not allowed")
    assert "overrides/assets/javascripts/" in problem.message
    assert "<details>" in problem.message and "<span>" in problem.message


def test_a_plain_text_field_takes_no_html_but_any_character():
    assert text_problems('Säg "hej" & <15 år, javascript:x', "translations/sv.yml", 3, "a") == []
    [problem] = text_problems("Hej <b>du</b>", "translations/sv.yml", 3, "quickexit.label")
    assert (problem.line, problem.rule) == (3, "text-html")
    assert "'quickexit.label'" in problem.message


@pytest.mark.parametrize("value", ["Hej <!--><img src=x onerror=alert(1)>-->",
                                   "<![CDATA[><svg onload=alert(1)>]]>"])
def test_a_plain_text_field_is_read_as_a_browser_would(value):
    assert [p.rule for p in text_problems(value, "docs/_data/x.yml", 2, "a")] == ["text-html"]


def test_every_string_of_a_data_file_is_checked_at_its_own_line():
    data = parse_yaml("a: ok\nb:\n  sv: fint\n  en: <img src=x onerror=alert(1)>\nc: [x, <i>y</i>]\n",
                      "docs/_data/x.yml")
    found = [(p.line, p.message.split("'")[1]) for p in data_problems(data, "docs/_data/x.yml")]
    assert found == [(4, "b.en"), (5, "c")]
