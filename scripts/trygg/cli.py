"""``trygg``: the editors' command. Each verb is a thin call into the modules beside it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildFailed, build_site
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


def cmd_build(args) -> int:
    """Build every language into site/ (the old site stays until the new one is checked)."""
    root = _root()
    try:
        problems = build_site(root, root / args.site_dir)
    except BuildFailed as error:
        print(f"trygg build: {error}; site/ was left as it was.", file=sys.stderr)
        return 1
    except ProblemsFound as found:
        _report(found.problems)
        return 1
    _report(problems)
    if any(p.severity == "error" for p in problems):
        print("trygg build: the check found problems; site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"trygg build: {args.site_dir}/ is up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trygg", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    build = verbs.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__)
    build.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    build.set_defaults(run=cmd_build)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
