"""Writing one translated value into YAML leaves every other byte of the file alone."""

import yaml

from trygg.exchange.yamledit import insert_value, set_value

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
