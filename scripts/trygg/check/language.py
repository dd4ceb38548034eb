"""Language: every page says its language and direction; other-language text says its own."""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

from .registry import rule

_BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


def valid_tag(tag: str) -> bool:
    if not _BCP47.match(tag or ""):
        return False
    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


@rule("html-lang-valid", "the page's <html lang> must be a valid BCP 47 language tag. The "
      "language codes come from translations/languages.yml.")
def html_lang_valid(page):
    lang = page.tree.css_first("html").attributes.get("lang") or ""
    if not valid_tag(lang):
        yield page.finding("html-lang-valid", f"<html lang=\"{lang}\"> is not a valid language tag.",
                           needles=("<html",))
    elif lang != page.lang.code:
        yield page.finding("html-lang-valid", f"<html lang=\"{lang}\"> on a page in the "
                           f"'{page.lang.code}' folder; it must say lang=\"{page.lang.code}\".",
                           needles=("<html",))


@rule("html-dir", "right-to-left languages (ar, fa, ckb) need dir=\"rtl\" on <html> and <body>, "
      "and no other page may have it. Directions come from CLDR via translations/languages.yml.")
def html_dir(page):
    expected = page.lang.direction
    for tag in ("html", "body"):
        node = page.tree.css_first(tag)
        actual = node.attributes.get("dir") or "ltr"
        if actual != expected:
            yield page.finding("html-dir", f"<{tag} dir=\"{actual}\"> on a {page.lang.code} page; "
                               f"it must be dir=\"{expected}\".", needles=(f"<{tag}",))


# Letters of the scripts the site is written in (Unicode blocks), counted by pattern.
_SCRIPTS = {
    "Latn": re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]"),
    "Arab": re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]"),
    "Ethi": re.compile(r"[\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F]"),
}


def _script_counts(text: str) -> dict[str, int]:
    return {script: len(pattern.findall(text)) for script, pattern in _SCRIPTS.items()}


@rule("foreign-text-lang", "a passage in another language needs its own language, so screen "
      "readers pronounce it right: write it as <span lang=\"sv\">…</span> or add "
      "{ lang=sv } after the paragraph.")
def foreign_text_lang(page):
    # Text in another script is the one case a machine can tell reliably: Latin text on an
    # Arabic-script page, Arabic on a Ge'ez page. Names (a word or two) are left alone.
    own = page.lang.script
    for node in page.tree.css("article p, article li, article h1, article h2, article h3, "
                              "article td, article th, article dd, article dt"):
        if _has_lang_between(node):
            continue
        counts = _script_counts(node.text(deep=True))
        # Text inside a child that says its own language (<span lang="sv">) is marked.
        for inner in node.css("[lang]"):
            if _lang_between(inner.parent, node):
                continue  # counted with the marked child it sits in
            for script, n in _script_counts(inner.text(deep=True)).items():
                counts[script] -= n
        letters = sum(counts.values())  # letters of other scripts are too rare here to count
        if letters < 25:
            continue
        other, amount = max(((s, n) for s, n in counts.items() if s != own), default=(None, 0),
                            key=lambda item: item[1])
        if other and amount > letters / 2:
            yield page.finding("foreign-text-lang", f"this passage is mostly in {other} script "
                               f"on a {page.lang.code} page and does not say its language.", node)


def _lang_between(node, top) -> bool:
    while node is not None and node != top:
        if "lang" in node.attributes:
            return True
        node = node.parent
    return False


def _has_lang_between(node) -> bool:
    while node is not None and node.tag != "html":
        if "lang" in node.attributes:
            return True
        node = node.parent
    return False
