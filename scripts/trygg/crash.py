"""What an editor sees when trygg itself fails: the file it was reading and how to report the
fault, never a Python traceback (those are for developers, who can ask for one, below)."""

from __future__ import annotations

import os
import traceback

REPORT = ("This is a fault in trygg, not something you did wrong. Please report it to the "
          "site's developers (an issue in the project's repository) with this message and the "
          "command you ran; run it again with TRYGG_DEBUG=1 to add the details they need.")
_TRACEBACK = "Traceback (most recent call last):"

# The file trygg opened last (set by yamlfile.read_text and by every page read), so that an
# unexpected error can say where it happened.
reading: list[str] = []


def note_reading(shown: str) -> None:
    reading[:] = [shown]


def unexpected(error: BaseException) -> str:
    where = f" while reading {reading[0]}" if reading else ""
    text = f"trygg: unexpected error{where}: {type(error).__name__}: {error}\n{REPORT}"
    if os.environ.get("TRYGG_DEBUG"):
        text = "".join(traceback.format_exception(error)) + text
    return text


class TracebackFilter:
    """Passes a child process's messages (MkDocs') line by line, each traceback replaced by
    its last line and the way to report it."""

    def __init__(self) -> None:
        self.inside = False

    def feed(self, line: str) -> str:
        if os.environ.get("TRYGG_DEBUG"):
            return line
        if line.startswith(_TRACEBACK):
            self.inside = True
            return ""
        if not self.inside:
            return line
        if line.strip() and not line.startswith((" ", "\t", "During handling",
                                                 "The above exception", _TRACEBACK)):
            self.inside = False  # the exception's own line ends the traceback
            return mkdocs_stopped(line.strip())
        return ""


def mkdocs_stopped(error: str) -> str:
    """What an editor reads when MkDocs (or a plugin in it) failed unexpectedly."""
    return f"MkDocs stopped with an unexpected error: {error}\n{REPORT}\n"


def without_traceback(output: str) -> str:
    lines = TracebackFilter()
    return "".join(lines.feed(line) for line in output.splitlines(keepends=True))
