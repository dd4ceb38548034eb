"""Read YAML and remember the line of every mapping key, for messages that point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .crash import note_reading
from .problems import Problem, ProblemsFound


class LineDict(dict):
    """A dict that knows the 1-based line of each of its keys (``lines[key]``)."""

    lines: dict[Any, int]
    start_line: int


# libyaml's loader when PyYAML has it (several times faster on every page's front matter),
# with the same safe constructors and the same line marks.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


# Identifiers are text whatever they look like: a source hash of twelve digits is not a
# number, a phone number keeps its leading zero, and the language code 'no' is not false.
IDENTIFIER_KEYS = frozenset({"source", "code", "number", "organisation_number"})
_NOT_TEXT = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                       "tag:yaml.org,2002:bool"})


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.lines = {}
    result.start_line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result.lines:
            # YAML itself would let the last value win without a word.
            loader.duplicates.append((line, key, result.lines[key]))
            continue
        if (key in IDENTIFIER_KEYS and isinstance(value_node, yaml.ScalarNode)
                and value_node.tag in _NOT_TEXT):
            result[key] = value_node.value
        else:
            result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path, shown: str | None = None) -> str:
    """The file's text; a file that is not UTF-8 is a problem at the line of the first bad byte."""
    note_reading(shown or str(path))
    if not path.is_file():
        raise ProblemsFound([Problem(shown or str(path), 1, "file-missing", "this file is "
                                     "missing; restore it (git restore <file> brings back the "
                                     "last committed version) or undo its rename.")])
    raw = path.read_bytes()
    try:
        return normal_text(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemsFound([Problem(
            shown or str(path), line, "file-encoding",
            "this file is not UTF-8 text. Save it as UTF-8 (in most editors: "
            "'Save with encoding' > UTF-8).",
        )]) from None


def normal_text(text: str) -> str:
    """Text as the rules read it: without a byte-order mark, with '\\n' line ends. Editors on
    Windows save both, and neither changes what a reader sees (MkDocs reads files the same
    way), so neither may change a rule's answer or a page's translation state."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, shown: str, first_line: int = 1, loader_class: type = _Loader) -> Any:
    """Parse YAML text; a syntax error names the line (offset by ``first_line``) and the fix."""
    loader = loader_class(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        # The context (e.g. the '[' or quote that was never closed) is where an editor's
        # mistake is, and the problem mark where the parser gave up, often the line after;
        # but a block's context is its first line, far above a line indented wrongly.
        # A tab is where it is, not where the text before it began.
        context = getattr(error, "context", None) or ""
        problem_mark = getattr(error, "problem_mark", None)
        tab = "tab" in (getattr(error, "problem", None) or "") or _tab_indent(text, problem_mark)
        mark = None if context.startswith("while parsing a block") or tab else (
            getattr(error, "context_mark", None))
        mark = mark or problem_mark
        line = (mark.line if mark else 0) + first_line
        what = " ".join(filter(None, [getattr(error, "context", None),
                                      getattr(error, "problem", None)])) or str(error)
        raise ProblemsFound([Problem(
            shown, line, "yaml-syntax",
            f"this is not valid YAML ({what}). "
            + ("Indent with spaces, never with the Tab key." if tab else
               "Check the indentation and put text that contains ':' or '#' in quotes."),
        )]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise ProblemsFound([Problem(
            shown, line + first_line - 1, "yaml-duplicate-key",
            f"'{key}' is written twice (first on line {first + first_line - 1}); YAML would "
            "silently keep only the last one. Keep one and delete the other.",
        ) for line, key, first in loader.duplicates])
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _tab_indent(text: str, mark) -> bool:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return False
    line = lines[mark.line]
    return "\t" in line[: len(line) - len(line.lstrip())]


def _shift_lines(data: Any, offset: int) -> None:
    """Make line numbers count from the file's start when the YAML began further down."""
    if isinstance(data, LineDict):
        data.start_line += offset
        data.lines = {key: line + offset for key, line in data.lines.items()}
    for value in (data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()):
        _shift_lines(value, offset)


def load_yaml(path: Path, shown: str | None = None) -> Any:
    shown = shown or str(path)
    return parse_yaml(read_text(path, shown), shown)


def load_mapping(path: Path, shown: str | None = None) -> LineDict:
    """A data file that must be 'key: value' lines; an empty file is an empty mapping."""
    shown = shown or str(path)
    data = load_yaml(path, shown)
    if data is None:
        data = LineDict()
        data.lines, data.start_line = {}, 1
    if not isinstance(data, dict):
        raise ProblemsFound([Problem(shown, 1, "yaml-shape", "this file must be 'key: value' "
                                     "lines at its top level (it starts with a list or plain "
                                     "text); compare it with the example at its top or in git.")])
    return data
