"""``trygg import``: translations from an XLIFF file written back into the Markdown and YAML.

Everything is checked first and nothing is written when one unit is refused, so an editor
fixes the file and imports it again. Only what changed is rewritten: a unit that comes back
as it went out leaves its file byte for byte as it was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..languages import load_languages
from ..problems import Problem, ProblemsFound
from ..symlinks import writable
from ..translation import record_translation, split_front_matter
from ..yamlfile import load_yaml, parse_yaml
from . import guard, memory as memories, yamledit
from .markdown import text_hash
from .returns import Form, copied_source, file_language, read as read_text, retargeted
from .units import NOT_TEXT, STRINGS, PageView, Unit, collect
from .xliff import Returned, exported_state, read


def import_translations(root: Path, file: Path, shown: str, lang: str,
                        warnings: list[Problem] | None = None) -> list[Path]:
    """Write the file's translations into the project; returns the files written. ``lang``
    is the language the editor says the file is for. A unit whose Swedish changed since the
    export is left out and listed in ``warnings`` (it is in the next ``--changed``)."""
    languages = load_languages(root)
    try:
        found, returned = read(file)
    except Exception as error:  # noqa: BLE001 - any parse failure is the file's, not ours
        line = getattr(error, "lineno", None) or 1  # lxml's XMLSyntaxError has the line
        raise ProblemsFound([Problem(shown, line, "xliff-syntax", f"this is not an XLIFF file "
                                     f"that can be read ({getattr(error, 'msg', error)}). The "
                                     "file may be cut short or changed by hand: send back the "
                                     "file the translation tool exported, as XLIFF 1.2.")]) from None
    code = file_language(languages, found, shown, lang)
    language = languages.get(code)
    memory = memories.load(root, code)
    views, units = collect(root, languages, code, memory)
    by_key = {unit.key: unit for unit in units}
    defined = {view.sv_file: guard.defined_labels(view.sv_text + (view.tr_text or ""))
               for view in views.values()}
    problems: list[Problem] = []
    stale: list[Problem] = []
    accepted: dict[str, Returned] = {}
    for item in returned:
        if item.file in memory.moved:  # exported before trygg move-page renamed the page
            item = replace(item, file=memory.moved[item.file])
        unit = by_key.get(item.key)
        where = f"unit '{item.key}'"
        if unit is None and _not_text(item):
            # Files exported before it left the exchange hold it: as it is, it is skipped.
            if item.target.strip() and item.target != _ui_value(root, code, item.id):
                problems.append(Problem(shown, item.line, "unit-unknown", f"{where} is the "
                                        "search's configuration, not text to translate (a "
                                        "developer sets it in the YAML file): leave it as it "
                                        "is, or remove the unit from the file."))
            continue
        if item.flaw:
            problems.append(Problem(shown, item.line, item.flaw[0], f"{where}: {item.flaw[1]}"))
            continue
        if unit is None:
            problems.append(Problem(shown, item.line, "unit-unknown", f"{where} is not a unit "
                                    "of today's Swedish text (a page or key was renamed or "
                                    "removed); export the language again."))
            continue
        moved = retargeted(item.source, unit.source, item.target)
        if moved is not None:  # only a link address changed since (trygg move-page)
            item = replace(item, source=unit.source, target=moved)
        if not (item.done or (item.target.strip() and item.target != (unit.target or ""))):
            continue  # not translated in this file (stale or not, it brings nothing)
        if item.source != unit.source:
            if item.target == (unit.target or ""):
                continue  # came back as it is on the site: nothing to write, nothing stale
            else:
                stale.append(Problem(shown, item.line, "unit-stale", f"{where}: the Swedish "
                                     "text changed since this file was exported, so this "
                                     "translation was left out (the rest is imported); it is "
                                     "in the next export with --changed.", severity="warning"))
                continue
        new_text = item.target != (unit.target or "")
        # New text under exactly the state we sent: the tool did not say that a person
        # confirmed it, so it is a machine draft (README, "Reviewed or machine"). It is
        # not an older file's draft, though: that one would carry the state sent then.
        as_sent = new_text and item.human and (item.state, item.approved) == exported_state(unit)
        if unit.state == "reviewed" and not unit.changed and not item.human:
            problems.append(Problem(shown, item.line, "unit-older", f"{where}: a person "
                                    "reviewed the translation on the site, and this file "
                                    "brings a machine draft for it (not confirmed by a "
                                    "translator), which would replace the review. The file is "
                                    "older than the last import: export again, or have the "
                                    "translator confirm the unit."))
        elif new_text and copied_source(unit.source, item.target):
            problems.append(Problem(shown, item.line, "unit-untranslated", f"{where}: the "
                                    "translation is the Swedish text itself (a CAT tool's "
                                    "\"copy source to target\"); translate it, or leave the "
                                    "unit empty to keep it out of this import."))
        else:
            # A new text counts as translated even where a tool left the state as it was.
            # Its script is checked where it is new (a name or a number may stay as it is).
            script_new = item.target not in (unit.target, unit.source)
            found = guard.problems(unit.source, item.target, cell=unit.cell,
                                   markdown=unit.markdown, direction=language.direction,
                                   script=language.script if script_new else None,
                                   defined=defined.get(unit.file, frozenset()))
            problems += [Problem(shown, item.line, rule, f"{where}: {message}")
                         for rule, message in found]
            if not found:
                accepted[item.key] = replace(item, human=False) if as_sent else item
    texts: dict[str, str] = {}
    forms: dict[str, Form] = {}
    for view in views.values():
        page = [u for u in units if u.file == view.sv_file]
        if any(u.key in accepted for u in page):
            text = _page(view, page, accepted, memory, problems)
            if text is not None and text != view.tr_text:
                texts[view.tr_file], forms[view.tr_file] = text, view.tr_form
    _yaml(root, units, accepted, memory, texts, forms, problems)
    if problems:
        raise ProblemsFound(problems)
    if warnings is not None:
        warnings += sorted(stale)
    # A page or data file removed or renamed since leaves nothing to remember.
    for mapping in (memory.units, memory.pages):
        for key in [k for k in mapping if not (root / k.partition("#")[0]).is_file()]:
            del mapping[key]
    # A page or the memory replaced by a symbolic link must not make the import write a
    # file elsewhere on the machine: every path is checked before the first is written.
    for path in [root / name for name in texts] + [memories.path(root, code)]:
        writable(root, path)
    written = []
    for name, text in sorted(texts.items()):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        forms.get(name, Form()).write(path, text)  # its BOM and line endings as they were
        written.append(path)
    return [*written, memories.save(root, code, memory)]


def _not_text(item: Returned) -> bool:
    """A UI string that is not text (units.NOT_TEXT), in a file exported before it was."""
    return item.file.startswith(f"{STRINGS}/") and item.id.startswith(NOT_TEXT)


def _ui_value(root: Path, code: str, key: str) -> str | None:
    path = root / STRINGS / f"{code}.yml"
    data = load_yaml(path, path.relative_to(root).as_posix()) if path.exists() else None
    return data.get(key) if isinstance(data, dict) else None


def _page(view: PageView, units: list[Unit], accepted: dict[str, Returned], memory,
          problems: list[Problem]) -> str | None:
    """The translated page with the accepted units in it, its status recorded; None when it
    stays as it is."""
    new = {u.id: accepted[u.key].target if u.key in accepted else u.target for u in units}
    translated = view.status in ("machine", "reviewed")
    if not view.lined_up and translated and all(new[u.id] == u.target for u in units):
        # Nothing to write, and the page does not line up with today's Swedish one (a block
        # was added or removed in Swedish): it stays as it is until that block is translated.
        return None
    body_texts = {i: (new[str(i)],) if b.kind != "row" else
                  tuple(new[f"{i}.{c + 1}"] for c in range(len(b.texts)))
                  for i, b in enumerate(view.sv_blocks) if b.kind != "fixed"}
    if translated and view.lined_up:
        lines = list(view.tr_lines)
        for i in sorted(body_texts, reverse=True):
            block = view.tr_blocks[i]
            if body_texts[i] != block.texts:
                lines[block.start:block.end] = block.render(body_texts[i])
        text = "".join(lines)
    else:
        # The translation does not line up with the Swedish page (a block added or removed
        # in Swedish, or no translation yet): rebuild the body on the Swedish page's blocks.
        lacking = [u.key for u in units if new[u.id] is None]
        if lacking:
            problems.append(Problem(view.tr_file, 1, "unit-missing", f"{', '.join(lacking)}: "
                                    "no translation, neither in the file nor on the page; "
                                    "export with --changed and translate every unit in it."))
            return None
        base = view.tr_text if view.tr_text is not None else view.sv_text
        front = split_front_matter(base, view.tr_file)
        lines = list(view.sv_lines)
        for i in sorted(body_texts, reverse=True):
            block = view.sv_blocks[i]
            lines[block.start:block.end] = block.render(body_texts[i])
        sv_body = split_front_matter(view.sv_text, view.sv_file).body_line - 1
        text = "".join(base.splitlines(keepends=True)[: front.body_line - 1] + lines[sv_body:])
    meta = split_front_matter(text, view.tr_file).meta
    for key in ("title", "description"):
        if new.get(key) is not None and key in meta.lines and meta.get(key) != new[key]:
            text = yamledit.set_value(text, meta.lines[key], new[key])
    # Complete: every unit whose Swedish changed came back. Then the page is reviewed when
    # a person did every unit (a unit not in the file is as the page was). Otherwise it
    # stays as it was (and outdated), unless a machine-made unit came in.
    complete = all(u.key in accepted or not u.changed for u in units)
    if complete:
        human = all(accepted[u.key].human if u.key in accepted else view.status == "reviewed"
                    for u in units)
        status = "reviewed" if human else "machine"
    else:
        machine = any(not accepted[u.key].human for u in units if u.key in accepted)
        status = "machine" if machine else view.status
    if complete and not (view.in_sync and view.status == status):
        text = record_translation(text, view.sv_text, status=status)
    elif not complete and view.status != status:
        block = split_front_matter(text, view.tr_file).meta["translation"]
        text = yamledit.set_value(text, block.lines["status"], status)
    _remember_page(view, units, accepted, memory)
    return text


def _remember_page(view: PageView, units: list[Unit], accepted: dict[str, Returned],
                   memory) -> None:
    """The page's blocks now line up with today's Swedish ones; each unit keeps the Swedish
    hash its translation was made from (a unit left out stays 'changed')."""
    old = {k: v for k, v in memory.units.items() if k.startswith(view.sv_file + "#")}
    for key in old:
        del memory.units[key]
    for unit in units:
        if unit.key in accepted:
            state = "reviewed" if accepted[unit.key].human else "machine"
            memory.units[unit.key] = [text_hash(unit.source), state]
            continue
        key = view.remembered_key(unit.id)
        carried = old.get(key) if key else None
        if carried is None and not unit.changed:
            carried = [text_hash(unit.source), view.status]
        if carried is not None:
            memory.units[unit.key] = carried
    memory.pages[view.sv_file] = [block.hash for block in view.sv_blocks]


def _yaml(root: Path, units: list[Unit], accepted: dict[str, Returned], memory,
          texts: dict[str, str], forms: dict[str, Form], problems: list[Problem]) -> None:
    """UI strings, checklist and contact texts: each changed value set in place (a missing
    language added beside the others), bottom up so that line numbers stay right."""
    edits: dict[str, list[tuple[int, str, str | None, str]]] = {}
    parsed: dict[str, object] = {}
    for unit in units:
        item = accepted.get(unit.key)
        if not unit.target_file or item is None:
            continue
        memory.units[unit.key] = [text_hash(unit.source), "reviewed" if item.human else "machine"]
        if item.target == unit.target:
            continue
        path = root / unit.target_file
        if not path.exists():
            problems.append(Problem(unit.target_file, 1, "unit-target", f"unit '{unit.key}': "
                                    f"{unit.target_file} does not exist; add the language "
                                    "first (trygg new-lang)."))
            continue
        if unit.target_file not in parsed:
            text, forms[unit.target_file] = read_text(path)
            texts.setdefault(unit.target_file, text)
            parsed[unit.target_file] = parse_yaml(text, unit.target_file)
        holder, parent = None, parsed[unit.target_file]
        for key in unit.target_path[:-1]:
            holder, parent = parent, parent.get(key) if isinstance(parent, dict) else None
        last = unit.target_path[-1]
        if isinstance(last, int):
            # An item of a list (the statement's issues): set in place; a missing one is
            # not guessed at.
            text = texts[unit.target_file]
            lines = (yamledit.item_lines(text, holder.lines[unit.target_path[-2]])
                     if isinstance(parent, list) and isinstance(holder, dict) else [])
            if last < len(lines):
                edits.setdefault(unit.target_file, []).append((lines[last], "item", None,
                                                               item.target))
            else:
                problems.append(Problem(unit.target_file, 1, "unit-target", f"unit "
                                        f"'{unit.key}': {'/'.join(map(str, unit.target_path[:-1]))} "
                                        f"has no item {last + 1} to write it to; add the "
                                        "item (any text) and import again."))
        elif isinstance(parent, dict) and last in parent:
            edits.setdefault(unit.target_file, []).append((parent.lines[last], "set", None,
                                                           item.target))
        elif isinstance(parent, dict) and parent:
            edits.setdefault(unit.target_file, []).append(
                (max(parent.lines.values()), "insert", str(last), item.target))
        else:
            problems.append(Problem(unit.target_file, 1, "unit-target", f"unit '{unit.key}': "
                                    f"no place for it in {unit.target_file} "
                                    f"({'/'.join(map(str, unit.target_path[:-1]))} is missing)."))
    for name, changes in edits.items():
        text = texts[name]
        for line, how, key, value in sorted(changes, key=lambda c: c[0], reverse=True):
            text = (yamledit.set_value(text, line, value) if how == "set"
                    else yamledit.set_item(text, line, value) if how == "item"
                    else yamledit.insert_value(text, line, key, value))
        texts[name] = text
