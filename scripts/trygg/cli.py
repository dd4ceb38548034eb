"""``trygg``: the editors' command. Each verb is a thin call into the modules beside it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildFailed, build_site
from .check import check_site, summary
from .problems import Problem, ProblemsFound


def _root() -> Path:
    """The project folder: the nearest folder upwards that has mkdocs.yml."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists():
            return folder
    raise SystemExit("trygg: no mkdocs.yml here or above; run trygg inside the project folder")


def _report(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        print(problem, file=sys.stderr)


def _browser_available() -> bool:
    import shutil

    return shutil.which("chromium") is not None


def _checker(args, root: Path):
    browser = not args.no_browser
    if browser and not _browser_available():
        print("trygg: Chromium was not found, so the browser rules (axe-core, reflow, requests) "
              "do not run. Install Debian's chromium to run them, or pass --no-browser.",
              file=sys.stderr)
        browser = False

    def check(site_dir: Path) -> list[Problem]:
        findings = check_site(site_dir, root, browser=browser, workers=args.workers)
        _report(findings)
        print(summary(findings), file=sys.stderr)
        return findings

    return check


def cmd_check(args) -> int:
    """Check a built site: links, language, structure, privacy, content and, in Chromium,
    axe-core, reflow at 320 px and requests. Lists every finding, then fails once."""
    root = _root()
    findings = _checker(args, root)(root / args.site_dir)
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_build(args) -> int:
    """Build every language beside site/, check it, and only then replace site/ with it."""
    root = _root()
    try:
        problems = build_site(root, root / args.site_dir, check=_checker(args, root))
    except BuildFailed as error:
        print(f"trygg build: {error}; site/ was left as it was.", file=sys.stderr)
        return 1
    except ProblemsFound as found:
        _report(found.problems)
        return 1
    if any(p.severity == "error" for p in problems):
        print("trygg build: the check found problems; site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"trygg build: {args.site_dir}/ is up to date.")
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
        verb.add_argument("--workers", type=int, default=4,
                          help="pages checked at once in the browser (default: 4)")
    build.set_defaults(run=cmd_build)
    check.set_defaults(run=cmd_check)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
