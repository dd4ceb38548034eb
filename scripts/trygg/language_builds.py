"""Every language built by MkDocs in a process of its own, several at once, merged into one site.

mkdocs-static-i18n builds the languages one after the other in one process; on two cores
half the machine waits. Here each language is one MkDocs build (mkdocs.yml's
``language_process``, set by ``TRYGG_LANGUAGE_PROCESS``) in a forked process, into a folder
of its own; then the folders are merged into the site a one-process build writes, byte for
byte (``tests/test_language_builds.py`` compares them): each language's pages, the theme's
files once, and the two files every language adds to:

- ``sitemap.xml`` (and ``.gz``): mkdocs-static-i18n's template writes each language's
  entries in turn, so the merged file is the languages' entries in the language list's order;
- the search index: every language's entries in that order, less the duplicates
  mkdocs-static-i18n removes (its own function does it here), then split per language.

The processes are forked from this one after the heavy imports, so each starts at once.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import re
import shutil
import sys
from collections.abc import Callable
from multiprocessing.connection import wait
from pathlib import Path
from types import SimpleNamespace

from .crash import mkdocs_stopped, template_failed
from .languages import Languages
from .search_index import split_search_index
from .stylesheet_trim import site_classes

PROCESS_ENV = "TRYGG_LANGUAGE_PROCESS"
# What every language's build writes outside its own folder: the theme's files (the same in
# each) and the two files merged below. Anything else there is a mistake, and stops the build.
SHARED = {"assets", "search", "sitemap.xml", "sitemap.xml.gz"}
_URLSET = re.compile(r"(?s)^(.*?<urlset[^>]*>)(.*?)(\n</urlset>\s*)$")


class LanguageBuildFailed(Exception):
    pass


def _build_one(root: Path, out: Path, code: str | None, read_classes: bool = False,
               log: Path | None = None) -> None:
    """In the forked process: MkDocs' own command line, as ``mkdocs build`` runs it. Without
    ``code``, the build mkdocs.yml and the environment ask for (``trygg serve --lang ar``:
    one language at the root, not strict). With ``read_classes``, the classes its pages
    carry are written beside ``out`` (``<code>.classes``) for the stylesheet trim. With
    ``log``, what MkDocs prints goes there, for the parent to show (build_languages)."""
    from mkdocs.__main__ import cli

    if log is not None:
        written = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(written, 1)
        os.dup2(written, 2)
        os.close(written)

    strict = []
    if code:
        os.environ[PROCESS_ENV] = code
        strict = ["--strict"]
    os.chdir(root)
    try:
        try:
            cli.main(["build", "--quiet", *strict, "--config-file", str(root / "mkdocs.yml"),
                      "--site-dir", str(out)], prog_name="mkdocs")
        except SystemExit as stop:  # click ends the process even when the build succeeds
            if stop.code:
                raise
        if read_classes:
            # Read here, while the other language builds, rather than from the merged site
            # afterwards, when one core would wait.
            out.with_name(f"{code}.classes").write_text(
                "\n".join(sorted(site_classes(out))), encoding="utf-8")
    except Exception as error:  # noqa: BLE001 - a fault in a plugin: told, never a traceback
        sys.stderr.write(template_failed(code, error)
                         or mkdocs_stopped(f"({code}) {type(error).__name__}: {error}"))
        if os.environ.get("TRYGG_DEBUG"):
            raise
        sys.exit(1)


def build_languages(root: Path, site_dir: Path, languages: Languages, strings: dict[str, dict],
                    workers: int | None = None,
                    before_messages: Callable[[], None] | None = None) -> frozenset[str]:
    """Build every language into ``site_dir`` (which must not exist), ``workers`` at a time;
    returns every class its pages carry. What MkDocs says is shown once every language is
    built, language by language; ``before_messages`` runs first and may raise to keep it
    unsaid (trygg build: the source rules, run beside the builds, found errors, which say
    more than MkDocs would)."""
    import mkdocs.__main__  # noqa: F401 - imported once here, before the processes fork
    from mkdocs.config import load_config

    # Reading the configuration once here imports every plugin, the theme and the Markdown
    # extensions, so that no forked process imports them again.
    load_config(str(root / "mkdocs.yml"))

    parts = site_dir.parent / f"{site_dir.name}.languages"
    parts.mkdir()
    try:
        failed = run_builds(root, parts, languages.codes, workers or os.cpu_count() or 1,
                            read_classes=True, logs=True)
        if before_messages is not None:
            before_messages()
        for code in languages.codes:
            sys.stderr.write((parts / f"{code}.log").read_text(encoding="utf-8",
                                                                 errors="replace"))
        if failed:
            # MkDocs has told the editor why, above; every language was tried.
            raise LanguageBuildFailed("could not build: " + ", ".join(sorted(failed)))
        classes = frozenset(name for code in languages.codes for name in (
            parts / f"{code}.classes").read_text(encoding="utf-8").split())
        merge(parts, site_dir, languages, strings)
        return classes
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def run_builds(root: Path, parts: Path, codes: list[str | None], workers: int,
               read_classes: bool = False, logs: bool = False) -> list[str]:
    """Each language built into ``parts/<code>`` by a process forked from this one (``None``:
    the one build the environment asks for, into ``parts/site``); returns those that failed.
    ``read_classes``: each also writes ``parts/<code>.classes``; ``logs``: what each says goes
    to ``parts/<code>.log`` instead of the terminal (see _build_one)."""
    context = multiprocessing.get_context("fork")
    pending, running, failed = list(codes), {}, []
    try:
        _run(context, root, parts, pending, running, failed, workers, read_classes, logs)
    finally:
        # Stopped (Ctrl-C, a stop signal to this process alone): the builds still running
        # are ended and waited for, or they would write into a folder the caller removes.
        for _, process in running.values():
            process.terminate()
        for _, process in running.values():
            process.join()
    return failed


def _run(context, root, parts, pending, running, failed, workers, read_classes, logs) -> None:
    while pending or running:
        while pending and len(running) < workers:
            code = pending.pop(0)
            process = context.Process(target=_build_one, args=(root, parts / (code or "site"),
                                                               code, read_classes,
                                                               parts / f"{code}.log" if logs
                                                               else None),
                                      name=f"mkdocs-{code}")
            process.start()
            running[process.sentinel] = (code, process)
        for sentinel in wait(list(running)):
            code, process = running.pop(sentinel)
            process.join()
            if process.exitcode != 0:
                failed.append(code or "site")


def merge(parts: Path, site_dir: Path, languages: Languages, strings: dict[str, dict]) -> None:
    """The languages' folders, built one per process, as the one site a whole build writes."""
    source = languages.source.code
    (parts / source).rename(site_dir)
    sitemaps = [(site_dir / "sitemap.xml").read_text(encoding="utf-8")]
    indexes = [_read_json(site_dir / "search" / "search_index.json")]
    for lang in languages:
        if lang.is_source:
            continue
        part = parts / lang.code
        stray = sorted(p.name for p in part.iterdir() if p.name not in SHARED | {lang.code}
                       and not _also_in_source(part / p.name, part, site_dir))
        if stray:
            raise LanguageBuildFailed(f"the {lang.code} build wrote outside its folder: {stray}")
        if (part / lang.code).exists():
            (part / lang.code).rename(site_dir / lang.code)
        sitemaps.append((part / "sitemap.xml").read_text(encoding="utf-8"))
        indexes.append(_read_json(part / "search" / "search_index.json"))
    _write_sitemap(site_dir, sitemaps)
    _write_search_index(site_dir, indexes, languages, strings)


def _also_in_source(path: Path, part: Path, site_dir: Path) -> bool:
    """Whether what a language's build wrote outside its folder is exactly what the source
    language's build wrote there (a picture next to a Swedish page, which every language's
    build copies as mkdocs-static-i18n does in a whole build): then it is already merged."""
    files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
    for file in files:
        twin = site_dir / file.relative_to(part)
        if not twin.is_file() or twin.read_bytes() != file.read_bytes():
            return False
    return True


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_sitemap(site_dir: Path, sitemaps: list[str]) -> None:
    pieces = [_URLSET.match(text) for text in sitemaps]
    if not all(pieces):
        raise LanguageBuildFailed("a language's sitemap.xml is not a <urlset>")
    text = pieces[-1].group(1) + "".join(p.group(2) for p in pieces) + pieces[-1].group(3)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    # As MkDocs writes it: the same file name and time in the header (the build's date), so
    # that the bytes match a one-process build.
    gz_path = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(gz_path.read_bytes()[4:8], "little")
    with open(gz_path, "wb") as file, gzip.GzipFile(fileobj=file, filename=str(gz_path),
                                                    mode="wb", mtime=mtime) as packed:
        packed.write(text.encode("utf-8"))


def _write_search_index(site_dir: Path, indexes: list[dict], languages: Languages,
                        strings: dict[str, dict]) -> None:
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    entries = [entry for index in indexes for entry in index["docs"]]
    # mkdocs-static-i18n drops a language's entry that repeats the source language's (a page
    # shown in Swedish): its own function, on the entries in the order it sees them.
    plugin = SimpleNamespace(build_languages=languages.codes)
    ExtendedPlugin.reconfigure_search_duplicates(plugin, entries)
    merged = {"config": indexes[-1]["config"], "docs": entries}
    (site_dir / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    split_search_index(site_dir, languages, strings)
