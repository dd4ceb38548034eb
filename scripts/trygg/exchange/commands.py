"""The verbs ``export`` and ``import`` of ``trygg``: thin calls into the exchange modules."""

from __future__ import annotations

import sys
from pathlib import Path

from ..problems import ProblemsFound


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def cmd_export(args) -> int:
    """Write a language's texts to an XLIFF 1.2 file for a translation agency's CAT tool.

    One unit per heading, paragraph, list item, table cell, page title and description, UI
    string, checklist text and contact text, with the Swedish source and today's translation
    and its state. --changed: only what changed in Swedish since the last import (and what
    has no translation yet)."""
    from . import export_translations
    from ..cli import _root

    root = _root()
    output = Path(args.output)
    try:
        count = export_translations(root, args.lang, output, changed=args.changed)
    except ProblemsFound as found:
        for problem in found.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"wrote {output} ({count} unit(s) in {args.lang}); send it to the translators and "
          f"bring it back with: trygg import {output} --lang {args.lang}")
    return 0


def cmd_import(args) -> int:
    """Write the translations in an XLIFF file back into the pages and YAML files.

    Refuses (and writes nothing) when the file is for another language than --lang, or a
    unit loses a [[token]], a link, a {placeholder} or
    the Markdown around it, naming the unit's id. A page whose units all come back as
    translated or reviewed by a person is recorded 'reviewed', otherwise 'machine'."""
    from .apply import import_translations
    from ..cli import _root

    root = _root()
    path = Path(args.file)
    warnings = []
    if not path.is_file():
        print(f"{args.file}:1: file-missing: there is no such file; give the path of the "
              "XLIFF file the translators sent back.", file=sys.stderr)
        return 1
    try:
        written = import_translations(root, path, _shown(root, path), args.lang, warnings)
    except ProblemsFound as found:
        for problem in found.problems:
            print(problem, file=sys.stderr)
        print("trygg import: nothing was written.", file=sys.stderr)
        return 1
    for file in written:
        print(f"wrote {_shown(root, file)}")
    for warning in warnings:  # units left for the next --changed; the rest is written
        print(warning, file=sys.stderr)
    return 0


def register(verb) -> None:
    """Add the verbs to trygg's parser (``verb(name, function)`` makes a sub-parser)."""
    export = verb("export", cmd_export)
    export.add_argument("--lang", required=True, help="the language to translate, e.g. so")
    export.add_argument("--output", required=True, help="the XLIFF file to write, e.g. so.xlf")
    export.add_argument("--changed", action="store_true",
                        help="only what changed in Swedish since the last import")
    imported = verb("import", cmd_import)
    imported.add_argument("file", help="the XLIFF file the translators sent back")
    imported.add_argument("--lang", required=True,
                          help="the language the file is for, e.g. so (a file for another "
                               "language is refused)")
