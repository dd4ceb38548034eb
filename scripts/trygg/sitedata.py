"""The publisher, ``docs/_data/publisher.yml``, read and checked here, shown by the theme
(the announcement is announcement.py's, imported here for the modules that import it here)."""

from __future__ import annotations

from pathlib import Path

from .announcement import ANNOUNCEMENT_FILE, announcement_problems, current_announcement
from .problems import Problem
from .yamlfile import load_mapping

__all__ = ["ANNOUNCEMENT_FILE", "announcement_problems", "current_announcement",
           "load_publisher", "publisher_problems"]

PUBLISHER_FILE = Path("docs") / "_data" / "publisher.yml"
PUBLISHER_FIELDS = ("organisation", "organisation_number", "visiting_address",
                    "postal_address", "content_contact")


def load_publisher(root: Path) -> dict:
    path = root / PUBLISHER_FILE
    data = load_mapping(path, PUBLISHER_FILE.as_posix()) if path.exists() else {}
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
