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

CACHE = Path(".cache") / "mkdocs-output"
SOURCES = ("docs", "overrides", "translations")
FILES = ("mkdocs.yml", "pyproject.toml")
PACKAGE = Path(__file__).resolve().parent
_ENV = re.compile(r"!ENV\s*\[?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)")


def inputs_key(root: Path, announcements: list) -> str:
    """The key of the MkDocs phase's output for the project at ``root``, today.
    ``announcements``: the announcement as shown now in each language."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode("utf-8") + data)

    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                add(f"file {path.relative_to(root).as_posix()}", path.read_bytes())
    for name in FILES:
        path = root / name
        add(f"file {name}", path.read_bytes() if path.is_file() else b"\0missing")
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            add(f"code {path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
    packages = sorted(f"{d.metadata['Name']} {d.version}" for d in distributions())
    add("packages", "\n".join([sys.version, *packages]).encode("utf-8"))
    config = root / "mkdocs.yml"
    names = set(_ENV.findall(config.read_text(encoding="utf-8"))) if config.is_file() else set()
    names |= {name for name in os.environ if name.startswith("TRYGG_")} | {"SOURCE_DATE_EPOCH"}
    add("environment", json.dumps({name: os.environ.get(name) for name in sorted(names)})
        .encode("utf-8"))
    add("day", utc_day().encode("ascii"))
    add("announcement", json.dumps(announcements, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()


def utc_day() -> str:
    """The day as MkDocs dates a build (in the sitemap), unless SOURCE_DATE_EPOCH says (which
    is in the key too)."""
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def take(root: Path, key: str, target: Path) -> bool:
    """Copy the kept output into ``target`` (which must not exist) when it was kept under
    ``key`` and every file is as it was kept; returns whether it was."""
    kept = root / CACHE
    try:
        noted = json.loads((kept / "key.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(noted, dict) or noted.get("key") != key or not isinstance(
            noted.get("files"), dict):
        return False
    try:
        for relative, sha in noted["files"].items():
            data = (kept / "site" / relative).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                raise ValueError(relative)
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for relative in noted.get("folders", []):
            (target / relative).mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError):
        shutil.rmtree(target, ignore_errors=True)  # changed or cut short: build it again
        return False
    return True


def keep(root: Path, key: str, output: Path) -> None:
    """Keep ``output`` under ``key``, replacing what was kept (written beside it first, so
    a build stopped halfway leaves the old one whole or none)."""
    kept = root / CACHE
    partial = kept.with_name(f".{kept.name}.{os.getpid()}.part")
    shutil.rmtree(partial, ignore_errors=True)
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
    shutil.rmtree(kept, ignore_errors=True)
    partial.rename(kept)
