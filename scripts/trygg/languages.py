"""The one language list: ``translations/languages.yml``, completed from babel's CLDR data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from .problems import Problem, ProblemsFound
from .yamlfile import load_yaml

LANGUAGES_FILE = Path("translations") / "languages.yml"
STATUSES = ("ready", "in-progress")
# A BCP 47 primary language subtag (two or three letters), as used for folders and URLs.
_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Language:
    code: str
    material: str | None
    search: str | None
    status: str
    is_source: bool

    @cached_property
    def _locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """The language's name in itself, as CLDR writes it, capitalised for a menu."""
        name = self._locale.get_display_name(self.code)
        return name[:1].upper() + name[1:]

    @property
    def direction(self) -> str:
        return self._locale.text_direction  # "ltr" or "rtl"

    @property
    def script(self) -> str:
        """ISO 15924 script code (Latn, Arab, Ethi …) from CLDR's likely subtags."""
        likely = get_global("likely_subtags").get(self.code, "")
        return likely.split("_")[1] if likely.count("_") >= 1 else "Latn"

    @property
    def prefix(self) -> str:
        """Where the language lives under site/: the source at the root, others in <code>/."""
        return "" if self.is_source else f"{self.code}/"

    def format_date(self, value, format: str = "long") -> str:
        from babel.dates import format_date

        return format_date(value, format=format, locale=self._locale)


@dataclass(frozen=True)
class Languages:
    all: tuple[Language, ...]

    @property
    def source(self) -> Language:
        return self.all[0]

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.all]

    def get(self, code: str) -> Language:
        for lang in self.all:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def __iter__(self):
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)


def load_languages(root: Path) -> Languages:
    """Read and validate the language list; every problem is reported at once."""
    shown = LANGUAGES_FILE.as_posix()
    data = load_yaml(root / LANGUAGES_FILE, shown)
    entries = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ProblemsFound([Problem(shown, 1, "language-list",
                                     "the file needs a 'languages:' list with at least one entry.")])
    problems: list[Problem] = []
    result: list[Language] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        line = getattr(entry, "start_line", 1)
        if not isinstance(entry, dict):
            problems.append(Problem(shown, line, "language-entry", "each language is a mapping with "
                                    "'code', 'material', 'search' and 'status'."))
            continue
        code = str(entry.get("code", ""))
        where = entry.lines.get("code", line)
        if not _CODE.match(code):
            problems.append(Problem(shown, where, "language-code", f"'{code}' is not a BCP 47 "
                                    "language code (two or three lower-case letters, e.g. 'fi')."))
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            problems.append(Problem(shown, where, "language-code", f"'{code}' is not a language "
                                    "that CLDR knows; check the code at "
                                    "https://www.iana.org/assignments/language-subtag-registry"))
            continue
        if code in seen:
            problems.append(Problem(shown, where, "language-code", f"'{code}' is listed twice; "
                                    "remove one entry."))
            continue
        seen.add(code)
        status = entry.get("status", "ready")
        if status not in STATUSES:
            problems.append(Problem(shown, entry.lines.get("status", line), "language-status",
                                    f"status '{status}' is unknown; use one of {', '.join(STATUSES)}."))
            continue
        result.append(Language(code, entry.get("material"), entry.get("search"), status,
                               is_source=index == 0))
    if problems:
        raise ProblemsFound(problems)
    return Languages(tuple(result))
