"""What may be published from docs/ besides pages: pictures and PDFs, nothing a browser runs.

MkDocs copies every file in docs/ into the site as it is. An SVG, XHTML or HTML file can
carry a script and would run on the site's own address without the pages' security policy,
so only these kinds of file are accepted (an allow-list, by file name ending).
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problem

PAGE = ".md"
FILES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf")
# What editors write next to the file being edited: Emacs' backup 'x.md~' and autosave
# '#x.md#', vim's swap files, merge tools' '.orig', and '.bak'. MkDocs would publish them
# like any file; the preview does not rebuild for them (preview_plan).
BACKUP_SUFFIXES = ("~", ".bak", ".orig", ".swp", ".swo", ".swx", ".tmp")


def editor_backup(name: str) -> bool:
    return name.endswith(BACKUP_SUFFIXES) or (len(name) > 1 and name[0] == name[-1] == "#")


def file_problems(root: Path) -> list[Problem]:
    problems = []
    docs = root / "docs"
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        if not path.is_file() or relative.parts[0] == "_data" or any(
                part.startswith(".") for part in relative.parts):
            continue
        if editor_backup(path.name.lower()):
            problems.append(Problem(f"docs/{relative.as_posix()}", 1, "file-editor-backup",
                                    "this is an editor's backup, autosave or temporary copy "
                                    "(a name ending in '~', '.bak', '.orig', '.swp', '.tmp' "
                                    "or within '#…#'), and MkDocs would publish it: remove it "
                                    "(or tell your editor to keep its backups elsewhere)."))
        elif path.suffix.lower() not in (PAGE, *FILES):
            problems.append(Problem(f"docs/{relative.as_posix()}", 1, "file-type-not-allowed",
                                    f"a '{path.suffix or path.name}' file would be published as "
                                    "it is, and a browser may run what it contains. docs/ takes "
                                    "pages (.md), pictures (" + ", ".join(FILES[:-1]) + ") and "
                                    "PDFs: save a drawing as PNG, and remove the file."))
    return problems
