"""UI strings: ``translations/<code>.yml``, flat dotted keys, the same keys in every file.

The key set is computed, not remembered: every key Material's own English language
partial defines (less the few we derive from the language list) plus every key of the
source language's file (our own strings).
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from .languages import Language, Languages
from .problems import Problem, ProblemsFound
from .yamlfile import LineDict, load_yaml

TRANSLATIONS_DIR = Path("translations")
_MATERIAL_KEY = re.compile(r'^\s*"([^"]+)":', re.M)
# A blank search pipeline is meaningful: it turns lunr's stop-word filter off (Material's
# Arabic and Persian partials do this), so a blank value there is not a missing text.
MAY_BE_BLANK = {"search.config.pipeline"}


def derived_strings(lang: Language) -> dict[str, str]:
    """Material keys whose value is a fact about the language, owned by the language list."""
    return {
        "language": lang.code,
        "direction": lang.direction,
        # lunr needs some language; its English pipeline still finds exact words.
        "search.config.lang": lang.search or "en",
    }


def material_keys() -> set[str]:
    """Every key of Material's English partial, the reference its templates translate from."""
    partial = files("material") / "templates" / "partials" / "languages" / "en.html"
    return set(_MATERIAL_KEY.findall(partial.read_text(encoding="utf-8")))


def strings_file(lang: Language) -> Path:
    return TRANSLATIONS_DIR / f"{lang.code}.yml"


def load_strings(root: Path, lang: Language) -> LineDict:
    path = root / strings_file(lang)
    shown = strings_file(lang).as_posix()
    if not path.exists():
        raise ProblemsFound([Problem(shown, 1, "strings-file", "this language has no UI strings "
                                     "file; run 'trygg new-lang " + lang.code + "' to create it.")])
    data = load_yaml(path, shown)
    if data is None:
        data = LineDict()
        data.lines = {}
    if not isinstance(data, dict):
        raise ProblemsFound([Problem(shown, 1, "strings-file", "the file must be a list of "
                                     "'key: text' lines.")])
    return data


def required_keys(root: Path, languages: Languages) -> set[str]:
    derived = set(derived_strings(languages.source))
    return (material_keys() - derived) | set(load_strings(root, languages.source))


def check_strings(root: Path, languages: Languages) -> list[Problem]:
    """Missing, empty, unknown or derived keys in every language's strings file."""
    required = required_keys(root, languages)
    derived = set(derived_strings(languages.source))
    problems: list[Problem] = []
    for lang in languages:
        shown = strings_file(lang).as_posix()
        severity = "warning" if lang.status == "in-progress" else "error"
        try:
            data = load_strings(root, lang)
        except ProblemsFound as found:
            problems.extend(found.problems)
            continue
        for key in sorted(required - set(data)):
            problems.append(Problem(shown, 1, "strings-missing", f"key '{key}' is missing; add "
                                    f"'{key}: <text in this language>'.", severity))
        for key in sorted(set(data)):
            line = data.lines.get(key, 1)
            value = data[key]
            if key in derived:
                problems.append(Problem(shown, line, "strings-derived", f"'{key}' comes from "
                                        "translations/languages.yml; remove this line."))
            elif key not in required:
                problems.append(Problem(shown, line, "strings-unknown", f"key '{key}' is not used; "
                                        "check its spelling against translations/"
                                        f"{languages.source.code}.yml or remove it."))
            elif not isinstance(value, str) or (not value.strip() and key not in MAY_BE_BLANK):
                problems.append(Problem(shown, line, "strings-empty", f"key '{key}' has no text; "
                                        "write it in this language.", severity))
    return problems


def ui_strings(root: Path, languages: Languages, lang: Language) -> dict[str, str]:
    """Every UI string for one language. A language still in progress borrows the source
    language's text for what it lacks, so it builds from its first day."""
    own = {k: v for k, v in load_strings(root, lang).items()
           if isinstance(v, str) and (v.strip() or k in MAY_BE_BLANK)}
    if lang.status == "in-progress" and not lang.is_source:
        own = {**load_strings(root, languages.source), **own}
    return {**own, **derived_strings(lang)}
