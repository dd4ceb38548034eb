"""Rules for a file and a unit that come back which are not about what a unit's text may
contain (that is guard.py): the file's language, a text copied from the Swedish, a link
retargeted by ``trygg move-page`` since the file was exported, and a file's byte-order mark
and line endings, kept as they were."""

from __future__ import annotations

import re
from pathlib import Path

from ..problems import Problem, ProblemsFound
from ..yamlfile import normal_text

_TOKEN = re.compile(r"\[\[[^\]\n]+\]\]")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_TAG = re.compile(r"<[^>\n]*>")
# A Markdown link's address (inline links, as move-page retargets them).
_ADDRESS = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_WORD = re.compile(r"[^\W\d_]+")


def copied_source(source: str, target: str) -> bool:
    """Whether ``target`` is its Swedish source copied over ("copy source to target" in a CAT
    tool): the same text with two or more words of letters, at least one of them lowercase.
    A name (Bris, Rädda Barnen, 1177 Vårdguiden), a number, an address or one word may
    rightly stay as in Swedish; a sentence may not."""
    if target.strip() != source.strip():
        return False
    text = _ADDRESS.sub(r"\1", _TOKEN.sub(" ", target))  # link addresses are not words
    words = _WORD.findall(_TAG.sub(" ", _PLACEHOLDER.sub(" ", text)))
    return len(words) >= 2 and any(word[0].islower() for word in words)


def retargeted(old_source: str, new_source: str, target: str) -> str | None:
    """``target`` with its link addresses moved as the Swedish ones were, when the Swedish
    text differs from ``old_source`` only in link addresses (``trygg move-page`` since the
    export); else None."""
    old, new = _ADDRESS.findall(old_source), _ADDRESS.findall(new_source)
    if (len(old) != len(new) or old == new
            or _ADDRESS.sub(r"\1", old_source) != _ADDRESS.sub(r"\1", new_source)):
        return None
    moved = {a: b for (_, a), (_, b) in zip(old, new) if a != b}
    return _ADDRESS.sub(lambda m: m.group(1) + moved.get(m.group(2), m.group(2)), target)


class Form:
    """A file's byte-order mark and line endings: read as plain text (as MkDocs reads it),
    written back as they were, so that an import changes only the units' text."""

    def __init__(self, raw: str = ""):
        self.bom = raw.startswith("\ufeff")
        self.crlf = "\r\n" in raw

    def restore(self, text: str) -> str:
        text = text.replace("\n", "\r\n") if self.crlf else text
        return "\ufeff" + text if self.bom else text

    def write(self, path: Path, text: str) -> None:
        path.write_bytes(self.restore(text).encode("utf-8"))


def read(path: Path) -> tuple[str, Form]:
    """The file's text as the rules read it (no BOM, '\\n' line ends), and its form."""
    raw = path.read_bytes().decode("utf-8")  # read_text would turn '\r\n' into '\n' unseen
    return normal_text(raw), Form(raw)


def file_language(languages, found: list[tuple[str | None, int]], shown: str,
                  expected: str) -> str:
    """The site's language the file is for, which must be the one the editor named
    (``expected``): a file for another language would overwrite that language's pages. A CAT
    tool may add a region (so-SO, ar-SA); every <file> must be for the same language."""
    others = [c for c in languages.codes if c != languages.source.code]
    if expected not in others:
        raise ProblemsFound([Problem(shown, 1, "language-code", f"--lang {expected}: not a "
                                     f"translated language of the site; use one of "
                                     f"{', '.join(others)}.")])
    codes = [((lang or "").replace("_", "-").split("-")[0].lower(), lang, line)
             for lang, line in found or [(None, 1)]]
    for code, lang, line in codes:
        if code not in others:
            raise ProblemsFound([Problem(shown, line, "language-code", f"the file's "
                                         f"target-language '{lang or ''}' is not a translated "
                                         f"language of the site ({', '.join(others)}).")])
        if code != codes[0][0]:
            raise ProblemsFound([Problem(shown, line, "language-code", f"this <file> is for "
                                         f"'{lang}', the first one for '{codes[0][1]}': send "
                                         "one file per language.")])
    if codes[0][0] != expected:
        raise ProblemsFound([Problem(shown, codes[0][2], "language-code", f"this file is for "
                                     f"'{codes[0][1]}' (its target-language), not for "
                                     f"'{expected}' as --lang says: check that it is the file "
                                     "you meant, and import it with its own language's --lang "
                                     f"(or ask the agency for the {expected} file).")])
    return codes[0][0]
