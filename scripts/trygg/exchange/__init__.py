"""Translation exchange with an agency: ``trygg export`` writes a language's units to an
XLIFF 1.2 file for a CAT tool, ``trygg import`` writes what comes back into the Markdown
and YAML (README, "Translation exchange")."""

from __future__ import annotations

from pathlib import Path

from ..languages import LANGUAGES_FILE, load_languages
from ..problems import Problem, ProblemsFound
from . import memory as memories
from .units import collect
from .xliff import write


def export_translations(root: Path, code: str, output: Path, changed: bool = False) -> int:
    """Write the units of language ``code`` (only the changed ones with ``changed``) to
    ``output``; returns how many."""
    languages = load_languages(root)
    if code not in languages.codes or code == languages.source.code:
        raise ProblemsFound([Problem(LANGUAGES_FILE.as_posix(), 1, "language-code",
                                     f"'{code}' is not a translated language of the site; "
                                     f"use one of {', '.join(c for c in languages.codes if c != languages.source.code)}.")])
    _, units = collect(root, languages, code, memories.load(root, code))
    if changed:
        units = [unit for unit in units if unit.changed]
    output.write_bytes(write(units, languages.source.code, code))
    return len(units)
