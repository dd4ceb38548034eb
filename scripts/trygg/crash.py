"""What an editor sees when trygg itself fails: the file it was reading and how to report the
fault, never a Python traceback (those are for developers, who can ask for one, below)."""

from __future__ import annotations

import os
import traceback

REPORT = ("This is a fault in trygg, not something you did wrong. Please report it to the "
          "site's developers (an issue in the project's repository) with this message and the "
          "command you ran; run it again with TRYGG_DEBUG=1 to add the details they need.")

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


def mkdocs_stopped(error: str) -> str:
    """What an editor reads when MkDocs (or a plugin in it) failed unexpectedly."""
    return f"MkDocs stopped with an unexpected error: {error}\n{REPORT}\n"
