"""Change one value in a YAML file and leave every other byte alone: comments, order,
quoting and the layout an editor chose stay as they were."""

from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"^(\s*(?:-\s+)?(?:\"[^\"]*\"|'[^']*'|[^\s#'\"][^#]*?))\s*:(?:\s|$)")


def scalar(value: str) -> str:
    """``value`` as one line of YAML, quoted only where YAML needs it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=float("inf"), default_style=None)
    return dumped.removesuffix("\n").removesuffix("\n...")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _span_end(lines: list[str], index: int) -> int:
    """The index after the value that starts on ``lines[index]`` (its continuation lines are
    indented deeper than its key; blank lines between them belong to it)."""
    end = index + 1
    j = end
    while j < len(lines):
        if not lines[j].strip():
            j += 1
            continue
        if _indent(lines[j]) <= _indent(lines[index]):
            break
        j += 1
        end = j
    return end


def set_value(text: str, line: int, value: str) -> str:
    """The text with the value of the key on (1-based) ``line`` replaced by ``value``."""
    lines = text.splitlines(keepends=True)
    index = line - 1
    key = _KEY.match(lines[index])
    if key is None:
        raise ValueError(f"line {line} has no 'key:'")
    ending = "\n" if lines[index].endswith("\n") else ""
    comment = re.search(r"\s+#\s.*$", lines[index].rstrip("\n"))
    end = _span_end(lines, index)
    kept = comment.group(0) if comment and end == index + 1 and _comment_outside(lines[index], comment) else ""
    lines[index:end] = [f"{key.group(1)}: {scalar(value)}{kept}{ending}"]
    return "".join(lines)


def _comment_outside(line: str, comment: re.Match) -> bool:
    """Whether a '  # …' at the end of a line is a comment, not part of a quoted value."""
    try:
        before = yaml.safe_load(line[: comment.start()].split(":", 1)[1])
        after = yaml.safe_load(line.split(":", 1)[1])
    except yaml.YAMLError:
        return False
    return before == after


def insert_value(text: str, after_line: int, key: str, value: str) -> str:
    """The text with ``key: value`` added after the value on (1-based) ``after_line``, at
    that key's indentation (a new language beside the others)."""
    lines = text.splitlines(keepends=True)
    index = after_line - 1
    end = _span_end(lines, index)
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    indent = " " * _indent(lines[index])
    lines.insert(end, f"{indent}{key}: {scalar(value)}\n")
    return "".join(lines)


def item_lines(text: str, key_line: int) -> list[int]:
    """The (1-based) lines of the items ``- …`` of the list under the key on ``key_line``
    (the items may sit at the key's own indentation, as YAML allows)."""
    lines = text.splitlines(keepends=True)
    base, items, indent = _indent(lines[key_line - 1]), [], None
    for number, line in enumerate(lines[key_line:], start=key_line + 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        is_item = line.lstrip().startswith("- ")
        if indent is None:
            if not (is_item and _indent(line) >= base):
                break
            indent = _indent(line)
        if is_item and _indent(line) == indent:
            items.append(number)
        elif _indent(line) <= indent:
            break
    return items


def set_item(text: str, line: int, value: str) -> str:
    """The text with the list item on (1-based) ``line`` replaced by ``value`` (its
    continuation lines go with it)."""
    lines = text.splitlines(keepends=True)
    index = line - 1
    dash = re.match(r"^\s*-\s+", lines[index])
    if dash is None:
        raise ValueError(f"line {line} is not a list item '- …'")
    ending = "\n" if lines[index].endswith("\n") else ""
    lines[index:_span_end(lines, index)] = [f"{dash.group(0)}{scalar(value)}{ending}"]
    return "".join(lines)
