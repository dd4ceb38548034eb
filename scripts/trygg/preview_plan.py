"""Which languages a changed file shows in, for ``trygg serve``: rebuild those, and no more.

A language's pages depend on its own folder of ``docs/`` and its own UI strings; every
language depends on the configuration, the theme, the data files and the language list. A
Swedish page is also shown by the other languages: in Swedish where they have no
translation of it (the fallback), and through a translation's notice (the translation is
outdated when the Swedish page's hash changes) and the Swedish page's front matter (the
sources a translation lists are the Swedish page's). So a Swedish edit rebuilds Swedish
first, then only the languages whose pages of it change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .languages import Languages
from .pdf.books import checklist_pages
from .published_files import FILES, PAGE, editor_backup
from .problems import ProblemsFound
from .translation import split_front_matter, translation_state


@dataclass(frozen=True)
class Plan:
    first: tuple[str, ...]  # built and shown first: the language of the edited file
    then: tuple[str, ...]   # the other languages that show what changed, after it

    def __bool__(self) -> bool:
        return bool(self.first or self.then)


def ignored(relative: PurePosixPath) -> bool:
    """A file no build reads: hidden, an editor's backup, or in docs/ a kind the site does not
    publish (vim tests a folder with a file named '4913'; published_files stops a real one)."""
    # An editor's backup is refused by the source rules (file-editor-backup) at the next
    # build; saving one must not start a rebuild on every keystroke's autosave.
    if any(part.startswith(".") for part in relative.parts) or \
            editor_backup(relative.name.lower()):
        return True
    if relative.parts[:2] == ("docs", "_data"):
        return relative.suffix.lower() not in (".yml", ".yaml")
    if relative.parts[:1] == ("docs",):
        return relative.suffix.lower() not in (PAGE, *FILES)
    if relative.parts[:1] == ("translations",):
        return relative.suffix != ".yml" or len(relative.parts) != 2  # exchange/: not built
    return False


class Planner:
    """Remembers the Swedish pages as last planned for, to tell what an edit changed."""

    def __init__(self, root: Path, languages: Languages):
        self.root, self.languages = root, languages
        self.source = languages.source.code
        self._swedish = self._read_swedish()
        self._checklists = checklist_pages(self.root / "docs" / self.source)

    def plan(self, changed: set[PurePosixPath], languages: Languages | None = None) -> Plan:
        """The languages to rebuild after ``changed`` (paths relative to the project)."""
        if languages is not None and languages.codes != self.languages.codes:
            self.languages = languages
            changed = changed | {PurePosixPath("translations/languages.yml")}
        before, self._swedish = self._swedish, self._read_swedish()
        checklists = checklist_pages(self.root / "docs" / self.source)
        everything = checklists != self._checklists  # a checklist moved: its PDFs' links
        self._checklists = checklists
        first, then = set(), set()
        for path in changed:
            if ignored(path):
                continue
            code, swedish_page = self._owner(path)
            if code == "*":
                everything = True
            elif swedish_page is not None:
                first.add(self.source)
                then |= self._showing(swedish_page, before)
            elif code:
                first.add(code)
        others = [c for c in self.languages.codes if c != self.source]
        if everything:
            first.add(self.source)
            then |= set(others)
        if self.source in first:
            # Swedish first, so that its preview is ready soonest; the others after it.
            then |= first - {self.source}
            first = {self.source}
        return Plan(tuple(c for c in self.languages.codes if c in first),
                    tuple(c for c in self.languages.codes if c in then - first))

    def _owner(self, path: PurePosixPath) -> tuple[str | None, str | None]:
        """(the language a file belongs to, or '*' for every language or None for none;
        a Swedish page's path inside docs/sv/ when the Swedish page was edited)."""
        parts = path.parts
        codes = set(self.languages.codes)
        if parts[:1] == ("docs",) and len(parts) > 2 and parts[1] in codes:
            if parts[1] != self.source:
                return parts[1], None
            page = PurePosixPath(*parts[2:]).as_posix()
            # A picture (or a new or removed page) is copied into, or named by, every language.
            return ("*", None) if not page.endswith(PAGE) else (None, page)
        if parts[:1] == ("translations",) and len(parts) == 2 and path.suffix == ".yml":
            if path.stem in codes and path.stem != self.source:
                return path.stem, None
            return "*", None  # the language list, or Swedish strings other languages fall back to
        if parts[:1] in (("docs",), ("overrides",), ("translations",)) or path == PurePosixPath(
                "mkdocs.yml"):
            return "*", None  # the data files, the theme, the configuration
        return None, None  # not part of the site (scripts/ needs the preview restarted)

    def _showing(self, page: str, before: dict[str, str]) -> set[str]:
        """The languages whose pages change when the Swedish ``page`` changed from ``before``."""
        old, new = before.get(page), self._swedish.get(page)
        others = {c for c in self.languages.codes if c != self.source}
        if old is None or new is None:
            return others  # a page added or removed: every language's menu and alternates
        if old == new:
            return set()
        showing = set()
        for code in others:
            translation = self.root / "docs" / code / page
            if not translation.is_file():
                showing.add(code)  # shown in Swedish (the fallback)
            elif _seen_by_translation(translation, old, page) != \
                    _seen_by_translation(translation, new, page):
                showing.add(code)
        return showing

    def _read_swedish(self) -> dict[str, str]:
        folder = self.root / "docs" / self.source
        pages = {}
        for path in folder.rglob("*.md"):
            relative = path.relative_to(folder)
            if not ignored(PurePosixPath(relative.as_posix())):
                pages[relative.as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        return pages


def _seen_by_translation(translation: Path, swedish: str, page: str):
    """What a translated page shows of its Swedish page: whether it is outdated (its
    notice), and the Swedish front matter (its sources, title for the notice's link)."""
    try:
        meta = split_front_matter(translation.read_text("utf-8", errors="replace"), page).meta
        front = split_front_matter(swedish, page).meta
    except ProblemsFound:
        return object()  # the source rules tell the editor; rebuilt to be safe (never equal)
    return translation_state(meta, swedish, missing=False), repr(dict(front))
