"""``trygg-i18n``: mkdocs-static-i18n, extended through its plugin class, never patched.

Why it exists (and when it can go):
- mkdocs-static-i18n 1.3.x accepts only two-letter locales, so ``ckb`` (Central Kurdish)
  is rejected. We widen the locale option to any BCP 47 language subtag.
- The languages come from ``translations/languages.yml``, not from ``mkdocs.yml``.
- Material has no theme strings for so, ti and ckb; every UI string comes from
  ``translations/<code>.yml`` (see ``overrides/partials/language.html``).
- Material writes ``dir`` only on ``<body>``; we add it to ``<html>``.
- Readers are told when a page is a machine translation, outdated or missing.
It can go when upstream accepts three-letter codes and Material knows all ten languages;
the notices and ``dir`` would then move to hooks.
"""

from __future__ import annotations

import html
import re
from copy import deepcopy
from pathlib import Path, PurePosixPath

from mkdocs import plugins
from mkdocs.config import config_options
from mkdocs.config.base import ValidationError
from markupsafe import Markup
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage
from mkdocs_static_i18n.plugin import I18n

from ..accessibility import render_statements
from ..checklists import render_checklists
from ..contacts import render_contacts
from ..languages import Languages
from ..pdf.books import downloads_for
from ..pdf.links import add_downloads
from ..page_html import edit_page, mark_external_links
from ..problems import ProblemsFound
from ..search_index import split_search_index
from ..sitedata import current_announcement, load_publisher
from ..project import project_at
from ..sources import page_sources
from ..translation import read_page, translation_state
from .template_cache import keep_compiled_templates

_BCP47_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class _Locale(config_options.Type):
    """A BCP 47 language subtag of two or three letters (``ckb`` included)."""

    def run_validation(self, value):
        value = super().run_validation(value)
        if not _BCP47_LANGUAGE.match(value):
            raise ValidationError(f"'{value}' is not a BCP 47 language code")
        return value


class _Language(I18nPluginLanguage):
    locale = _Locale(str)


class _Config(I18nPluginConfig):
    build_only_locale = config_options.Optional(_Locale(str))
    # ``trygg build`` builds each language in its own process (trygg.language_builds): the
    # one language this process builds, with every alternate as in a whole build.
    language_process = config_options.Optional(_Locale(str))
    languages = config_options.ListOfItems(config_options.SubConfig(_Language, validate=True))


class TryggI18n(I18n):
    config_class = _Config

    def load_config(self, options, config_file_path=None):
        self.root = Path(config_file_path).parent if config_file_path else Path.cwd()
        if options.get("languages"):
            return [("languages", ValidationError(
                "the languages are listed in translations/languages.yml; remove them here"))], []
        try:
            # Read once per process (trygg.project): the languages, their UI strings, the
            # contacts, the checklists and the PDFs each page offers (made after the build).
            self.project = project_at(self.root)
        except ProblemsFound as found:
            return [("languages", ValidationError("\n" + str(found)))], []
        self.languages: Languages = self.project.languages
        self.contacts, self.checklists = self.project.contacts, self.project.checklists
        self.books = list(self.project.books)
        options = {**options, "docs_structure": "folder", "languages": [
            {"locale": lang.code, "name": lang.name, "default": lang.is_source, "build": True}
            for lang in self.languages
        ]}
        errors, warnings = super().load_config(options, config_file_path)
        process = self.config.get("language_process")
        if process and process not in self.languages.codes:
            errors.append(("language_process", ValidationError(f"unknown language '{process}'")))
        elif process:
            self.current_language = process  # this process's build is that language's
        return errors, warnings

    def _apply_language(self, config):
        lang = self.languages.get(self.current_language or self.default_language)
        strings = dict(self.project.strings[lang.code])  # MkDocs' config gets its own copy
        config.extra["ui"] = strings
        # Where this language lives under the site root ("" for the source, "ar/" …), for
        # links in templates to our own pages in the reader's language.
        config.extra["language_prefix"] = lang.prefix
        # The languages under their own folder, for the root 404 page (notfound-language.js).
        config.extra["language_folders"] = [code for code in self.languages.codes
                                            if code != self.languages.source.code]
        config.extra["publisher"] = load_publisher(self.root)
        config.extra["announcement"] = current_announcement(self.root, lang.code,
                                                            self.languages.source.code)
        # The 404 page's help numbers: the string is text (escaped), its [[contact]]
        # references become phone links from docs/_data/contacts.yml.
        config.extra["notfound_numbers"] = Markup(render_contacts(
            html.escape(strings["notfound.numbers"], quote=False), lang.code,
            self.languages.source.code, self.contacts))
        # The help page the 404 page links to, where the site has it (small test sites don't).
        help_page = (config.extra.get("pages") or {}).get("help", "")
        source_docs = Path(config.docs_dir) / self.languages.source.code
        config.extra["notfound_help"] = help_page if help_page and any(
            (source_docs / name).exists() for name in (help_page.rstrip("/") + ".md",
                                                       help_page + "index.md")) else ""
        config.site_name = strings["site.name"]
        config.site_description = strings["site.description"]
        config.theme["language"] = lang.code
        return config

    # Material's search plugin renders our language partial during its own on_config,
    # before the i18n plugin's (which runs last): the strings must be there first.
    @plugins.event_priority(110)
    def _on_config_strings(self, config):
        return self._apply_language(config)

    @plugins.event_priority(-100)
    def _on_config_i18n(self, config):
        return self._apply_language(I18n.on_config(self, config))

    on_config = plugins.CombinedEvent(_on_config_strings, _on_config_i18n)

    @plugins.event_priority(50)
    def on_page_markdown(self, markdown, page, config, files):
        markdown = I18n.on_page_markdown(self, markdown, page, config, files)
        # MkDocs hands the theme a title from a page's first heading as HTML text (<, > and &
        # escaped) but one from front matter exactly as typed, and Material prints titles
        # unescaped: give both the same form, so a title is text wherever it is shown.
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = html.escape(page.meta["title"], quote=False)
        # A page shown in the source language (not translated yet) names contacts in it too.
        locale = getattr(page.file, "locale", None) or self.current_language
        source = self.languages.source.code
        markdown = render_checklists(markdown, self.current_language, source, self.checklists,
                                     config.extra["ui"])
        markdown = render_statements(markdown, self.root, config.extra["publisher"],
                                     self.languages.get(self.current_language), source,
                                     config.extra["ui"], config.site_name)
        return render_contacts(markdown, locale, source, self.contacts)

    def on_page_content(self, html, page, config, files):
        html = mark_external_links(html, config.extra["ui"]["link.external"])
        locale = getattr(page.file, "locale", None) or self.current_language
        relative = PurePosixPath(page.file.src_uri).relative_to(locale).as_posix()
        books = downloads_for(self.books, self.current_language, relative)
        return add_downloads(html, books, "../" * page.url.count("/"), config.extra["ui"])

    @plugins.event_priority(-100)
    def on_nav(self, nav, config, files):
        self._nav = I18n.on_nav(self, nav, config, files)
        return self._nav

    def on_env(self, env, config, files):
        # By now every page has been read, so its title (in its language) is known: a
        # section is named by its index page, and mkdocs.yml's section names are only ids.
        I18n.on_env(self, env, config, files)
        _name_sections_after_index_pages(self._nav.items)
        return keep_compiled_templates(env, self.root / ".cache" / "jinja")

    @plugins.event_priority(50)
    def on_page_context(self, context, page, config, nav):
        context = I18n.on_page_context(self, context, page, config, nav)
        lang = self.languages.get(self.current_language)
        context["page_sources"] = self._page_sources(page, lang, config)
        if lang.is_source:
            return context
        locale = getattr(page.file, "locale", lang.code)
        relative = PurePosixPath(page.file.src_uri).relative_to(locale)
        source_file = self.root / config.docs_dir / self.languages.source.code / relative
        source_text = source_file.read_text(encoding="utf-8") if source_file.exists() else None
        state = translation_state(page.meta, source_text, missing=locale != lang.code)
        context["translation_state"] = state
        context["source_language"] = self.languages.source
        source = page.file.alternates.get(self.languages.source.code)
        context["source_url"] = source.url if source else ""
        return context

    def _page_sources(self, page, lang, config):
        # A translation shows its Swedish page's sources: the list is kept in one place.
        locale = getattr(page.file, "locale", lang.code)
        relative = PurePosixPath(page.file.src_uri).relative_to(locale)
        source = self.root / config.docs_dir / self.languages.source.code / relative
        if locale == self.languages.source.code:
            meta = page.meta
        else:
            meta = read_page(source, relative.as_posix()).meta if source.exists() else {}
        return page_sources(meta, self.project.sources, lang.code,
                            lambda code: self.languages.get(code).direction)

    def on_template_context(self, context, template_name, config):
        context = I18n.on_template_context(self, context, template_name, config)
        if template_name == "404.html":
            # A missing page has no version in another language: no hreflang alternates in
            # its head, and the language menu leads to each language's home page. (Left
            # alone, both would name the last page built in the previous language.)
            context["trygg_switcher"] = deepcopy(self.extra_alternate)
            # (An attribute, as the i18n plugin sets it: LegacyConfig keeps attributes and
            # items apart, and templates read the attribute.)
            config.extra.alternate = []
        return context

    @plugins.event_priority(-100)
    def on_post_page(self, output, page, config):
        output = I18n.on_post_page(self, output, page, config)
        alternates = ((page.url, config.site_url, self.languages.source.code)
                      if config.site_url else None)
        return edit_page(output, direction=self.languages.get(self.current_language).direction,
                         csp=True, alternates=alternates)

    @plugins.event_priority(-100)
    def on_post_build(self, config):
        outer = not self.building  # the i18n plugin builds the other languages from here
        if self.config.language_process:
            # One language per process: the other languages are built by other processes,
            # and trygg.language_builds merges the search indexes and sitemaps after them.
            self.building = True
            I18n.on_post_build(self, config)
            self.building = False
            return
        I18n.on_post_build(self, config)
        if outer and not self.config.build_only_locale and (
                Path(config.site_dir) / "search" / "search_index.json").exists():
            split_search_index(Path(config.site_dir), self.languages, self.project.strings)

    @plugins.event_priority(-100)
    def on_post_template(self, output, template_name, config):
        if not template_name.endswith(".html"):
            return output
        lang = self.languages.get(self.current_language)
        output = edit_page(output, direction=lang.direction, csp=True)
        if template_name == "404.html" and lang.code != self.default_language:
            # Every language build writes site/404.html; the root one stays Swedish, and each
            # language gets its own under /<code>/ (its links are absolute, so it works there).
            target = Path(config.site_dir) / lang.code / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
            return ""
        return output


def _name_sections_after_index_pages(items) -> None:
    for item in items:
        if getattr(item, "is_section", False):
            index = next((c for c in item.children if getattr(c, "is_index", False)), None)
            if index is not None and index.title:
                item.title = index.title
            _name_sections_after_index_pages(item.children)
