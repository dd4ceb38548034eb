"""Where a page's facts come from: ``docs/_data/sources.yml`` and each page's ``sources:``.

A source is written once, in the data file, under an id:

    skollagen:
      title: Skollagen, 6 kapitlet
      publisher: Sveriges riksdag
      address: https://…          # only an address seen in a public source; else left out
      checked: 2026-11-30         # the day someone last read the source against our text

A Swedish page lists the ids it relies on (``sources: [skollagen, …]``). Translations do
not repeat the list: they say what the Swedish page says, so they show its sources (one
list to keep current, and a translation can never cite something the original does not).
The theme shows the list at the end of every page in the reader's language
(``overrides/partials/sources.html``).

A page may also carry ``review_by: YYYY-MM-DD`` when its text depends on something expected
to change (a law before the Riksdag); after that day the build warns its editor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from babel.dates import format_date

from .languages import Languages
from .page_rules import front_matter_problems
from .problems import Problem, ProblemsFound
from .translation import read_page
from .yamlfile import LineDict, load_yaml

SOURCES_FILE = Path("docs") / "_data" / "sources.yml"
# The three bodies of content: every page there states facts, so it must name a source.
# The start page and "om-webbplatsen" (about the site itself) may name sources, but need not.
CONTENT_SECTIONS = ("gangsnacket", "unga", "trygghet-i-skolan")
# After this long a source may have changed under us: warn, so that someone reads it again.
STALE_AFTER = dt.timedelta(days=365)
_FIELDS = ("title", "publisher", "checked")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    checked: dt.date
    address: str = ""   # empty: named, not linked (no address seen in a public source)
    lang: str = "sv"    # the language the title and publisher are written in
    checked_line: int = 1  # where an editor updates the date


def _read(root: Path) -> tuple[dict[str, Source], list[Problem]]:
    shown = SOURCES_FILE.as_posix()
    path = root / SOURCES_FILE
    if not path.exists():
        return {}, []
    data = load_yaml(path, shown) or LineDict()
    sources, problems = {}, []
    for key, entry in data.items():
        line = data.lines.get(key, 1)
        if not isinstance(entry, dict):
            problems.append(Problem(shown, line, "source-field", f"source '{key}' needs "
                                    "'title:', 'publisher:' and 'checked:' lines under it."))
            continue
        missing = [f for f in _FIELDS if not entry.get(f)]
        if missing:
            problems.append(Problem(shown, line, "source-field", f"source '{key}' lacks "
                                    f"{', '.join(missing)}; write each under the id."))
            continue
        checked, address = entry["checked"], str(entry.get("address") or "")
        if not isinstance(checked, dt.date):
            problems.append(Problem(shown, entry.lines.get("checked", line), "source-field",
                                    f"source '{key}': checked '{checked}' is not a date; "
                                    "write the day you read the source as 2026-11-30."))
            continue
        if address and not address.startswith("https://"):
            problems.append(Problem(shown, entry.lines.get("address", line), "source-field",
                                    f"source '{key}': the address must start with https://."))
            continue
        sources[str(key)] = Source(str(key), str(entry["title"]), str(entry["publisher"]),
                                   checked, address, str(entry.get("lang") or "sv"),
                                   entry.lines.get("checked", line))
    return sources, problems


def load_sources(root: Path) -> dict[str, Source]:
    sources, problems = _read(root)
    if problems:
        raise ProblemsFound(problems)
    return sources


def _ids(meta: dict) -> list:
    value = meta.get("sources")
    return value if isinstance(value, list) else [] if value is None else [value]


def source_problems(root: Path, languages: Languages,
                    today: dt.date | None = None) -> list[Problem]:
    """Unknown ids, content pages without sources, sources in a translation, stale
    sources and passed review dates (the last two as warnings)."""
    today = today or dt.date.today()
    sources, problems = _read(root)
    for source in sources.values():
        if today - source.checked > STALE_AFTER:
            problems.append(Problem(
                SOURCES_FILE.as_posix(), source.checked_line, "source-stale", f"source '{source.id}' "
                f"was last checked on {source.checked}, more than a year ago; read it again, "
                "correct our pages where it has changed, and set 'checked:' to today.",
                "warning"))
    docs = root / "docs"
    for lang in languages:
        folder = docs / lang.code
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            shown = f"docs/{lang.code}/{relative}"
            try:
                page = read_page(path, shown)
            except ProblemsFound:
                continue  # validate reports the page's own problems
            meta = page.meta
            problems += _review_problems(meta, shown, today)
            line = meta.lines.get("sources", 1)
            if not lang.is_source:
                if "sources" in meta:
                    problems.append(Problem(shown, line, "source-in-translation", "a "
                                            "translation shows its Swedish page's sources; "
                                            "remove 'sources:' here and edit the list in "
                                            f"docs/{languages.source.code}/{relative}."))
                continue
            ids = _ids(meta)
            for unknown in [i for i in ids if str(i) not in sources]:
                problems.append(Problem(shown, line, "source-unknown", f"'{unknown}' is not "
                                        f"in {SOURCES_FILE.as_posix()}; add it there (title, "
                                        "publisher, address, checked) or correct the id."))
            # An empty page (page-empty) or a broken front matter (front-matter) is refused
            # as such: one cause, one finding.
            if (not ids and relative.parts[0] in CONTENT_SECTIONS and page.body.strip()
                    and not front_matter_problems(page, shown)):
                problems.append(Problem(shown, 2, "source-missing", "this page states facts "
                                        "but names no source; add 'sources: [id, …]' to its "
                                        f"front matter with ids from {SOURCES_FILE.as_posix()}."))
    return problems


def _review_problems(meta: LineDict, shown: str, today: dt.date) -> list[Problem]:
    due = meta.get("review_by")
    line = meta.lines.get("review_by", 1)
    if due is None:
        return []
    if not isinstance(due, dt.date):
        return [Problem(shown, line, "review-date", f"review_by '{due}' is not a date; write "
                        "it as 2027-01-31.")]
    if today > due:
        return [Problem(shown, line, "review-due", f"this page was to be reviewed by {due}; "
                        "check the facts the comment above names, correct the text, and set a "
                        "new date (or remove review_by).", "warning")]
    return []


def page_sources(meta: dict, sources: dict[str, Source], lang: str,
                 direction_of) -> list[dict]:
    """What the theme shows for one page: each source's title, publisher, address and the
    day it was checked, the date written the reader's way (CLDR); ``lang``/``dir`` are set
    where the title is in another language than the page."""
    shown = []
    for key in _ids(meta):
        source = sources.get(str(key))
        if source is None:
            continue  # source-unknown stops the build before this
        foreign = source.lang != lang
        shown.append({
            "title": source.title, "publisher": source.publisher, "address": source.address,
            "checked": format_date(source.checked, format="long", locale=lang),
            "lang": source.lang if foreign else "",
            "dir": direction_of(source.lang) if foreign else "",
        })
    return shown
