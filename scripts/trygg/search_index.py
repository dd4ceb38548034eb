"""One search index per language: a reader searches the pages of their own language only.

Material's search writes one index; with mkdocs-static-i18n it holds every language's
pages. We split it by the language folder at the start of each location, strip that
folder (the page's search "base" is its language root), and give each language its own
lunr settings from the language list and its UI strings (the Ge'ez word separators ፡ and
። for Tigrinya, no stemmer where lunr has none).
"""

from __future__ import annotations

import json
from pathlib import Path

from .languages import Languages


def split_search_index(site_dir: Path, languages: Languages, strings: dict[str, dict]) -> dict:
    """Rewrite site/search/search_index.json per language; returns {code: entries written}."""
    merged_path = site_dir / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    others = [lang for lang in languages if not lang.is_source]
    written = {}
    for lang in languages:
        if lang.is_source:
            docs = [d for d in merged["docs"]
                    if not any(d["location"].startswith(o.prefix) or d["location"] == o.code
                               for o in others)]
        else:
            docs = [{**d, "location": d["location"][len(lang.prefix):]}
                    for d in merged["docs"] if d["location"].startswith(lang.prefix)]
        ui = strings[lang.code]
        config = {
            **merged["config"],
            "lang": [lang.search] if lang.search else ["en"],
            "separator": ui["search.config.separator"],
            "pipeline": [step for step in ui["search.config.pipeline"].split(",") if step.strip()],
        }
        path = site_dir / lang.prefix / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False,
                                   separators=(",", ":")), encoding="utf-8")
        written[lang.code] = len(docs)
    return written
