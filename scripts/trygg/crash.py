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


def template_failed(code: str | None, error: BaseException) -> str | None:
    """A theme template MkDocs could not read or render (jinja2.TemplateError), told at its
    file and line as an editor's finding, not as a fault in trygg: the source rules catch a
    template's syntax first (theme_templates), so this is what they cannot see (a template
    included by a name that is not there, a filter that is not there, a syntax Jinja only
    meets when rendering). None for any other error."""
    import jinja2

    if not isinstance(error, jinja2.TemplateError):
        return None
    where = getattr(error, "filename", None) or getattr(error, "name", None) or "overrides/"
    line = getattr(error, "lineno", None) or 1
    message = str(getattr(error, "message", None) or error).rstrip(".")
    if isinstance(error, jinja2.TemplateNotFound):
        message = f"no template named '{error.name}' in overrides/ or the theme"
    return (f"{_shown(where)}:{line}: template-error: ({code or 'site'}) {message}; fix the "
            "template (its name, its tags and the filters it uses), then build again.\n")


def _shown(filename: str) -> str:
    """The template's path as the editor knows it (overrides/…), not the absolute one."""
    parts = filename.replace(os.sep, "/").split("/")
    return "/".join(parts[parts.index("overrides"):]) if "overrides" in parts else filename
