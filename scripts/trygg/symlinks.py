"""Symbolic links in the project's sources: refused, both ways.

MkDocs copies what a link points at into the site, so a link in ``docs/`` named ``x.pdf``
and pointing at ``/proc/self/environ`` would publish the build machine's environment (its
secrets included); a link in ``overrides/`` or ``translations/`` would pull any file of the
machine into every page. The source rules refuse every link there, at its path
(``file-symlink``). The editors' commands that write a page or a YAML file refuse to write
through a link, or outside the project, so a link cannot make them overwrite a file
elsewhere either (``writable``).
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem, ProblemsFound

FOLDERS = ("docs", "overrides", "translations")
FILES = ("mkdocs.yml",)
_FIX = ("replace the link by the file itself (a copy): the site publishes only files that are "
        "part of the project.")


def symlink_problems(root: Path) -> list[Problem]:
    """One ``file-symlink`` finding per link under the sources (a linked folder is one
    finding; nothing under it is read)."""
    links = [root / name for name in FILES if (root / name).is_symlink()]
    for name in FOLDERS:
        top = root / name
        if top.is_symlink():
            links.append(top)
            continue
        for folder, dirs, files in os.walk(top):  # never follows a linked folder
            here = Path(folder)
            links += [here / entry for entry in (*dirs, *files) if (here / entry).is_symlink()]
    return [Problem(path.relative_to(root).as_posix(), 1, "file-symlink",
                    f"this is a symbolic link (to '{os.readlink(path)}'), not a file: " + _FIX)
            for path in sorted(links)]


def writable(root: Path, path: Path) -> Path:
    """``path``, when a command may write it: inside the project and reached through no
    symbolic link (the file itself or any folder between it and the project). Else
    ProblemsFound with ``file-symlink``, at the path, before anything is written."""
    base = root.resolve()
    try:
        relative = path.absolute().relative_to(root.absolute())
    except ValueError:
        relative = None
    step = root
    for part in relative.parts if relative else ():
        step = step / part
        if step.is_symlink():
            shown = step.relative_to(root).as_posix()
            raise ProblemsFound([Problem(shown, 1, "file-symlink", "this is a symbolic link "
                                         f"(to '{os.readlink(step)}'); nothing is written "
                                         "through it. " + _FIX[0].upper() + _FIX[1:])])
    if relative is None or ".." in relative.parts or not path.resolve().is_relative_to(base):
        raise ProblemsFound([Problem(str(path), 1, "file-outside-project", "this file is outside the "
                                     "project; nothing is written there.")])
    return path
