"""Build every language beside the published site, check it, and only then swap it in.

A failed build or check leaves ``site/`` exactly as it was and no temporary folder behind.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import build_cache
from .announcement import current_announcement
from .forked import Forked
from .language_builds import LanguageBuildFailed, build_languages
from .pdf.books import PdfFailed
from .pdf.build import build_pdfs
from .problems import Problem, ProblemsFound
from .project import project_at
from .stylesheet_trim import CACHE as STYLESHEET_CACHE
from .stylesheet_trim import StylesheetTrimFailed, trim_site


class BuildFailed(Exception):
    pass


def run_mkdocs(root: Path, out_dir: Path,
               before_messages: Callable[[], None] | None = None) -> None:
    """Every language built by MkDocs, in processes of their own, several at once, merged
    into ``out_dir``, Material's stylesheet trimmed to what the site uses. MkDocs' messages
    reach the editor once every language is built (an unexpected fault as its last line and
    how to report it, never a traceback: language_builds._build_one), after
    ``before_messages`` (which may raise instead)."""
    # Read once, before the processes fork: each language's build starts with it read.
    project = project_at(root)
    try:
        classes = build_languages(root, out_dir, project.languages, project.strings,
                                  before_messages=before_messages)
    except LanguageBuildFailed as error:
        raise BuildFailed(f"the site could not be built ({error}); see the messages above") \
            from error
    # Once, on the merged site: what a page can use is known only when every language is
    # built (stylesheet_trim). `trygg serve` keeps Material's whole stylesheet.
    try:
        trim_site(out_dir, classes, root / STYLESHEET_CACHE)
    except StylesheetTrimFailed as error:
        raise BuildFailed(f"Material's stylesheet could not be trimmed: {error}") from error


def _mkdocs_phase(root: Path, out_dir: Path, site_dir: Path,
                  before_messages: Callable[[], None]) -> None:
    """run_mkdocs, or its output kept from a build of exactly the same inputs
    (build_cache.py)."""
    project = project_at(root)
    source = project.languages.source.code
    key = build_cache.inputs_key(root, [current_announcement(root, code, source)
                                        for code in project.languages.codes], site_dir)
    if build_cache.take(root, key, out_dir):
        # Said, so that nobody wonders why a build took a second.
        print("trygg build: nothing MkDocs reads has changed since the last build: its pages "
              f"were taken from {build_cache.CACHE.as_posix()}/ (delete .cache/ to build "
              "everything again).", file=sys.stderr)
        return
    run_mkdocs(root, out_dir, before_messages=before_messages)
    build_cache.keep(root, key, out_dir)


def make_pdfs(root: Path, site_dir: Path) -> dict[str, int]:
    """The guide and every checklist as PDFs in every language, from the pages just built."""
    books = list(project_at(root).books)
    try:
        return build_pdfs(root, site_dir, books)
    except PdfFailed as error:
        raise BuildFailed(f"a PDF could not be made: {error}") from error


def build_site(root: Path, site_dir: Path,
               check: Callable[[Path, str], list[Problem]] | None = None) -> list[Problem]:
    """Build into a fresh folder next to ``site_dir``; swap it in only when nothing is wrong.

    Returns the source rules' and the check's problems (only warnings, when it succeeds);
    raises ProblemsFound when the sources have errors, before MkDocs says anything and
    before anything is checked or swapped in."""
    # The source rules run in a process of their own while MkDocs builds (on two cores they
    # took a third of a second alone); their errors come before anything MkDocs says, as
    # when they ran first.
    from .validate import validate_project  # here: the MkDocs phase alone does not need it

    source_rules = Forked(validate_project, root, name="source-rules")
    source_problems: list[Problem] = []

    def sources_clean() -> None:
        if not source_problems:
            source_problems.extend(source_rules.result())
        if any(p.severity == "error" for p in source_problems):
            raise ProblemsFound(source_problems)

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        new = workdir / site_dir.name
        try:
            _mkdocs_phase(root, new, site_dir, sources_clean)
        except Exception:
            # Whatever stopped the build (the project's data could not be read, a file not
            # in UTF-8 …), the source rules' errors come first when they have any: they name
            # the file, the line and the fix.
            sources_clean()
            raise
        sources_clean()
        shown = site_dir.relative_to(root.resolve()).as_posix() if site_dir.is_relative_to(
            root.resolve()) else str(site_dir)
        try:
            make_pdfs(root, new)
        except BuildFailed as error:
            # What stops a PDF (an image on another website, a missing file) the check names
            # at its Markdown line: its findings go first (not those about the missing PDFs).
            error.findings = [p for p in (check(new, shown) if check else [])
                              if p.severity == "error" and p.rule != "pdf-size-missing"
                              and not (p.rule == "link-broken" and ".pdf'" in p.message)]
            raise
        problems = source_problems + (check(new, shown) if check else [])
        if any(p.severity == "error" for p in problems):
            return problems
        old = workdir / "previous"
        if site_dir.exists():
            site_dir.rename(old)
        new.rename(site_dir)
        return problems
    finally:
        source_rules.stop()
        shutil.rmtree(workdir, ignore_errors=True)
