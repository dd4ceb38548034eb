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
    refused = output_problem(root, output)
    if refused:
        raise ProblemsFound([refused])
    views, units = collect(root, languages, code, memories.load(root, code))
    if changed:
        units = changed_units(views, units)
    try:
        output.write_bytes(write(units, languages.source.code, code))
    except OSError as error:
        raise ProblemsFound([Problem(str(output), 1, "export-output", f"cannot write the file "
                                     f"({error.strerror}); choose another --output.")]) from None
    return len(units)


def changed_units(views, units: list) -> list:
    """What ``--changed`` exports: the units whose Swedish changed, and every unit of a
    translated page whose Swedish changed where no unit did (lines re-wrapped, a code block
    or a line of only numbers edited). Readers of such a page are told it is outdated; the
    units go out as they are, and sent back as they are they record today's Swedish version
    (README, "The memory")."""
    with_change = {unit.file for unit in units if unit.changed}
    for unit in units:
        view = views.get(unit.file)
        unit.resend = (view is not None and unit.file not in with_change and not view.in_sync
                       and view.status in ("machine", "reviewed"))
    return [unit for unit in units if unit.changed or unit.resend]


# The project's own files: an export there would overwrite a page or a source file.
PROTECTED = ("docs", "translations", "overrides", "scripts")


def output_problem(root: Path, output: Path) -> Problem | None:
    """Why the export may not be written to ``output`` (None: it may)."""
    shown = str(output)
    folder = output.parent
    if not folder.is_dir():
        return Problem(shown, 1, "export-output", f"the folder {folder} does not exist; "
                       "create it, or choose --output in a folder that exists.")
    if output.is_dir():
        return Problem(shown, 1, "export-output", "this is a folder; give --output a file "
                       "name, e.g. so.xlf.")
    try:
        inside = output.resolve().relative_to(root.resolve())
    except ValueError:
        inside = None
    if inside is not None and inside.parts and (inside.parts[0] in PROTECTED
                                                or inside.as_posix() == "mkdocs.yml"):
        where = ("the project's mkdocs.yml" if len(inside.parts) == 1
                 else f"inside the project's {inside.parts[0]}/")
        return Problem(shown, 1, "export-output", f"this is {where}, which the site is built "
                       "from, and the export would overwrite it; write the file elsewhere, "
                       "e.g. --output so.xlf.")
    if output.is_file() and not _xliff(output):
        return Problem(shown, 1, "export-output", "this file exists and is not an XLIFF "
                       "file, and the export would replace it; choose another --output "
                       "(an earlier export is overwritten).")
    return None


def _xliff(path: Path) -> bool:
    """Whether ``path`` looks like an XLIFF file (an earlier export, overwritten freely)."""
    with path.open("rb") as file:
        head = file.read(4096)
    return b"<xliff" in head
