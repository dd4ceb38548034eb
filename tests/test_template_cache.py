"""The theme's templates, compiled once and kept in .cache/jinja/: a build after the first
reads them from there, and a changed template, extension or filter is compiled again."""

import jinja2

from conftest import FIXTURES, build_or_fail, make_project, replace
from trygg.mkdocs_glue.template_cache import (CompiledTemplates, environment_fingerprint,
                                               keep_compiled_templates)


def test_a_changed_template_shows_in_the_next_build_although_compiled_code_is_kept(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    site = build_or_fail(project)
    kept = sorted((project / ".cache" / "jinja").iterdir())
    assert kept, "the first build keeps the compiled templates"
    assert "trygg-footer-marker" not in (site / "index.html").read_text(encoding="utf-8")
    replace(project / "overrides" / "partials" / "copyright.html", "{#",
            '<span class="trygg-footer-marker"></span>{#')
    site = build_or_fail(project)
    for page in ("index.html", "ar/index.html", "ti/index.html"):
        assert "trygg-footer-marker" in (site / page).read_text(encoding="utf-8"), page


def test_the_same_template_in_another_environment_is_compiled_again(tmp_path):
    loader = jinja2.DictLoader({"page.html": "{% for x in items %}{{ x|shout }}{% endfor %}"})

    def environment(shout, *extensions):
        env = jinja2.Environment(loader=loader, extensions=list(extensions))
        env.filters["shout"] = shout
        return keep_compiled_templates(env, tmp_path / "jinja")

    def upper(text):
        return text.upper()

    def lower(text):
        return text.lower()

    first = environment(upper)
    assert first.get_template("page.html").render(items=["a"]) == "A"
    assert len(list((tmp_path / "jinja").iterdir())) == 1
    # Another filter function or another extension: another key, never the kept code.
    assert environment_fingerprint(environment(lower)) != environment_fingerprint(first)
    assert environment_fingerprint(environment(upper, "jinja2.ext.loopcontrols")) != \
        environment_fingerprint(first)
    assert environment(lower).get_template("page.html").render(items=["B"]) == "b"
    assert len(list((tmp_path / "jinja").iterdir())) == 2
    assert isinstance(first.bytecode_cache, CompiledTemplates)
