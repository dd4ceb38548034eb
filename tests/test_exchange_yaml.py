"""Writing one translated value into YAML leaves every other byte of the file alone."""

import yaml

from trygg.exchange.yamledit import insert_value, item_lines, set_item, set_value

TEXT = """# Contacts (a comment that stays)
bris:
  number: "116 111"
  who:
    sv: Barn och unga upp till 18 år.  # checked 2026-11-25
    en: Children and young people
      up to 18.
  hours:
    sv: Varje dag.
"""


def test_a_value_is_replaced_in_place_and_its_continuation_lines_go_with_it():
    text = set_value(TEXT, 6, "Children: up to 18, every day.")
    assert text == TEXT.replace("    en: Children and young people\n      up to 18.\n",
                                "    en: 'Children: up to 18, every day.'\n")
    assert yaml.safe_load(text)["bris"]["who"]["en"] == "Children: up to 18, every day."


def test_a_comment_after_a_value_stays():
    text = set_value(TEXT, 5, "Barn och unga under 18 år.")
    assert "    sv: Barn och unga under 18 år.  # checked 2026-11-25\n" in text


def test_a_missing_language_is_added_after_the_others_at_their_indentation():
    text = insert_value(TEXT, 6, "so", "Carruurta iyo dhallinyarada ilaa 18 jir.")
    assert "      up to 18.\n    so: Carruurta iyo dhallinyarada ilaa 18 jir.\n  hours:" in text
    assert yaml.safe_load(text)["bris"]["who"]["so"] == "Carruurta iyo dhallinyarada ilaa 18 jir."


LIST = """text:
  sv:
    issues:
      - Första.  # a comment in the value's line
      - Andra, som fortsätter
        på nästa rad.
    method: Metod.
  en:
    issues:
    - First.
    - Second.
    method: Method.
"""


def test_the_items_of_a_list_are_found_at_any_indentation_yaml_allows():
    assert item_lines(LIST, 3) == [4, 5]
    assert item_lines(LIST, 9) == [10, 11]
    assert item_lines(LIST, 7) == []  # 'method' has a value, not a list


def test_an_item_is_replaced_with_its_continuation_lines_and_nothing_else_moves():
    text = set_item(LIST, 5, "Andra: på en rad.")
    assert text == LIST.replace("      - Andra, som fortsätter\n        på nästa rad.\n",
                                "      - 'Andra: på en rad.'\n")
    assert yaml.safe_load(text)["text"]["sv"]["issues"] == ["Första.", "Andra: på en rad."]
    assert set_item(LIST, 10, "First!") == LIST.replace("    - First.\n", "    - First!\n")
