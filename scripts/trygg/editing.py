"""The editors' changes to the project: a new page, a new language, a translation recorded
as up to date or reviewed. Each returns the files it wrote, and checks before it writes."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path, PurePosixPath

import yaml
from babel import Locale, UnknownLocaleError

from .languages import LANGUAGES_FILE, Languages, load_languages
from .problems import Problem, ProblemsFound
from .strings import load_strings, required_keys, strings_file
from .symlinks import writable
from .translation import read_page, record_translation

_PAGE_PATH = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


def _error(path: str, rule: str, message: str, line: int = 1) -> ProblemsFound:
    return ProblemsFound([Problem(path, line, rule, message)])


def page_path(name: str) -> PurePosixPath:
    """gangsnacket/varningstecken or …/varningstecken.md, checked: Swedish words in ASCII."""
    name = name.strip().strip("/").removesuffix(".md")
    if not _PAGE_PATH.match(name):
        raise _error(name or "(empty)", "page-name", "name pages with lower-case ASCII words "
                     "joined by '-', in folders: e.g. gangsnacket/varningstecken (å, ä, ö "
                     "become a, a, o).")
    return PurePosixPath(name + ".md")


def new_page(root: Path, name: str, title: str, description: str | None = None) -> list[Path]:
    languages = load_languages(root)
    relative = page_path(name)
    if not title.strip():
        raise _error(str(relative), "page-title", "give the page a title in Swedish: make "
                     f'new-page PAGE={relative.with_suffix("")} TITLE="Sidans namn".')
    source = root / "docs" / languages.source.code / relative
    if source.exists():
        raise _error(f"docs/{languages.source.code}/{relative}", "page-exists",
                     "this page exists already; edit it, or choose another name.")
    nav_text = _nav_with(root, relative)
    text = (f"---\ntitle: {_yaml_scalar(title)}\ndescription: {_yaml_scalar(description or title)}"
            f"\n---\n\n# {title}\n\nSkriv här vem sidan är för och vad den handlar om.\n")
    # Only the Swedish page: in every other language the page is missing until someone
    # translates it, so readers there see the current Swedish text (the i18n fallback).
    for path in (source, root / "mkdocs.yml"):
        writable(root, path)  # never through a symbolic link (README, "The source rules")
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(nav_text, encoding="utf-8")
    return [source, root / "mkdocs.yml"]


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=1000).strip().removesuffix("\n...")


def _nav_with(root: Path, relative: PurePosixPath) -> str:
    """mkdocs.yml with the page added at the end of its folder's section."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    lines = text.split("\n")
    folder = str(relative.parent)
    if folder == ".":
        anchor = next((i for i, line in enumerate(lines) if line.strip() == "- index.md"), None)
    else:
        anchor = next((i for i, line in enumerate(lines)
                       if line.strip() == f"- {folder}/index.md"), None)
    if anchor is None:
        raise _error("mkdocs.yml", "nav-section", f"the navigation has no section for "
                     f"'{folder}/' (a line '- {folder}/index.md'); create the section's index "
                     "page and nav entry first.")
    indent = len(lines[anchor]) - len(lines[anchor].lstrip())
    end = anchor + 1
    while end < len(lines) and lines[end].strip() and (
            len(lines[end]) - len(lines[end].lstrip()) > indent
            or (len(lines[end]) - len(lines[end].lstrip()) == indent
                and lines[end].lstrip().startswith("- ") and ":" not in lines[end])):
        end += 1
    lines.insert(end, " " * indent + f"- {relative}")
    return "\n".join(lines)


def new_language(root: Path, code: str) -> list[Path]:
    languages = load_languages(root)
    shown = LANGUAGES_FILE.as_posix()
    if not re.match(r"^[a-z]{2,3}$", code):
        raise _error(shown, "language-code", f"'{code}' is not a BCP 47 language code (two or "
                     "three lower-case letters, e.g. 'fi').")
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise _error(shown, "language-code", f"'{code}' is not a language CLDR knows.") from None
    if code in languages.codes:
        raise _error(shown, "language-code", f"'{code}' is already a language of the site.")
    partials = files("material") / "templates" / "partials" / "languages"
    material = code if (partials / f"{code}.html").is_file() else None
    lunr = files("material") / "templates" / "assets" / "javascripts" / "lunr" / "min"
    search = code if (lunr / f"lunr.{code}.min.js").is_file() else None
    entry = (f"  - code: {code}\n    material: {material or 'null'}\n"
             f"    search: {search or 'null'}\n    status: in-progress\n")
    languages_path = root / LANGUAGES_FILE
    writable(root, languages_path)
    writable(root, root / strings_file(languages.source).with_name(f"{code}.yml"))
    current = languages_path.read_text(encoding="utf-8")
    languages_path.write_text(current.rstrip("\n") + "\n" + entry, encoding="utf-8")
    written = [languages_path]
    written.append(_new_strings(root, languages, code, material))
    # No pages: each is missing until translated, and readers see the current Swedish one.
    return written


def _new_strings(root: Path, languages: Languages, code: str, material: str | None) -> Path:
    """translations/<code>.yml with every key: Material's own translation where it has one,
    else empty, with the Swedish text beside it as a guide for the translator."""
    theirs = {}
    if material:
        partial = files("material") / "templates" / "partials" / "languages" / f"{material}.html"
        import json

        pattern = re.compile(r'^\s*"([^"]+)":\s*("(?:[^"\\]|\\.)*")', re.M)
        theirs = {k: json.loads(v) for k, v in pattern.findall(partial.read_text("utf-8"))}
    source = load_strings(root, languages.source)
    keys = list(source) + sorted(required_keys(root, languages) - set(source))
    lines = [f"# UI strings for {code}: flat dotted keys, the same keys in every language file.",
             "# Fill every empty value; the Swedish text is in the comment beside it."]
    for key in keys:
        value = theirs.get(key, "")
        guide = str(source.get(key, "")).replace("\n", " ")
        lines.append(f"{key}: {_yaml_scalar(value) if value else chr(39) * 2}  # sv: {guide}")
    path = root / strings_file(languages.source).with_name(f"{code}.yml")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(root: Path, code: str, name: str, reviewed: bool = False) -> Path:
    """Record that the translation in ``code`` matches today's source page (and, when
    ``reviewed``, that a person has checked it). A page without a status becomes 'machine'."""
    languages = load_languages(root)
    relative = page_path(name)
    if code not in languages.codes or code == languages.source.code:
        raise _error(LANGUAGES_FILE.as_posix(), "language-code", f"'{code}' is not a "
                     f"translated language of the site ({', '.join(languages.codes[1:])}).")
    source = root / "docs" / languages.source.code / relative
    target = root / "docs" / code / relative
    if not source.exists():
        index = source.with_suffix("") / "index.md"
        hint = (f" A folder's own page is {relative.with_suffix('') / 'index.md'}."
                if index.exists() else "")
        raise _error(source.relative_to(root).as_posix(), "page-missing", "no such page." + hint)
    if not target.exists():
        raise _error(target.relative_to(root).as_posix(), "page-missing", "this page is not "
                     f"translated yet: copy docs/{languages.source.code}/{relative} here, "
                     "translate it, then run this command again.")
    shown = target.relative_to(root).as_posix()
    meta = read_page(target, shown).meta
    status = (meta.get("translation") or {}).get("status")
    new_status = "reviewed" if reviewed else ("machine" if status not in ("machine", "reviewed")
                                              else None)
    text = record_translation(target.read_text(encoding="utf-8"),
                              source.read_text(encoding="utf-8"), status=new_status)
    writable(root, target).write_text(text, encoding="utf-8")
    return target
