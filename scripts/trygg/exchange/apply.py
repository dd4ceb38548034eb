"""``trygg import``: translations from an XLIFF file written back into the Markdown and YAML.

Everything is checked first and nothing is written when one unit is refused, so an editor
fixes the file and imports it again. Only what changed is rewritten: a unit that comes back
as it went out leaves its file byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path

from ..languages import load_languages
from ..problems import Problem, ProblemsFound
from ..symlinks import writable
from ..translation import record_translation, split_front_matter
from ..yamlfile import parse_yaml
from . import guard, memory as memories, yamledit
from .markdown import text_hash
from .units import PageView, Unit, collect
from .xliff import Returned, read


def import_translations(root: Path, file: Path, shown: str) -> list[Path]:
    """Write the file's translations into the project; returns the files written."""
    languages = load_languages(root)
    try:
        found, returned = read(file)
    except Exception as error:  # noqa: BLE001 - any parse failure is the file's, not ours
        line = getattr(error, "lineno", None) or 1  # lxml's XMLSyntaxError has the line
        raise ProblemsFound([Problem(shown, line, "xliff-syntax", f"this is not an XLIFF file "
                                     f"that can be read ({getattr(error, 'msg', error)}). The "
                                     "file may be cut short or changed by hand: send back the "
                                     "file the translation tool exported, as XLIFF 1.2.")]) from None
    code = file_language(languages, found, shown)
    language = languages.get(code)
    memory = memories.load(root, code)
    views, units = collect(root, languages, code, memory)
    by_key = {unit.key: unit for unit in units}
    problems: list[Problem] = []
    accepted: dict[str, Returned] = {}
    for item in returned:
        unit = by_key.get(item.key)
        where = f"unit '{item.key}'"
        if unit is None:
            problems.append(Problem(shown, item.line, "unit-unknown", f"{where} is not a unit "
                                    "of today's Swedish text (a page or key was renamed or "
                                    "removed); export the language again."))
        elif item.source != unit.source:
            problems.append(Problem(shown, item.line, "unit-stale", f"{where}: the Swedish "
                                    "text has changed since this file was exported; export "
                                    "again with --changed and translate the new text."))
        elif not (item.done or (item.target.strip() and item.target != (unit.target or ""))):
            continue  # not translated in this file
        elif unit.state == "reviewed" and not unit.changed and not item.human:
            problems.append(Problem(shown, item.line, "unit-older", f"{where}: a person "
                                    "reviewed the translation on the site, and this file "
                                    "brings a machine draft for it (not confirmed by a "
                                    "translator), which would replace the review. The file is "
                                    "older than the last import: export again, or have the "
                                    "translator confirm the unit."))
        else:
            # A new text counts as translated even where a tool left the state as it was.
            # Its script is checked where it is new (a name or a number may stay as it is).
            new_text = item.target not in (unit.target, unit.source)
            found = guard.problems(unit.source, item.target, cell=unit.cell,
                                   markdown=unit.markdown, direction=language.direction,
                                   script=language.script if new_text else None)
            problems += [Problem(shown, item.line, rule, f"{where}: {message}")
                         for rule, message in found]
            if not found:
                accepted[item.key] = item
    texts: dict[str, str] = {}
    for view in views.values():
        page = [u for u in units if u.file == view.sv_file]
        if any(u.key in accepted for u in page):
            text = _page(view, page, accepted, memory, problems)
            if text is not None and text != view.tr_text:
                texts[view.tr_file] = text
    _yaml(root, units, accepted, memory, texts, problems)
    if problems:
        raise ProblemsFound(problems)
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
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return [*written, memories.save(root, code, memory)]


def file_language(languages, found: list[tuple[str | None, int]], shown: str) -> str:
    """The site's language the file is for. A CAT tool may add a region (so-SO, ar-SA);
    every <file> must be for the same language."""
    others = [c for c in languages.codes if c != languages.source.code]
    codes = [((lang or "").replace("_", "-").split("-")[0].lower(), lang, line)
             for lang, line in found or [(None, 1)]]
    for code, lang, line in codes:
        if code not in others:
            raise ProblemsFound([Problem(shown, line, "language-code", f"the file's "
                                         f"target-language '{lang or ''}' is not a translated "
                                         f"language of the site ({', '.join(others)}).")])
        if code != codes[0][0]:
            raise ProblemsFound([Problem(shown, line, "language-code", f"this <file> is for "
                                         f"'{lang}', the first one for '{codes[0][1]}': send "
                                         "one file per language.")])
    return codes[0][0]


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
          texts: dict[str, str], problems: list[Problem]) -> None:
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
            parsed[unit.target_file] = parse_yaml(path.read_text(encoding="utf-8"),
                                                  unit.target_file)
        holder, parent = None, parsed[unit.target_file]
        for key in unit.target_path[:-1]:
            holder, parent = parent, parent.get(key) if isinstance(parent, dict) else None
        last = unit.target_path[-1]
        if isinstance(last, int):
            # An item of a list (the statement's issues): set in place; a missing one is
            # not guessed at.
            text = texts.get(unit.target_file) or path.read_text(encoding="utf-8")
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
        text = texts.get(name) or (root / name).read_text(encoding="utf-8")
        for line, how, key, value in sorted(changes, key=lambda c: c[0], reverse=True):
            text = (yamledit.set_value(text, line, value) if how == "set"
                    else yamledit.set_item(text, line, value) if how == "item"
                    else yamledit.insert_value(text, line, key, value))
        texts[name] = text
