"""The MkDocs phase's last output kept, and used again only when nothing it is made from changed.

A build with no change (a second ``make site``, CI with a kept ``.cache/``) would otherwise
build every language again to write the same bytes: four seconds of CPU. The output
(every language, merged, Material's stylesheet trimmed, before the PDFs) is kept in
``.cache/mkdocs-output/`` with a key: a SHA-256 over everything it depends on.

- every file under ``docs/``, ``overrides/`` and ``translations/``, ``mkdocs.yml`` and
  ``pyproject.toml`` (names and bytes: a renamed, added or removed file counts);
- the code that builds: every file of this package as it runs (the plugin, the page edits);
- every installed Python package's name and version (MkDocs, Material, Markdown, Jinja,
  babel's CLDR data …) and Python's own version;
- the environment variables mkdocs.yml reads (``!ENV``: the site's address …), every
  ``TRYGG_…`` variable and ``SOURCE_DATE_EPOCH``;
- the day in UTC (MkDocs writes it into the sitemap) and the announcement as it is shown
  now in each language (it starts and ends at a given moment).

Anything else that changes what MkDocs writes would be a new input, and belongs in the key
(see README, "How the build avoids work"). The check always runs on what is taken from here,
as on a fresh build, so a kept output never hides a finding. A file of the kept output that
does not match the hash noted when it was kept means the output is not used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
from importlib.metadata import distributions
from pathlib import Path

from .mkdocs_config import parse_config
from .problems import ProblemsFound

CACHE = Path(".cache") / "mkdocs-output"
# Not inputs: history, installed packages (their versions are), caches and what builds write.
NOT_INPUTS = {".git", ".venv", "venv", ".cache", "node_modules", "__pycache__", ".pytest_cache",
              ".ruff_cache", ".mypy_cache", "artifacts"}
# mkdocs.yml's settings that name files MkDocs reads: when one leads out of the project, its
# files are not in the key, so the kept output is not used at all.
PATH_SETTINGS = {"INHERIT", "docs_dir", "custom_dir", "hooks", "base_path", "watch",
                 "auto_append", "check_paths"}
# Variables that can change what a build writes besides those mkdocs.yml names.
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "TZ", "LANG", "LANGUAGE")
PACKAGE = Path(__file__).resolve().parent
_ENV = re.compile(r"!ENV\s*(\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def inputs_key(root: Path, announcements: list, site_dir: Path | None = None) -> str | None:
    """The key of the MkDocs phase's output for the project at ``root``, today; None when
    mkdocs.yml reads files outside the project (then nothing is kept or taken).
    ``announcements``: the announcement as shown now in each language; ``site_dir``: the
    folder the site is written to (not an input)."""
    root = root.resolve()
    configs = _configs(root)
    if configs is None:
        return None
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode("utf-8") + data)

    for path in _project_files(root, site_dir):
        add(f"file {path.relative_to(root).as_posix()}", path.read_bytes())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            add(f"code {path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
    packages = sorted(f"{d.metadata['Name']} {d.version}" for d in distributions())
    add("packages", "\n".join([sys.version, *packages]).encode("utf-8"))
    names = {name for text in configs for name in _env_names(text)} | set(ENVIRONMENT)
    names |= {name for name in os.environ if name.startswith(("TRYGG_", "LC_"))}
    add("environment", json.dumps({name: os.environ.get(name) for name in sorted(names)})
        .encode("utf-8"))
    add("day", utc_day().encode("ascii"))
    add("announcement", json.dumps(announcements, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()


def _project_files(root: Path, site_dir: Path | None) -> list[Path]:
    """Every file of the project: the sources, the data, the theme, mkdocs.yml and whatever
    it inherits or includes (a file that is no input only costs a rebuild when it changes)."""
    site = site_dir.resolve() if site_dir else root / "site"
    found = []
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(name for name in subfolders if name not in NOT_INPUTS
                               and here / name != site
                               and not (name.startswith(".") and "-build-" in name))
        found += [here / name for name in sorted(files) if not name.endswith(".pyc")]
    return found


def _configs(root: Path) -> list[str] | None:
    """The texts of mkdocs.yml and the files it inherits; None when one of them names a
    file or folder outside the project, or cannot be read."""
    texts, path, seen = [], root / "mkdocs.yml", set()
    while path is not None:
        if path in seen or not path.is_file():
            return None  # a loop or a missing file: MkDocs says what is wrong
        seen.add(path)
        try:
            text = path.read_text(encoding="utf-8")
            data = parse_config(text, path.name)
        except (OSError, ValueError, ProblemsFound):
            return None  # the source rules name what is wrong with it
        texts.append(text)
        values = list(_path_values(data))
        if any(not _inside(root, path.parent, value) for value in values):
            return None
        inherit = data.get("INHERIT") if isinstance(data, dict) else None
        path = (path.parent / inherit).resolve() if isinstance(inherit, str) else None
    return texts


def _path_values(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in PATH_SETTINGS:
                yield from ([value] if isinstance(value, str) else
                            [v for v in value if isinstance(v, str)] if isinstance(value, list)
                            else [])
            else:
                yield from _path_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _path_values(value)


def _inside(root: Path, base: Path, value: str) -> bool:
    return (base / value).resolve().is_relative_to(root)


def _env_names(text: str) -> set[str]:
    """Every variable an ``!ENV`` tag may read: ``!ENV NAME`` or each name in ``!ENV [A, B,
    default]`` (MkDocs tries them in turn)."""
    names = set()
    for found in _ENV.findall(text):
        for item in found.strip("[]").split(","):
            item = item.strip()
            if _NAME.match(item):
                names.add(item)
    return names


def utc_day() -> str:
    """The day as MkDocs dates a build (in the sitemap), unless SOURCE_DATE_EPOCH says (which
    is in the key too)."""
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def take(root: Path, key: str | None, target: Path) -> bool:
    """Copy the kept output into ``target`` (which must not exist) when it was kept under
    ``key`` and every file is as it was kept; returns whether it was. Anything unexpected
    in the kept folder (a damaged note, a path leading out of it, a link, a file that is
    not as noted) means it is not used: the output is built again."""
    if key is None or (root / CACHE).is_symlink():
        return False
    kept = (root / CACHE).resolve()
    try:
        noted = json.loads((kept / "key.json").read_text(encoding="utf-8"))
        if not isinstance(noted, dict) or noted.get("key") != key:
            return False
        files, folders = noted["files"], noted["folders"]
        if not isinstance(files, dict) or not isinstance(folders, list):
            return False
        for relative in folders:
            _inner(target, relative).mkdir(parents=True, exist_ok=True)
        for relative, sha in files.items():
            source = _inner(kept / "site", relative)
            if source.is_symlink() or not source.is_file():
                raise ValueError(relative)
            data = source.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                raise ValueError(relative)
            path = _inner(target, relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def _inner(folder: Path, relative) -> Path:
    """``folder / relative``, refused (ValueError) unless it stays inside ``folder`` and no
    part of the way is a link."""
    if not isinstance(relative, str) or not relative or relative.startswith("/") or \
            ".." in Path(relative).parts or "\0" in relative:
        raise ValueError(relative)
    path = folder / relative
    for part in [path, *path.parents]:
        if part == folder:
            break
        if part.is_symlink():
            raise ValueError(relative)
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ValueError(relative)
    return path


def keep(root: Path, key: str | None, output: Path) -> None:
    """Keep ``output`` under ``key``, replacing what was kept (written beside it first, so
    a build stopped halfway leaves the old one whole or none). Keeping is a help, never a
    condition: when it cannot be written (a file where the folder should be, a full disk),
    nothing is kept and the build goes on."""
    kept = root / CACHE
    for stale in kept.parent.glob(f".{kept.name}.*.part"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was stopped
    if key is None:
        return
    partial = kept.with_name(f".{kept.name}.{os.getpid()}.part")
    try:
        files, folders = {}, []
        for path in sorted(output.rglob("*")):
            relative = path.relative_to(output).as_posix()
            if path.is_dir():
                folders.append(relative)
                continue
            data = path.read_bytes()
            files[relative] = hashlib.sha256(data).hexdigest()
            copy = partial / "site" / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data)
        (partial / "site").mkdir(parents=True, exist_ok=True)
        (partial / "key.json").write_text(json.dumps({"key": key, "files": files,
                                                      "folders": folders}), encoding="utf-8")
        if kept.is_symlink() or kept.is_file():
            kept.unlink()
        shutil.rmtree(kept, ignore_errors=True)
        partial.rename(kept)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
