"""Read YAML and remember the line of every mapping key, for messages that point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, ProblemsFound


class LineDict(dict):
    """A dict that knows the 1-based line of each of its keys (``lines[key]``)."""

    lines: dict[Any, int]
    start_line: int


# libyaml's loader when PyYAML has it (several times faster on every page's front matter),
# with the same safe constructors and the same line marks.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.lines = {}
    result.start_line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path, shown: str | None = None) -> str:
    """The file's text; a file that is not UTF-8 is a problem at the line of the first bad byte."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemsFound([Problem(
            shown or str(path), line, "file-encoding",
            "this file is not UTF-8 text. Save it as UTF-8 (in most editors: "
            "'Save with encoding' > UTF-8).",
        )]) from None


def parse_yaml(text: str, shown: str, first_line: int = 1) -> Any:
    """Parse YAML text; a syntax error names the line (offset by ``first_line``) and the fix."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        # The context (e.g. the '[' that was never closed) is where an editor's mistake is;
        # the problem mark is where the parser gave up, often the line after.
        mark = error.context_mark or error.problem_mark
        line = (mark.line if mark else 0) + first_line
        what = " ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
        raise ProblemsFound([Problem(
            shown, line, "yaml-syntax",
            f"this is not valid YAML ({what}). Check the indentation and put text that "
            "contains ':' or '#' in quotes.",
        )]) from None
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


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
