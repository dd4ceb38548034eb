"""Contact facts: ``docs/_data/contacts.yml``, referred to from pages as ``[[key]]``.

``[[bris]]`` becomes the number as a phone link, isolated left-to-right so that its digit
groups keep their order inside Arabic, Persian and Sorani text; ``[[bris:namn]]`` becomes
the contact's name in the page's language. A number is typed only in the data file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, ProblemsFound
from .yamlfile import load_mapping

CONTACTS_FILE = Path("docs") / "_data" / "contacts.yml"
TOKEN = re.compile(r"\[\[([A-Za-z0-9_-]+)(?::([a-zåäö]+))?\]\]")
FORMS = ("namn",)  # besides the bare [[key]], which is the number
# Swedish phone numbers written out: area-code numbers (08-123 45 67, 020-786 786) and
# +46 numbers. Short numbers (112, 114 14 …) are caught by comparing with the data file.
_LONG_NUMBER = re.compile(r"(?<![\w/])(?:\+46[\s-]?\d|0\d{1,3})[\s-]?\d{2,3}(?:[\s-]?\d{2,3}){1,3}(?![\w/])")


@dataclass(frozen=True)
class Contact:
    key: str
    number: str | None
    verified: bool
    line: int
    name: dict = field(default_factory=dict)
    who: dict = field(default_factory=dict)
    hours: dict = field(default_factory=dict)

    @property
    def tel(self) -> str:
        return re.sub(r"[^\d+]", "", self.number or "")

    def text(self, part: str, lang: str, fallback: str) -> str:
        values = getattr(self, part)
        return values.get(lang) or values.get(fallback) or ""


def load_contacts(root: Path) -> dict[str, Contact]:
    path = root / CONTACTS_FILE
    if not path.exists():
        return {}
    shown = CONTACTS_FILE.as_posix()
    data = load_mapping(path, shown)
    contacts, problems = {}, []
    for key, entry in data.items():
        line = data.lines.get(key, 1)
        if not isinstance(entry, dict) or "verified" not in entry or "number" not in entry:
            problems.append(Problem(shown, line, "contact-entry", f"contact '{key}' needs "
                                    "'number:' (or null) and 'verified: true/false'."))
            continue
        texts = [part for part in ("name", "who", "hours") if not isinstance(
            entry.get(part) or {}, dict)]
        if texts:
            problems.append(Problem(shown, entry.lines.get(texts[0], line), "contact-entry",
                                    f"'{texts[0]}' of contact '{key}' is written per language, "
                                    "one line each under it: '    sv: …', '    en: …'."))
            continue
        number = entry["number"]
        contacts[str(key)] = Contact(str(key), str(number) if number is not None else None,
                                     entry["verified"] is True, line, entry.get("name") or {},
                                     entry.get("who") or {}, entry.get("hours") or {})
    if problems:
        raise ProblemsFound(problems)
    return contacts


# Characters Python-Markdown reads as markup in running text (links, emphasis, code,
# attribute lists); a backslash before each makes it a plain character.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()!])")


def markdown_text(value: str) -> str:
    """A data string as text inside a page's Markdown: neither HTML nor Markdown in it acts."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def render_contacts(markdown: str, lang: str, fallback: str, contacts: dict[str, Contact]) -> str:
    """Replace every contact reference (unknown ones are reported by ``contact_problems``)."""

    def replace(match: re.Match) -> str:
        contact = contacts.get(match.group(1))
        if contact is None or not contact.verified:
            return match.group(0)
        if match.group(2) == "namn":
            return markdown_text(contact.text("name", lang, fallback))
        return (f'<a class="trygg-tel" href="tel:{contact.tel}">'
                f'<bdi dir="ltr">{html.escape(contact.number or "")}</bdi></a>')

    return TOKEN.sub(replace, markdown)


def contact_problems(body: str, shown: str, contacts: dict[str, Contact],
                     first_line: int = 1) -> list[Problem]:
    """Unknown or unverified references, and phone numbers typed into a page's body."""
    problems = []
    known_numbers = {re.sub(r"\D", "", c.number): c for c in contacts.values() if c.number}
    for number, line in enumerate(body.splitlines(), first_line):
        for match in TOKEN.finditer(line):
            key, form = match.group(1), match.group(2)
            contact = contacts.get(key)
            if key in ("checklista", "tillganglighetsredogorelse"):
                continue  # a checklist (checklists.py) or the statement (accessibility.py)
            if contact is None:
                problems.append(Problem(shown, number, "contact-unknown", f"[[{key}]] is not in "
                                        f"{CONTACTS_FILE.as_posix()}; use one of: "
                                        f"{', '.join(sorted(contacts))}."))
            elif not contact.verified:
                problems.append(Problem(shown, number, "contact-unverified", f"[[{key}]] is "
                                        "marked verified: false and must not be published; "
                                        "remove the reference."))
            elif form and form not in FORMS:
                problems.append(Problem(shown, number, "contact-unknown", f"[[{key}:{form}]]: "
                                        f"write [[{key}]] for the number or [[{key}:namn]] for "
                                        "the name."))
            elif not form and not contact.number:
                problems.append(Problem(shown, number, "contact-unknown", f"[[{key}]] has no "
                                        f"number; write [[{key}:namn]] for its name."))
        prose = TOKEN.sub(" ", re.sub(r"\]\([^)]*\)", "]", line))
        for match in _LONG_NUMBER.finditer(prose):
            problems.append(_typed(shown, number, match.group(0)))
        for digits, contact in known_numbers.items():
            pattern = r"(?<![\d\w])" + r"[\s-]?".join(digits) + r"(?![\d\w])"
            for match in re.finditer(pattern, prose):
                problems.append(_typed(shown, number, match.group(0), contact.key))
    return problems


def _typed(shown, line, number, key=None) -> Problem:
    hint = f"write [[{key}]] instead" if key else (
        "add the number to " + CONTACTS_FILE.as_posix() + " (with its source) and refer to it "
        "as [[key]]")
    return Problem(shown, line, "phone-number-typed", f"the phone number '{number.strip()}' is "
                   f"typed into the page; {hint}.")
