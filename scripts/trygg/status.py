"""Translation status: per language, how many pages are reviewed, machine-made, outdated
or missing, measured against the source language's pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .languages import Languages
from .translation import read_page, translation_state


@dataclass
class LanguageStatus:
    code: str
    name: str
    status: str  # the language's own: ready or in-progress
    reviewed: list[str] = field(default_factory=list)
    machine: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def translation_status(root: Path, languages: Languages) -> list[LanguageStatus]:
    docs = root / "docs"
    source_dir = docs / languages.source.code
    source_pages = sorted(p.relative_to(source_dir).as_posix() for p in source_dir.rglob("*.md"))
    result = []
    for lang in languages:
        if lang.is_source:
            continue
        row = LanguageStatus(lang.code, lang.name, lang.status)
        for relative in source_pages:
            path = docs / lang.code / relative
            if not path.exists():
                row.missing.append(relative)
                continue
            meta = read_page(path, f"docs/{lang.code}/{relative}").meta
            source_text = (source_dir / relative).read_text(encoding="utf-8")
            state = translation_state(meta, source_text, missing=False)
            if state.missing:
                row.missing.append(relative)
            elif state.outdated:
                row.outdated.append(relative)
            elif state.machine:
                row.machine.append(relative)
            else:
                row.reviewed.append(relative)
        result.append(row)
    return result


def format_table(rows: list[LanguageStatus], markdown: bool = False) -> str:
    header = ["language", "", "reviewed", "machine (draft)", "outdated", "missing"]
    body = [[r.code, r.name + (" (in progress)" if r.status == "in-progress" else ""),
             str(len(r.reviewed)), str(len(r.machine)), str(len(r.outdated)), str(len(r.missing))]
            for r in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        details = [f"- **{r.code}** {kind}: " + ", ".join(getattr(r, kind))
                   for r in rows for kind in ("outdated", "missing") if getattr(r, kind)]
        return "\n".join(["# Translation status", "", *lines, *([""] + details if details else [])])
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    return "\n".join(fmt.format(*row) for row in [header, *body])
