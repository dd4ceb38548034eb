"""``trygg``: the editors' command. Each verb is a thin call into the modules beside it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildFailed, build_site
from .check import check_site
from .check.github import FORMATS, report
from .problems import Problem, ProblemsFound


def _root() -> Path:
    """The project folder: the nearest folder upwards that has mkdocs.yml."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists():
            return folder
    raise SystemExit("trygg: no mkdocs.yml here or above; run trygg inside the project folder")


def _report(problems: list[Problem]) -> None:
    # Errors first: the first line an editor reads is something to fix.
    for problem in sorted(problems, key=lambda p: (p.severity != "error", p)):
        print(problem, file=sys.stderr)


def _browser_available() -> bool:
    from .check.browser import check_browser_path

    return check_browser_path() is not None


def _checker(args, root: Path):
    browser = not args.no_browser
    if browser and not _browser_available():
        print("trygg: Chromium was not found, so the browser rules (axe-core, reflow, requests) "
              "do not run. Install Debian's chromium-headless-shell (or chromium) to run "
              "them, or pass --no-browser.",
              file=sys.stderr)
        browser = False

    cache = root / ".cache" / "external-links.json" if getattr(args, "external", False) else None

    # The browser rules' results per page, reused for pages where nothing changed.
    browser_cache = root / ".cache" / "browser-rules.json"
    validity_cache = root / ".cache" / "html-valid.json"

    def check(site_dir: Path, shown: str | None = None) -> list[Problem]:
        return check_site(site_dir, root, browser=browser, workers=args.workers,
                          external_cache=cache, shown=shown, browser_cache=browser_cache,
                          validity_cache=validity_cache, languages=_languages_read(root))

    return check


def _languages_read(root: Path):
    """The language list from the project's data when it can be read (a build has read it
    already), else None: the check then reads it, and names what is wrong with it."""
    from .project import project_at

    try:
        return project_at(root).languages
    except Exception:  # noqa: BLE001 - any fault in the data: the source rules name it
        return None


def cmd_check(args) -> int:
    """Check a built site: links, language, structure, privacy, content and, in Chromium,
    axe-core, reflow at 320 px and requests. Lists every finding, then fails once."""
    from .validate import validate_project

    root = _root()
    findings = validate_project(root) + _checker(args, root)(root / args.site_dir)
    summary_written = report(findings, args.format)
    return 1 if any(f.severity == "error" for f in findings) or not summary_written else 0


def cmd_build(args) -> int:
    """Build every language beside site/, check it, and only then replace site/ with it."""
    root = _root()
    try:
        problems = build_site(root, root / args.site_dir, check=_checker(args, root))
    except BuildFailed as error:
        _report(getattr(error, "findings", []))
        print(f"trygg build: {error}; site/ was left as it was.", file=sys.stderr)
        return 1
    except ProblemsFound as found:
        report(found.problems, args.format)
        print("trygg build: nothing was built; site/ was left as it was.", file=sys.stderr)
        return 1
    summary_written = report(problems, args.format)
    if any(p.severity == "error" for p in problems):
        print("trygg build: the check found problems; site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"trygg build: {args.site_dir}/ is up to date.")
    return 0 if summary_written else 1


def _run_editing(action) -> int:
    try:
        written = action()
    except ProblemsFound as found:
        _report(found.problems)
        return 1
    for path in written if isinstance(written, list) else [written]:
        print(f"wrote {path.relative_to(_root())}")
    return 0


def cmd_new_page(args) -> int:
    """Create a Swedish page and add it to the menu; every other language shows it in Swedish.

    In the other languages readers see the current Swedish text, marked as Swedish, with a
    notice in their language, until someone translates the page (no copy is written)."""
    from .editing import new_page

    root = _root()
    return _run_editing(lambda: new_page(root, args.path, args.title, args.description))


def cmd_move_page(args) -> int:
    """Rename a page in every language, with its menu entry and every link to it.

    Each translation keeps its state: one that matched the Swedish page still does."""
    from .moving import move_page

    root = _root()
    return _run_editing(lambda: move_page(root, args.old, args.new))


def cmd_new_lang(args) -> int:
    """Add a language to the site, marked in progress, with every page and string to translate.

    Writes the language into translations/languages.yml (status: in-progress),
    translations/CODE.yml with every key to fill, and no pages: each shows the current Swedish
    page until translated. It builds at once; its gaps are warnings until it is ready."""
    from .editing import new_language

    root = _root()
    code = _run_editing(lambda: new_language(root, args.code))
    if code == 0:
        print(f"{args.code} is in progress: it builds now; 'make status' shows what it lacks. "
              f"Set 'status: ready' in translations/languages.yml when it is complete.")
    return code


def cmd_translated(args) -> int:
    """Record that a translation matches today's Swedish page (after you updated it)."""
    from .editing import record

    root = _root()
    return _run_editing(lambda: record(root, args.lang, args.path))


def cmd_reviewed(args) -> int:
    """Record that a person who reads both languages has checked a translation."""
    from .editing import record

    root = _root()
    return _run_editing(lambda: record(root, args.lang, args.path, reviewed=True))


def cmd_status(args) -> int:
    """Per language: pages reviewed, machine-made (draft), outdated and missing."""
    from .languages import load_languages
    from .status import format_table, translation_status

    root = _root()
    rows = translation_status(root, load_languages(root))
    print(format_table(rows, markdown=args.format == "md"))
    if args.strict and any(r.outdated or r.missing for r in rows):
        return 1
    return 0


def cmd_serve(args) -> int:
    """Preview the site on 127.0.0.1; a change rebuilds only the languages it shows in.

    docs/, translations/, overrides/ and mkdocs.yml are watched; each change runs the source
    rules and lists their findings (with an error, the preview keeps the pages as they were).
    A Swedish page is rebuilt first, then the languages that show it. The page in the
    browser reloads itself. Ctrl-C (or a stop signal) leaves no temporary folder behind."""
    from .mkdocs_config import load_config
    from .preview import serve

    root = _root()
    load_config(root)  # MkDocs itself would answer a mistake here with a traceback
    return serve(root, args.port, args.lang)


def cmd_benchmark(args) -> int:
    """Measure build, check, preview rebuild, page weight and Lighthouse on the real site.

    Writes .cache/benchmark.json and prints a table. Takes several minutes."""
    from .benchmark import run, table

    root = _root()
    print(table(run(root)))
    print("Figures written to .cache/benchmark.json")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trygg", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    build = verbs.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__)
    check = verbs.add_parser("check", help=cmd_check.__doc__, description=cmd_check.__doc__)
    for verb in (build, check):
        verb.add_argument("--site-dir", default="site", help="the site folder (default: site)")
        verb.add_argument("--no-browser", action="store_true",
                          help="only the static rules (no Chromium needed)")
        verb.add_argument("--workers", type=int, default=None,
                          help="pages checked at once in the browser (default: one more "
                               "than the machine's cores, 3 on two)")
        verb.add_argument("--external", action="store_true",
                          help="also check links to other websites (needs the network; "
                               "answers are cached for a day in .cache/)")
        verb.add_argument("--format", choices=FORMATS, default=None,
                          help="text (path:line: rule-id: message), or github: workflow "
                               "commands and a job summary (the default when "
                               "GITHUB_ACTIONS=true)")
    build.set_defaults(run=cmd_build)
    check.set_defaults(run=cmd_check)

    def verb(name, function):
        parser = verbs.add_parser(name, help=function.__doc__.split("\n")[0],
                                  description=function.__doc__)
        parser.set_defaults(run=function)
        return parser

    verb("benchmark", cmd_benchmark)
    serve = verb("serve", cmd_serve)
    serve.add_argument("--lang", help="preview one language only, e.g. --lang ar")
    serve.add_argument("--port", type=int, default=8000)
    status = verb("status", cmd_status)
    status.add_argument("--format", choices=["table", "md"], default="table")
    status.add_argument("--strict", action="store_true",
                        help="exit 1 when a page is missing or outdated in any language")
    page = verb("new-page", cmd_new_page)
    page.add_argument("path", help="e.g. gangsnacket/varningstecken (Swedish words in ASCII)")
    page.add_argument("--title", required=True, help="the page's title in Swedish")
    page.add_argument("--description", help="one sentence for search engines (default: the title)")
    move = verb("move-page", cmd_move_page)
    move.add_argument("old", help="the page now, e.g. gangsnacket/varningstecken")
    move.add_argument("new", help="its new name, e.g. gangsnacket/tecken-att-se-upp-med")
    lang = verb("new-lang", cmd_new_lang)
    lang.add_argument("code", help="BCP 47 language code, e.g. fi")
    for name, function in (("translated", cmd_translated), ("reviewed", cmd_reviewed)):
        record = verb(name, function)
        record.add_argument("path", help="the page, e.g. gangsnacket/varningstecken.md")
        record.add_argument("--lang", required=True, help="the translation's language, e.g. ar")
    from .exchange.commands import register as register_exchange

    register_exchange(verb)
    args = parser.parse_args(argv)
    return _run(args)


def _site_url_unset_when_empty() -> None:
    """An empty SITE_URL means "not set": mkdocs.yml's address (its !ENV default) is used.
    GitHub Actions sets SITE_URL from a repository variable, and a pull request from a fork,
    or any run before the variable exists, gets it empty; MkDocs' !ENV would take that empty
    text as the address and leave the pages without canonical links. The workflow itself
    stops a push to main without the variable (README, "Continuous integration and
    publishing"). Removed here, it is unset for MkDocs' processes too."""
    import os

    if os.environ.get("SITE_URL", "x").strip() == "":
        del os.environ["SITE_URL"]


def _run(args) -> int:
    """The verb, with no traceback for an editor: a stop signal ends it like Ctrl-C (so that
    no temporary folder stays behind), and a fault names the file it was reading."""
    import signal

    from .crash import unexpected

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    _site_url_unset_when_empty()
    try:
        return args.run(args)
    except ProblemsFound as found:  # a verb that reads the sources meets a mistake in them
        _report(found.problems)
        return 1
    except KeyboardInterrupt:
        print(f"trygg {args.verb}: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped reading (`trygg status | head`): not a fault
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - the last resort: never a traceback for editors
        print(unexpected(error), file=sys.stderr)
        return 70  # EX_SOFTWARE: a fault in trygg, not in the input


if __name__ == "__main__":
    sys.exit(main())
