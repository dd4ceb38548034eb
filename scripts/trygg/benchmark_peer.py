"""The peer the benchmark measures us against: stock Material with mkdocs-static-i18n, as a
site owner would set them up, building the same ``docs/`` with the same Markdown extensions
and navigation, none of our plugin, hooks or theme changes.

Two things are let through for the peer only, or it would not build these languages at all:
mkdocs-static-i18n's locale pattern is widened in the peer's process so that it accepts
``ckb`` (our plugin does that by subclassing), and so, ti and ckb, for which Material has no
theme strings, get a language file that takes Material's English strings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from .languages import load_languages

# The peer's process: the locale pattern widened, then MkDocs' own command line.
_RUN = ("import re, sys, mkdocs_static_i18n.config as c; "
        "c.RE_LOCALE = re.compile(r'^[a-z]{2,3}$'); "
        "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()")
_ENGLISH = ('{% import "partials/languages/en.html" as en %}'
            '{% macro t(key) %}{{ en.t(key) }}{% endmacro %}\n')


def write_peer(root: Path, folder: Path) -> Path:
    """A peer project in ``folder`` around ``root``'s docs; returns its mkdocs.yml."""
    ours = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    languages = load_languages(root)
    theme_dir = folder / "theme"
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
    for lang in languages:
        if not (material / f"{lang.code}.html").exists():
            target = theme_dir / "partials" / "languages" / f"{lang.code}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_ENGLISH, encoding="utf-8")
    config = {
        "site_name": "Trygga barn", "site_url": "https://trygga-barn.example/",
        "docs_dir": str((root / "docs").resolve()), "exclude_docs": "/_data/\n",
        "use_directory_urls": True,
        "theme": {"name": "material", "custom_dir": str(theme_dir), "language": "sv",
                  "font": False},
        "plugins": ["search", {"i18n": {
            "docs_structure": "folder", "fallback_to_default": True,
            "reconfigure_material": True, "reconfigure_search": True,
            "languages": [{"locale": lang.code, "name": lang.name, "default": lang.is_source,
                           "build": True} for lang in languages]}}],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": ours["nav"],
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def peer_command(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-c", _RUN, "build", "--quiet", "--config-file", str(config),
            "--site-dir", str(site_dir)]


def build_peer(config: Path, site_dir: Path) -> None:
    subprocess.run(peer_command(config, site_dir), check=True, cwd=config.parent,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: its !ENV and Python tags kept as they are written."""


def _tagged(loader, suffix, node):
    value = (loader.construct_sequence(node, deep=True) if isinstance(node, yaml.SequenceNode)
             else loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode)
             else loader.construct_scalar(node))
    return _Tag(node.tag, value)


class _Tag:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def _represent_tag(dumper, data):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
yaml.add_representer(_Tag, _represent_tag)
