"""The theme's templates compiled once, not again in every language's build.

Jinja turns a template into Python code the first time it is used. Each language is its own
MkDocs process (language_builds.py), so each compiled Material's templates again: about a
quarter of a language's build. Jinja's own file cache keeps the compiled code in
``.cache/jinja/``; its key here is the template, its file and everything the compiled code
depends on besides the source (which Jinja checks itself): Jinja's version, the
environment's options, extensions, filters and tests, and the versions of the packages that
give them. When any of these changes, the template is compiled again.
"""

from __future__ import annotations

from hashlib import sha256
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

PACKAGES = ("jinja2", "mkdocs", "mkdocs-material", "mkdocs-static-i18n")
OPTIONS = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline", "optimized", "autoescape")


def _name(value) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


# Read once, when MkDocs loads the plugin (before the language builds fork, so they inherit
# it): importlib.metadata reads the packages' files on every call, which made a tenth of a
# language's build when it was asked for each template.
VERSIONS = tuple(f"{package} {_version(package)}" for package in PACKAGES)


def environment_fingerprint(env: jinja2.Environment) -> str:
    parts = list(VERSIONS)
    for option in OPTIONS:
        value = getattr(env, option, None)
        parts.append(f"{option}={_name(value) if callable(value) else repr(value)}")
    parts += sorted(f"extension {key}" for key in env.extensions)
    parts += sorted(f"filter {key}={_name(value)}" for key, value in env.filters.items())
    parts += sorted(f"test {key}={_name(value)}" for key, value in env.tests.items())
    return sha256("\n".join(parts).encode("utf-8")).hexdigest()


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment too (read when a template is loaded, so
    an extension a plugin adds later still counts)."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = sha256("\0".join((environment_fingerprint(environment), name, filename or ""))
                     .encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def keep_compiled_templates(env: jinja2.Environment, directory: Path) -> jinja2.Environment:
    env.bytecode_cache = CompiledTemplates(directory)
    return env
