"""Interactive checklists: items are content (``docs/_data/checklists/<id>.yml``, text per
language, the same keys in every language); this module checks them and renders the form.

A page shows a checklist with the line ``[[checklista:<id>]]``. The form is plain HTML
(fieldsets, legends, labels, native radio buttons and text areas): it works, and prints as
an empty form, without JavaScript; ``checklist.js`` adds progress, a summary and "clear".
Answers stay in the page: nothing is sent or stored.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from .problems import Problem, ProblemsFound
from .yamlfile import LineDict, load_mapping

CHECKLISTS_DIR = Path("docs") / "_data" / "checklists"
TOKEN = re.compile(r"^\[\[checklista:([a-z0-9-]+)\]\]\s*$", re.M)
ANSWERS = ("ja", "nej", "ej")  # yes, no, not checked


@dataclass(frozen=True)
class Checklist:
    id: str
    kind: str            # "walk": places × aspects; "mapping": areas × settings, scored
    rows: tuple          # places (walk) or areas (mapping)
    columns: tuple       # aspects (walk) or settings (mapping)
    questions: int       # mapping: questions per area and setting
    text: dict           # language -> LineDict of key -> text
    shown: str

    def keys(self) -> set[str]:
        keys = {"title", "intro"}
        if self.kind == "walk":
            keys |= {f"place.{p}" for p in self.rows}
            keys |= {f"aspect.{a}" for a in self.columns}
            keys |= {f"aspect.{a}.question" for a in self.columns}
        else:
            keys |= {f"area.{a}" for a in self.rows}
            keys |= {f"setting.{s}" for s in self.columns}
            keys |= {f"area.{a}.{s}.{n}" for a in self.rows for s in self.columns
                     for n in range(1, self.questions + 1)}
        return keys

    def items(self):
        """(group, group key, [(item name, item key)]) in reading order."""
        if self.kind == "walk":
            for place in self.rows:
                yield place, f"place.{place}", [(f"{place}.{a}", a) for a in self.columns]
        else:
            for area in self.rows:
                yield area, f"area.{area}", [(f"{area}.{s}.{n}", f"{s}.{n}") for s in self.columns
                                             for n in range(1, self.questions + 1)]


def load_checklists(root: Path) -> dict[str, Checklist]:
    folder = root / CHECKLISTS_DIR
    result = {}
    for path in sorted(folder.glob("*.yml")) if folder.exists() else []:
        shown = path.relative_to(root).as_posix()
        data = load_mapping(path, shown)
        kind = data.get("kind")
        rows = tuple(data.get("places") or data.get("areas") or ())
        columns = tuple(data.get("aspects") or data.get("settings") or ())
        if kind not in ("walk", "mapping") or not rows or not columns:
            raise ProblemsFound([Problem(shown, 1, "checklist-structure", "a checklist needs "
                                         "'kind: walk' with 'places' and 'aspects', or 'kind: "
                                         "mapping' with 'areas' and 'settings'.")])
        result[path.stem] = Checklist(path.stem, kind, rows, columns,
                                      int(data.get("questions", 2)), data.get("text") or {}, shown)
    return result


def checklist_problems(checklist: Checklist, languages) -> list[Problem]:
    """Like the UI strings: every language has every key, with text."""
    problems = []
    required = checklist.keys()
    for lang in languages:
        severity = "warning" if lang.status == "in-progress" else "error"
        texts = checklist.text.get(lang.code)
        if not isinstance(texts, dict):
            problems.append(Problem(checklist.shown, 1, "checklist-missing", f"no text for "
                                    f"'{lang.code}'; add '{lang.code}:' under 'text:' with every "
                                    "key of the Swedish text.", severity))
            continue
        where = texts.start_line if isinstance(texts, LineDict) else 1
        for key in sorted(required - set(texts)):
            problems.append(Problem(checklist.shown, where, "checklist-missing", f"{lang.code}: "
                                    f"key '{key}' is missing.", severity))
        for key in sorted(set(texts) - required):
            problems.append(Problem(checklist.shown, texts.lines.get(key, where),
                                    "checklist-unknown", f"{lang.code}: key '{key}' is not used; "
                                    "check its spelling against the Swedish text.", severity))
        for key in sorted(required & set(texts)):
            if not str(texts[key] or "").strip():
                problems.append(Problem(checklist.shown, texts.lines.get(key, where),
                                        "checklist-empty", f"{lang.code}: key '{key}' has no "
                                        "text.", severity))
    return problems


def form_id(checklist_id: str) -> str:
    """The form's id on its page, also the stem of its PDF's name."""
    return f"checklista-{checklist_id}"


def render_checklist(checklist: Checklist, lang: str, fallback: str, ui: dict) -> str:
    """The checklist as an HTML form in one language (a missing text borrows Swedish)."""
    texts = {**checklist.text.get(fallback, {}), **{k: v for k, v in
                                                    checklist.text.get(lang, {}).items() if v}}
    e = html.escape
    answers = [("ja", ui["checklist.yes"]), ("nej", ui["checklist.no"]),
               ("ej", ui["checklist.unchecked"])]
    # autocomplete="off" on the form: the browser neither suggests earlier answers nor puts
    # them back when the reader returns with Back (checklist.js also empties a page that
    # comes back from the back-forward cache): the page says answers are not kept.
    out = [f'<form class="trygg-checklist" id="{form_id(checklist.id)}" autocomplete="off" '
           f'data-kind="{checklist.kind}" data-score="{e(ui["checklist.score"])}" '
           f'data-progress="{e(ui["checklist.progress"])}" data-none="{e(ui["checklist.none"])}" '
           f'data-list="{e(json.dumps(list_patterns(lang), ensure_ascii=False))}" '
           f'aria-label="{e(texts["title"])}">',
           f'<p class="trygg-checklist__saved">{e(ui["checklist.not_saved"])}</p>',
           # Its line is kept free from the start, so the form does not move when it fills.
           '<p class="trygg-checklist__progress" role="status"></p>',
           # Where, when and who: on paper a line each for a pen. Browsers are told not to
           # remember what is typed (a shared school computer).
           '<div class="trygg-checklist__about">']
    for field in ("school", "date", "participants"):
        out.append(f'<p><label for="{checklist.id}-{field}">{e(ui[f"checklist.{field}"])}</label> '
                   f'<input type="text" id="{checklist.id}-{field}" name="{field}" '
                   'autocomplete="off"></p>')
    out.append("</div>")
    for group, group_key, items in checklist.items():
        out.append(f'<fieldset class="trygg-checklist__group" data-group="{group}" '
                   f'data-label="{e(texts[group_key])}">')
        out.append(f"<legend>{e(texts[group_key])}</legend>")
        current_setting = None
        for name, key in items:
            if checklist.kind == "walk":
                label = f'{texts[f"aspect.{key}"]}: {texts[f"aspect.{key}.question"]}'
            else:
                setting = key.split(".")[0]
                if setting != current_setting:
                    out.append(f'<p class="trygg-checklist__setting">{e(texts[f"setting.{setting}"])}</p>')
                    current_setting = setting
                label = texts[f"area.{group}.{key}"]
            out.append(f'<fieldset class="trygg-checklist__item"><legend>{e(label)}</legend>')
            for value, text in answers:
                out.append(f'<label><input type="radio" name="{name}" value="{value}"> '
                           f"{e(text)}</label>")
            out.append("</fieldset>")
        note = f"{checklist.id}-{group}-note"
        out.append(f'<label class="trygg-checklist__note-label" for="{note}">'
                   f'{e(ui["checklist.note"])}</label>')
        out.append(f'<textarea id="{note}" name="{group}.note" rows="3"></textarea>')
        out.append("</fieldset>")
    title = ui["checklist.summary.walk"] if checklist.kind == "walk" else ui["checklist.summary.mapping"]
    # A polite live region: a screen reader hears the summary change as answers are given.
    out.append(f'<section class="trygg-checklist__summary" aria-live="polite" hidden>'
               f'<h2>{e(title)}</h2><ul></ul></section>')
    # "Clear" empties the form (a native reset, also without JavaScript); checklist.js then
    # says so and offers to undo it, so one mistaken press does not wipe a whole walk.
    out.append('<p class="trygg-checklist__actions">'
               f'<button type="reset" class="md-button">{e(ui["checklist.clear"])}</button> '
               '<button type="button" class="md-button trygg-checklist__undo" hidden>'
               f'{e(ui["checklist.undo"])}</button></p>')
    out.append(f'<p class="trygg-checklist__cleared" role="status" '
               f'data-text="{e(ui["checklist.cleared"])}"></p>')
    out.append("</form>")
    return "\n".join(out)


def list_patterns(lang: str) -> dict[str, str]:
    """CLDR's patterns for joining a list in ``lang`` ("a, b och c"; Arabic "a وb"), for
    checklist.js to join the summary's items the reader's way."""
    patterns = Locale.parse(lang).list_patterns["standard"]
    return {key: patterns[key] for key in ("2", "start", "middle", "end")}


def render_checklists(markdown: str, lang: str, fallback: str, checklists: dict, ui: dict) -> str:
    def replace(match: re.Match) -> str:
        checklist = checklists.get(match.group(1))
        if checklist is None:
            return match.group(0)
        return "\n" + render_checklist(checklist, lang, fallback, ui) + "\n"

    return TOKEN.sub(replace, markdown)


def token_problems(body: str, shown: str, checklists: dict, first_line: int = 1) -> list[Problem]:
    problems = []
    for number, line in enumerate(body.splitlines(), first_line):
        for match in re.finditer(r"\[\[checklista:([a-z0-9-]+)\]\]", line):
            if match.group(1) not in checklists:
                problems.append(Problem(shown, number, "checklist-unknown", f"there is no "
                                        f"checklist '{match.group(1)}'; the checklists are: "
                                        f"{', '.join(sorted(checklists)) or 'none'}."))
    return problems
