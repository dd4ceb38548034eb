"""The site-wide announcement, ``docs/_data/announcement.yml``: read, checked, and picked for
a build. Dates are a day (2026-12-31) or a moment (2026-12-31 18:00); ``from`` is optional.
A moment without a zone is Swedish time, whatever the machine's clock is set to (a CI runner
keeps UTC). The site is static, so the announcement appears and goes with the first build
after ``from`` and after ``until``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from .problems import Problem
from .yamlfile import load_mapping

ANNOUNCEMENT_FILE = Path("docs") / "_data" / "announcement.yml"
_SHOWN = ANNOUNCEMENT_FILE.as_posix()
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")
# YAML makes a datetime of 2026-12-31 18:00:00 but leaves 2026-12-31 18:00 a string: both are
# moments as an editor writes them, with a space or a T, and an optional zone.
_WRITTEN_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?"
                             r"(Z|[+-]\d{2}:\d{2})?")


def _moment(value, end: bool) -> dt.datetime | None:
    """A moment with its zone (Swedish time when none is written); a day means its whole
    day, from its first moment until its last. None for anything else."""
    if isinstance(value, str) and _WRITTEN_MOMENT.fullmatch(value.strip()):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:  # the right shape but no such moment: 2026-02-30 25:00
            return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=SWEDISH_TIME)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.max if end else dt.time.min, SWEDISH_TIME)
    return None


def _now() -> dt.datetime:
    return dt.datetime.now(SWEDISH_TIME)


def _read(root: Path):
    path = root / ANNOUNCEMENT_FILE
    return load_mapping(path, _SHOWN) if path.exists() else {}


def current_announcement(root: Path, lang: str, source: str,
                         today: dt.date | dt.datetime | None = None) -> dict | None:
    """The announcement in one language ({'text', 'lang'}), or None when there is none, its
    ``from`` has not come or its ``until`` has passed (problems are announcement_problems')."""
    data = _read(root)
    texts, until = data.get("text"), _moment(data.get("until"), end=True)
    if not until or not isinstance(texts, dict) or not texts:
        return None
    now = _moment(today, end=False) if today else _now()
    start = _moment(data.get("from"), end=False)
    if now > until or (start and now < start):
        return None
    if texts.get(lang):
        return {"text": str(texts[lang]), "lang": lang}
    return {"text": str(texts[source]), "lang": source} if texts.get(source) else None


def announcement_problems(root: Path, now: dt.datetime | None = None) -> list[Problem]:
    data = _read(root)
    if not data:
        return []
    problems, moments = [], {}
    for key in ("from", "until"):
        value = data.get(key)
        if value is None:
            continue
        moments[key] = _moment(value, end=key == "until")
        if moments[key] is None:
            problems.append(Problem(_SHOWN, data.lines.get(key, 1), "announcement-date",
                                    f"{key}: '{value}' is not a date; write a day as 2026-12-31 "
                                    "or a moment as 2026-12-31 18:00 (Swedish time)."))
    if problems:
        return problems
    texts = data.get("text")
    if texts and not isinstance(texts, dict):
        return [Problem(_SHOWN, data.lines.get("text", 1), "announcement-text", "write the text "
                        "under 'text:' per language, one line each: '  sv: …', '  en: …'.")]
    if not texts:
        return []
    if "until" not in moments:
        return [Problem(_SHOWN, data.lines.get("until", data.lines["text"]), "announcement-date",
                        "the announcement has text but no last day; write 'until: 2026-12-31' "
                        "(the last day it is shown).")]
    if "from" in moments and moments["from"] > moments["until"]:
        return [Problem(_SHOWN, data.lines["from"], "announcement-date", f"'from' "
                        f"({data['from']}) is after 'until' ({data['until']}); the first day "
                        "to show it comes first. Check both dates.")]
    if not texts.get("sv"):
        return [Problem(_SHOWN, data.lines.get("text", 1), "announcement-text", "the "
                        "announcement needs its Swedish text under 'text:' as 'sv: …'.")]
    if moments["until"] < (_moment(now, end=False) if now else _now()):
        return [Problem(_SHOWN, data.lines["until"], "announcement-expired", f"its last day "
                        f"({data['until']}) has passed, so it is no longer shown; set a new "
                        "'until:', or empty the file's 'text:' ('text: {}').", "warning")]
    return []
