"""A catalogue of the mistakes editors make, one row each, tried as an editor would: run
`trygg build`, read the first line. Every row must give exit status 1, a first line
`path:line: rule-id:` at the file the editor changes, no traceback, site/ byte for byte as it
was, and nothing left behind (no temporary folder, in the project or in TMPDIR).

Some mistakes are not mistakes to refuse: a byte-order mark, Windows line ends, a date with a
time. Those are accepted, and must change nothing a reader or `status` sees (further below)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import FIXTURES, append, make_project, replace

TRYGG = [sys.executable, "-m", "trygg.cli"]


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    site = project / "site"
    (site / "gammal").mkdir(parents=True)
    (site / "gammal" / "index.html").write_text("<p>the site as it was</p>", encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    return project


def trygg(project: Path, *args: str) -> subprocess.CompletedProcess:
    # Temporary folders go to a TMPDIR of the test's own, so that debris can be seen.
    return subprocess.run([*TRYGG, *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                               "TMPDIR": str(project.parent / "tmp")})


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)


@dataclass
class Mistake:
    change: Callable[[Path], None]
    path: str
    line: int | str  # a number, or text on the line (found in the changed file)
    rule: str
    errors: int | None = None  # one root cause, one finding: how many errors at most
    says: str = ""  # words the message must contain (the fix, the limit …)
    command: tuple[str, ...] = ("build", "--no-browser")


# The fixture's every Swedish page, as a navigation lists them.
NAV = ("nav:\n  - index.md\n  - layout.md\n  - bara-svenska.md\n"
       "  - om-webbplatsen/dolj-ditt-besok.md\n  - om-webbplatsen/integritet.md\n"
       "  - om-webbplatsen/tillganglighet.md\n")


A = "docs/_data/announcement.yml"
CATALOGUE = {
    # -- the rows of issue 15 --------------------------------------------------------------
    "a duplicate key in translations/en.yml": Mistake(
        lambda p: append(p / "translations/en.yml", "toc: Contents, again\n"),
        "translations/en.yml", "toc: Contents, again", "yaml-duplicate-key", 1, "first on line"),
    "a phone number written twice in contacts.yml": Mistake(
        lambda p: replace(p / "docs/_data/contacts.yml", '  number: "112"\n',
                          '  number: "112"\n  number: "113"\n'),
        "docs/_data/contacts.yml", 'number: "113"', "yaml-duplicate-key", 1, "delete"),
    "an empty Markdown file": Mistake(
        lambda p: write(p / "docs/sv/unga/tom.md", ""),
        "docs/sv/unga/tom.md", 1, "page-empty", 1, "delete the file"),
    "a page with only its front matter": Mistake(
        lambda p: write(p / "docs/sv/tom.md", "---\ntitle: Tom\n---\n"),
        "docs/sv/tom.md", 4, "page-empty", 1, "below its front matter"),
    "Swedish front matter without its closing ---": Mistake(
        lambda p: replace(p / "docs/sv/index.md", "description: Testsidans beskrivning.\n---\n",
                          "description: Testsidans beskrivning.\n"),
        "docs/sv/index.md", 1, "front-matter", 1, "never closed"),
    "a translation's front matter without its closing ---": Mistake(
        lambda p: replace(p / "docs/ar/index.md", "  source: d00a6cc7eeb2\n---\n",
                          "  source: d00a6cc7eeb2\n"),
        "docs/ar/index.md", 1, "front-matter", 1, "never closed"),
    "a 5 MB image": Mistake(
        lambda p: (write(p / "docs/sv/bilder/foto.jpg", b"\xff\xd8" + bytes(5_000_000)),
                   append(p / "docs/sv/layout.md", "\n![Barn på en skolgård](bilder/foto.jpg)\n")),
        "docs/sv/bilder/foto.jpg", 1, "image-too-large", 1, "5.0 MB; the limit is 300 kB"),
    "a YouTube address as an image": Mistake(
        lambda p: append(p / "docs/sv/layout.md",
                         "\n![Film om varningstecken](https://www.youtube.com/watch?v=abc)\n"),
        "docs/sv/layout.md", "youtube", "image-external", 1, "without the '!'"),
    "an announcement whose until is before its from": Mistake(
        lambda p: write(p / A, "from: 2099-12-31\nuntil: 2099-01-01\ntext:\n  sv: Hej.\n"),
        A, 1, "announcement-date", 1, "comes first"),
    "a syntax error in mkdocs.yml (a nav line indented wrongly)": Mistake(
        lambda p: append(p / "mkdocs.yml", "nav:\n  - index.md\n - layout.md\n"),
        "mkdocs.yml", "- layout.md", "yaml-syntax", 1),
    "a tab indent in contacts.yml": Mistake(
        lambda p: replace(p / "docs/_data/contacts.yml", '  number: "112"\n', '\tnumber: "112"\n'),
        "docs/_data/contacts.yml", 'number: "112"', "yaml-syntax", 1, "never with the Tab key"),
    "a tab before a key in translations/sv.yml": Mistake(
        lambda p: replace(p / "translations/sv.yml", "\ntoc: ", "\n\ttoc: "),
        "translations/sv.yml", "toc: ", "yaml-syntax", 1, "never with the Tab key"),
    "a Swedish page renamed by hand": Mistake(
        lambda p: (p / "docs/sv/layout.md").rename(p / "docs/sv/utseende.md"),
        "docs/ar/layout.md", 1, "translation-orphan", 1, "make move-page"),
    "a frozen untranslated copy": Mistake(
        lambda p: replace(p / "docs/ti/index.md", "status: machine", "status: untranslated"),
        "docs/ti/index.md", "status: untranslated", "translation-untranslated", 1,
        "delete this file"),
    # -- the catalogue before issue 15 -----------------------------------------------------
    "broken YAML in front matter": Mistake(
        lambda p: replace(p / "docs/ar/index.md", "description: وصف صفحة الاختبار.",
                          "description: [وصف"),
        "docs/ar/index.md", 3, "yaml-syntax", 1),
    "an unknown translation status": Mistake(
        lambda p: replace(p / "docs/ti/index.md", "status: machine", "status: klar"),
        "docs/ti/index.md", 5, "translation-status", 1),
    "a translation key missing": Mistake(
        lambda p: replace(p / "translations/so.yml", "\ntoc: ", "\n# toc removed: "),
        "translations/so.yml", 1, "strings-missing", 1),
    "a translation key empty": Mistake(
        lambda p: replace(p / "translations/fa.yml", "\nsearch.placeholder: ",
                          "\nsearch.placeholder: ''\nx.removed: "),
        "translations/fa.yml", "search.placeholder:", "strings-empty"),
    "an unknown language folder": Mistake(
        lambda p: write(p / "docs/xx/index.md", "# X\n"), "docs/xx", 1, "language-unknown", 1),
    "a nav entry to a missing page": Mistake(
        lambda p: append(p / "mkdocs.yml", NAV + "  - finns-inte.md\n"),
        "mkdocs.yml", "finns-inte.md", "nav-missing-page", 1),
    "two pages with the same address": Mistake(
        lambda p: write(p / "docs/sv/bara-svenska/index.md",
                        "---\ntitle: Dubblett\n---\n\n# Dubblett\n"),
        "docs/sv/bara-svenska.md", 1, "page-duplicate"),
    "a file that is not UTF-8": Mistake(
        lambda p: write(p / "docs/sv/latin1.md",
                        "---\ntitle: Sida\n---\n\n# Sida\n\nGärna.\n".encode("latin-1")),
        "docs/sv/latin1.md", 7, "file-encoding", 1),
    "a link to a page that does not exist": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nSe [sidan som saknas](saknas.md).\n"),
        "docs/sv/layout.md", "saknas.md", "link-broken", 1),
    "a link to an anchor that does not exist": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nSe [början](index.md#finns-inte).\n"),
        "docs/sv/layout.md", "#finns-inte", "link-fragment", 1),
    # -- more that editors plausibly make ---------------------------------------------------
    # -- found by an outside review (2026-11-30) ----------------------------------------------
    "Swedish front matter without its opening ---": Mistake(
        lambda p: replace(p / "docs/sv/index.md", "---\ntitle: Startsida", "title: Startsida"),
        "docs/sv/index.md", 1, "front-matter", 1, "opening '---'"),
    "a translation's front matter without its opening ---": Mistake(
        lambda p: replace(p / "docs/ar/index.md", "---\ntitle:", "title:"),
        "docs/ar/index.md", 1, "front-matter", 1, "opening '---'"),
    "a front-matter key misspelt (reviewby)": Mistake(
        lambda p: replace(p / "docs/sv/index.md", "title: Startsida\n",
                          "title: Startsida\nreviewby: 2027-01-15\n"),
        "docs/sv/index.md", 3, "front-matter", 1, "did you mean 'review_by'"),
    "a title with a colon, not in quotes": Mistake(
        lambda p: replace(p / "docs/sv/index.md", "title: Startsida", "title: Start: så gör du"),
        "docs/sv/index.md", 2, "yaml-syntax", 1, "in quotes"),
    "a title written twice in the front matter": Mistake(
        lambda p: replace(p / "docs/sv/index.md", "title: Startsida\n",
                          "title: Startsida\ntitle: Hem\n"),
        "docs/sv/index.md", 3, "yaml-duplicate-key", 1),
    "a translation status with a capital letter": Mistake(
        lambda p: replace(p / "docs/ar/index.md", "status: machine", "status: Machine"),
        "docs/ar/index.md", 5, "translation-status", 1, "'machine'"),
    "a contact key misspelt": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nRing [[brs]] om du vill prata.\n"),
        "docs/sv/layout.md", "[[brs]]", "contact-unknown", 1),
    "a contact reference with spaces inside the brackets": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nRing [[ bris ]] om du vill prata.\n"),
        "docs/sv/layout.md", "[[ bris ]]", "token-unknown", 1, "without spaces"),
    "a checklist line inside a sentence": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nFyll i [[checklista:trygghetsvandring]].\n"),
        "docs/sv/layout.md", "Fyll i", "token-unknown", 1, "a line of its own"),
    "a phone number typed into the text": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nRing 116 111 om du vill prata.\n"),
        "docs/sv/layout.md", "116 111", "phone-number-typed", 1, "[[bris]]"),
    "a translation saved under a translated file name": Mistake(
        lambda p: (p / "docs/ar/layout.md").rename(p / "docs/ar/تخطيط.md"),
        "docs/ar/تخطيط.md", 1, "translation-orphan", 1, "docs/sv/تخطيط.md"),
    "a file name with capitals and a space": Mistake(
        lambda p: write(p / "docs/sv/Min Sida.md", "---\ntitle: Min sida\n---\n\n# Min sida\n\nText.\n"),
        "docs/sv/Min Sida.md", 1, "page-name", 1, "'min-sida.md'"),
    "text pasted from a word processor (a vertical tab)": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nFörsta raden\x0bandra raden.\n"),
        "docs/sv/layout.md", "Första raden", "file-encoding", 1, "plain text"),
    "an image without a description": Mistake(
        lambda p: (write(p / "docs/sv/bild.png", b"\x89PNG\r\n\x1a\n"),
                   append(p / "docs/sv/layout.md", "\n![](bild.png)\n")),
        "docs/sv/layout.md", "![](bild.png)", "image-alt", 1, "what the image shows"),
    "a link to the .html page instead of the .md file": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\nSe [sidan](bara-svenska.html).\n"),
        "docs/sv/layout.md", "bara-svenska.html", "link-broken", 1, ".md file"),
    "a checklist name misspelt": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\n[[checklista:trygghetsvandrin]]\n"),
        "docs/sv/layout.md", "trygghetsvandrin", "checklist-unknown", 1),
    "a contact's name written once, not per language": Mistake(
        lambda p: replace(p / "docs/_data/contacts.yml", "  name:\n    sv: SOS Alarm, nödnummer\n",
                          "  name: SOS Alarm\n  old_name:\n    sv: SOS Alarm, nödnummer\n"),
        "docs/_data/contacts.yml", "name: SOS Alarm", "contact-entry", 1, "per language"),
    "contacts.yml turned into a list": Mistake(
        lambda p: write(p / "docs/_data/contacts.yml", "- 112\n- 116 111\n"),
        "docs/_data/contacts.yml", 1, "yaml-shape", 1),
    "translations/languages.yml deleted": Mistake(
        lambda p: (p / "translations/languages.yml").unlink(),
        "translations/languages.yml", 1, "file-missing", 1, "git restore"),
    "a page added by hand and left out of the menu": Mistake(
        lambda p: (append(p / "mkdocs.yml", NAV),
                   write(p / "docs/sv/ny-sida.md", "---\ntitle: Ny\n---\n\n# Ny\n\nText.\n")),
        "docs/sv/ny-sida.md", 1, "nav-page-missing", 1, "- ny-sida.md"),
    "a menu line pasted twice": Mistake(
        lambda p: append(p / "mkdocs.yml", NAV + "  - layout.md\n"),
        "mkdocs.yml", "- layout.md", "nav-duplicate", 1, "delete one"),
    "make new-page without a TITLE": Mistake(
        lambda p: append(p / "mkdocs.yml", NAV),
        "ny-sida.md", 1, "page-title", 1, 'TITLE="', ("new-page", "ny-sida", "--title", "")),
    "trygg reviewed naming a folder, not its page": Mistake(
        lambda p: write(p / "docs/sv/unga/index.md", "---\ntitle: Unga\n---\n\n# Unga\n\nText.\n"),
        "docs/sv/unga.md", 1, "page-missing", 1, "unga/index.md", ("reviewed", "unga", "--lang", "ar")),
    "make status with a broken page": Mistake(
        lambda p: replace(p / "docs/ar/index.md", "description: وصف صفحة الاختبار.",
                          "description: [وصف"),
        "docs/ar/index.md", 3, "yaml-syntax", 1, "", ("status",)),
    "an announcement date written in words": Mistake(
        lambda p: write(p / A, "until: 31 december\ntext:\n  sv: Hej.\n"),
        A, 1, "announcement-date", 1, "2026-12-31"),
    # "18:00" is accepted written as text (YAML reads only 18:00:00 as a time); "kl. 18" is not.
    "an announcement moment written with 'kl.'": Mistake(
        lambda p: write(p / A, "until: 2099-12-31 kl. 18\ntext:\n  sv: Hej.\n"),
        A, 1, "announcement-date", 1, "2026-12-31 18:00"),
    # A title YAML reads as something else than text would be published as written: "[1, 2]".
    "a page title written as a list": Mistake(
        lambda p: replace(p / "docs/sv/index.md", "title: Startsida\n", "title: [1, 2]\n"),
        "docs/sv/index.md", 2, "front-matter-text", 1, "write the title as text: title: Varningstecken"),
    "a page title that is a number": Mistake(
        lambda p: replace(p / "docs/sv/index.md", "title: Startsida\n", "title: 12\n"),
        "docs/sv/index.md", 2, "front-matter-text", 1, "'title' is read as a number"),
    "a translation's description written as a list": Mistake(
        lambda p: replace(p / "docs/ar/index.md", "description: وصف صفحة الاختبار.\n",
                          "description:\n  - وصف\n"),
        "docs/ar/index.md", 3, "front-matter-text", 1, "write the description as text"),
    "an announcement text without its language": Mistake(
        lambda p: write(p / A, "until: 2099-12-31\ntext: Hej alla.\n"),
        A, 2, "announcement-text", 1, "sv:"),
    "an announcement with text but no last day": Mistake(
        lambda p: write(p / A, "text:\n  sv: Hej alla.\n"),
        A, 1, "announcement-date", 1, "until:"),
    # -- symbolic links (outside review of issue 20, item 1) ---------------------------------
    "a PDF that is a symbolic link to a file of the machine": Mistake(
        lambda p: (write(p.parent / "secret.txt", "TOKEN=not-for-the-site\n"),
                   (p / "docs/sv/bilaga.pdf").symlink_to(p.parent / "secret.txt"),
                   append(p / "docs/sv/layout.md", "\nLäs [bilagan](bilaga.pdf).\n")),
        "docs/sv/bilaga.pdf", 1, "file-symlink", 1, "replace the link by the file itself"),
    "a strings file replaced by a symbolic link": Mistake(
        lambda p: (write(p.parent / "en.yml", (p / "translations/en.yml").read_text("utf-8")),
                   (p / "translations/en.yml").unlink(),
                   (p / "translations/en.yml").symlink_to(p.parent / "en.yml")),
        "translations/en.yml", 1, "file-symlink", 1, "replace the link by the file itself"),
    "trygg reviewed on a page that is a symbolic link": Mistake(
        lambda p: (write(p.parent / "ar-index.md", (p / "docs/ar/index.md").read_text("utf-8")),
                   (p / "docs/ar/index.md").unlink(),
                   (p / "docs/ar/index.md").symlink_to(p.parent / "ar-index.md")),
        "docs/ar/index.md", 1, "file-symlink", 1, "nothing is written through it",
        ("reviewed", "index", "--lang", "ar")),
    # -- the theme and editors' backups (outside review of issues 15/19) -------------------
    "an {% if %} without its {% endif %} in a theme template": Mistake(
        lambda p: append(p / "overrides/partials/share.html", "{% if x %}\n"),
        "overrides/partials/share.html", "{% if x %}", "template-syntax", 1, "{% endif %}"),
    "Emacs' backup copy of a page": Mistake(
        lambda p: write(p / "docs/sv/layout.md~", (p / "docs/sv/layout.md").read_text("utf-8")),
        "docs/sv/layout.md~", 1, "file-editor-backup", 1, "editor's backup"),
    "a heading one too many (found by the check, after the build)": Mistake(
        lambda p: append(p / "docs/sv/layout.md", "\n# En rubrik till\n"),
        "docs/sv/layout.md", 18, "page-has-heading-one", 1),
}


def _line(project: Path, mistake: Mistake) -> int:
    if isinstance(mistake.line, int):
        return mistake.line
    lines = (project / mistake.path).read_text("utf-8").splitlines()
    return max(n for n, line in enumerate(lines, 1) if mistake.line in line)


@pytest.mark.parametrize("case", list(CATALOGUE))
def test_each_mistake_is_one_clear_line_and_the_site_is_unchanged(project, case):
    mistake = CATALOGUE[case]
    before = tree_digest(project / "site")
    # .cache/ is what a build keeps on purpose (compiled templates, the checker's answers),
    # not something left behind: every key there covers what its result depends on.
    top = sorted(p.name for p in project.iterdir() if p.name != ".cache")
    mistake.change(project)
    result = trygg(project, *mistake.command)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{mistake.path}:{_line(project, mistake)}: {mistake.rule}: "), output
    assert mistake.says in first, first
    errors = [line for line in result.stderr.splitlines()
              if re.match(r"^\S[^:]*:\d+: [a-z-]+: (?!warning:)", line)]
    if mistake.errors is not None:
        assert len(errors) <= mistake.errors, "\n".join(errors)
    assert not any(line.startswith("site/") for line in errors), "a finding points at site/"
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name != ".cache") == top, \
        "something was left behind"
    half_written = [p for p in (project / ".cache").rglob("*") if p.name.endswith((".tmp", ".part"))]
    assert not half_written, half_written
    assert not list((project.parent / "tmp").iterdir()), "a temporary folder was left behind"


def test_a_title_and_description_written_as_text_pass_and_other_values_do_not():
    from trygg.page_rules import front_matter_problems
    from trygg.translation import split_front_matter

    def rules(front):
        page = split_front_matter(f"---\n{front}\n---\n\n# Rubrik\n", "docs/sv/x.md")
        return [(p.line, p.rule) for p in front_matter_problems(page, "docs/sv/x.md")]

    assert rules("title: Varningstecken\ndescription: Tecken att se efter.") == []
    assert rules("title: '112'\ndescription: \"2026\"") == []  # quoted: text as written
    assert rules("title: Varningstecken\ndescription: 2026-12-31") == [(3, "front-matter-text")]
    assert rules("title: yes") == [(2, "front-matter-text")]


def test_all_problems_are_reported_at_once(project):
    CATALOGUE["an unknown translation status"].change(project)
    CATALOGUE["a file that is not UTF-8"].change(project)
    CATALOGUE["a link to a page that does not exist"].change(project)
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    for rule in ("translation-status", "file-encoding", "link-broken"):
        assert f": {rule}:" in result.stderr


def test_a_failed_check_leaves_the_site_as_it_was(project):
    # The sources are fine, the built page is not: a Latin passage on a Tigrinya page.
    append(project / "docs/ti/index.md", "\nThis whole paragraph is written in English and "
           "says nothing about its language at all.\n")
    before = tree_digest(project / "site")
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    assert "docs/ti/index.md:13: foreign-text-lang:" in result.stderr, result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-build-*"))


def test_a_good_build_replaces_the_site(project):
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "gammal").exists()
    assert (project / "site" / "ti" / "index.html").is_file()


# -- accepted: what an editor's tools do on their own changes nothing readers or status see --

def _status(project: Path) -> str:
    result = trygg(project, "status")
    assert result.returncode == 0, result.stderr
    return result.stdout


def _built_page(project: Path, path: str) -> str:
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return (project / "site" / path).read_text("utf-8")


def test_a_byte_order_mark_on_a_swedish_page_changes_no_translation_state(project):
    before = _status(project)
    page = project / "docs/sv/index.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    assert _status(project) == before
    html = _built_page(project, "ar/index.html")
    assert "trygg-notice" in html and "outdated" not in _notice(html, project, "ar")


def test_windows_line_ends_on_an_arabic_page_are_read_like_any_other(project):
    before = _status(project)
    page = project / "docs/ar/index.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    assert _status(project) == before
    html = _built_page(project, "ar/index.html")
    assert "---" not in html.split("<article")[1]  # the front matter is not page text


def _notice(html: str, project: Path, code: str) -> str:
    """Which notice the page shows: 'outdated' if the outdated text is in it, else ''."""
    import yaml

    strings = yaml.safe_load((project / f"translations/{code}.yml").read_text("utf-8"))
    return "outdated" if strings["notice.outdated"].split("{")[0][:20] in html else ""


def test_a_source_hash_of_only_digits_is_read_as_text(project):
    """A Swedish edit whose hash happens to be all digits: `translated` clears 'outdated'."""
    from trygg.translation import source_hash

    page = project / "docs/sv/index.md"
    text = page.read_text("utf-8")
    n = next(n for n in range(100_000) if source_hash(f"{text}\n<!-- {n} -->\n").isdigit())
    page.write_text(f"{text}\n<!-- {n} -->\n", "utf-8")
    assert trygg(project, "translated", "index.md", "--lang", "ar").returncode == 0
    rows = {line.split()[0]: line.split()[-4:] for line in _status(project).splitlines()[1:]}
    assert rows["ar"][2] == "0", rows["ar"]  # nothing outdated
    html = _built_page(project, "ar/index.html")
    assert _notice(html, project, "ar") == ""


def test_an_announcement_until_a_moment_is_shown_until_then(project):
    write(project / A, "until: 2099-12-31 18:00:00\ntext:\n  sv: Polisen varnar för falska jobb.\n")
    assert "Polisen varnar för falska jobb." in _built_page(project, "index.html")


def test_an_announcement_past_its_last_day_is_a_warning_and_not_shown(project):
    write(project / A, "until: 2020-12-31\ntext:\n  sv: Polisen varnar för falska jobb.\n")
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 0, result.stderr
    assert f"{A}:1: announcement-expired: warning:" in result.stderr
    assert "Polisen varnar" not in (project / "site/index.html").read_text("utf-8")


def test_an_unexpected_fault_names_the_file_and_how_to_report_it(project):
    """No input should reach this; the fault is staged by a plug-in that breaks on purpose."""
    (project / "broken.py").write_text("def on_page_markdown(markdown, **kwargs):\n"
                                       "    raise RuntimeError('a fault for the test')\n", "utf-8")
    append(project / "mkdocs.yml", "\n# (the test's own hook)\nhooks:\n  - broken.py\n")
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "RuntimeError: a fault for the test" in result.stderr
    assert "please report it" in result.stderr.lower()


def test_a_template_error_only_rendering_finds_names_its_file_and_line(project):
    """A filter that is not there parses (the source rule passes it) but stops each
    language's build: told at the template's line, as the editor's to fix, not trygg's."""
    append(project / "overrides/partials/share.html", "{{ page.title | no_such_filter }}\n")
    line = len((project / "overrides/partials/share.html").read_text("utf-8").splitlines())
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (f"overrides/partials/share.html:{line}: template-error: (sv) No filter named "
            "'no_such_filter'") in result.stderr, result.stderr
    assert "fault in trygg" not in result.stderr


def test_a_pdf_that_fails_is_explained_at_the_markdown_line_first(tmp_path):
    """An image from another website written as HTML on a guide page stops its PDF; the first
    line is the check's finding at the Markdown line (a source rule for raw HTML may name it
    earlier still, under its own id), then the PDF's own words."""
    project = make_project(tmp_path, keep_nav=True)
    (tmp_path / "tmp").mkdir()
    page = project / "docs/sv/gangsnacket/varningstecken.md"
    append(page, '\n<img src="https://i.ytimg.com/vi/abc/hqdefault.jpg" alt="Film">\n')
    line = len(page.read_text("utf-8").splitlines())
    result = trygg(project, "build", "--no-browser")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert re.match(rf"docs/sv/gangsnacket/varningstecken.md:{line}: [a-z-]+: ", first), \
        result.stderr
    assert not (project / "site").exists() and not list(project.glob(".site-build-*"))
    assert not list((tmp_path / "tmp").iterdir())
