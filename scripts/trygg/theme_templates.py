"""Source rule: the theme's templates (overrides/) must be valid Jinja, checked before any
build, so that a missing ``{% endif %}`` is one finding at its file and line, not ten
languages' builds stopping with an "unexpected error" blamed on trygg.

Only the syntax is checked (``Environment.parse``): the same tags MkDocs' own environment
knows, no more. MkDocs adds ``jinja2.ext.i18n`` (``{% trans %}``, with Babel installed) and
mkdocs-static-i18n adds ``jinja2.ext.loopcontrols`` (``{% break %}``, ``{% continue %}``);
filters and variables are not part of the syntax, so a template using ours parses here.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .problems import Problem

THEME = "overrides"  # mkdocs.yml's theme.custom_dir
# What MkDocs renders from the theme folder: every .html (templates and partials) and the
# static templates besides them (MkDocs' own sitemap.xml); the rest is copied as it is.
RENDERED = ("*.html", "sitemap.xml")
EXTENSIONS = ("jinja2.ext.i18n", "jinja2.ext.loopcontrols")

FIX = ("fix the template: every {% if %} needs its {% endif %}, every {% for %} its "
       "{% endfor %}, every {% block %} its {% endblock %}, and '{{' and '{%' are closed by "
       "'}}' and '%}'.")


def template_problems(root: Path) -> list[Problem]:
    theme = root / THEME
    if not theme.is_dir() or theme.is_symlink():  # a linked folder: file-symlink
        return []
    env = jinja2.Environment(extensions=EXTENSIONS)
    problems = []
    paths = sorted({path for pattern in RENDERED for path in theme.rglob(pattern)})
    for path in paths:
        if not path.is_file() or path.is_symlink():  # a link is symlinks.py's finding
            continue
        shown = path.relative_to(root).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, "template-encoding", "the template is not "
                                    "UTF-8 text; save it as UTF-8 in your editor."))
            continue
        try:
            env.parse(source, path.name, shown)
        except jinja2.TemplateSyntaxError as error:
            problems.append(Problem(shown, error.lineno or 1, "template-syntax",
                                    f"{(error.message or '').rstrip('.')}; {FIX}"))
    return problems
