"""The publisher and the site-wide announcement: ``docs/_data/publisher.yml`` and
``docs/_data/announcement.yml``, read and checked here, shown by the theme."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .problems import Problem
from .yamlfile import load_yaml

PUBLISHER_FILE = Path("docs") / "_data" / "publisher.yml"
ANNOUNCEMENT_FILE = Path("docs") / "_data" / "announcement.yml"
PUBLISHER_FIELDS = ("organisation", "organisation_number", "visiting_address",
                    "postal_address", "content_contact")


def load_publisher(root: Path) -> dict:
    path = root / PUBLISHER_FILE
    data = load_yaml(path, PUBLISHER_FILE.as_posix()) if path.exists() else {}
    return {key: (str(data.get(key)).strip() if data and data.get(key) else "")
            for key in PUBLISHER_FIELDS}


def publisher_problems(root: Path) -> list[Problem]:
    publisher = load_publisher(root)
    missing = [key for key in PUBLISHER_FIELDS if not publisher[key]]
    if not missing:
        return []
    return [Problem(PUBLISHER_FILE.as_posix(), 1, "publisher-missing", "fill in "
                    f"{', '.join(missing)} before the site is published: readers and DIGG "
                    "must be able to see who is responsible.", "warning")]


def current_announcement(root: Path, lang: str, source: str,
                         today: dt.date | None = None) -> dict | None:
    """The announcement in one language ({'text', 'lang'}), or None when there is none or
    its last day has passed."""
    path = root / ANNOUNCEMENT_FILE
    if not path.exists():
        return None
    data = load_yaml(path, ANNOUNCEMENT_FILE.as_posix()) or {}
    until, texts = data.get("until"), data.get("text") or {}
    if not until or not texts:
        return None
    if (today or dt.date.today()) > until:
        return None
    if texts.get(lang):
        return {"text": texts[lang], "lang": lang}
    return {"text": texts.get(source, ""), "lang": source} if texts.get(source) else None


def announcement_problems(root: Path) -> list[Problem]:
    path = root / ANNOUNCEMENT_FILE
    if not path.exists():
        return []
    shown = ANNOUNCEMENT_FILE.as_posix()
    data = load_yaml(path, shown) or {}
    until = data.get("until")
    if until is not None and not isinstance(until, dt.date):
        return [Problem(shown, data.lines.get("until", 1), "announcement-date", f"'{until}' is "
                        "not a date; write the last day to show it as 2026-12-31.")]
    if until and not (data.get("text") or {}).get("sv"):
        return [Problem(shown, data.lines.get("text", 1), "announcement-text", "the "
                        "announcement needs its Swedish text under 'text:' as 'sv: …'.")]
    return []
