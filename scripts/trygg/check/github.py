"""The check's findings where an editor looks on GitHub: one workflow command per finding
(shown on the changed line of a pull request) and a table per rule and language in the
job's summary page.

GitHub reads a line ``::error file=F,line=N,title=T::message`` from a step's output as an
annotation. Its rules for escaping (docs.github.com, "Workflow commands for GitHub
Actions"): in the message, ``%``, ``\\r`` and ``\\n``; in a property, also ``:`` and ``,``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from ..problems import Problem
from .core import _language_in_path, summary
from .registry import RULES

FORMATS = ("text", "github")


def default_format() -> str:
    """``github`` inside GitHub Actions (which sets GITHUB_ACTIONS=true), else ``text``."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(finding: Problem) -> str:
    """One finding as a workflow command: ``::error`` stops the build, ``::warning`` does not."""
    level = "error" if finding.severity == "error" else "warning"
    properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in
                          (("file", finding.path), ("line", finding.line),
                           ("title", finding.rule)))
    return f"::{level} {properties}::{escape_data(finding.message)}"


def _language(finding: Problem) -> str:
    """The finding's language; a shared file (data, configuration) is every language's."""
    code = finding.lang or _language_in_path(finding.path)
    return "all" if code == "-" else code


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: a '|' would end the cell, a newline the row."""
    return text.replace("|", "\\|").replace("\n", " ")


def how_to_fix(findings: list[Problem]) -> dict[str, str]:
    """Each rule's help text; a source rule has none of its own (validate.py writes the fix
    into each message), so its first finding's message stands for it, with its place."""
    from .core import register_rules

    register_rules()
    fixes = {}
    for finding in sorted(findings):
        if finding.rule not in fixes:
            fixes[finding.rule] = (RULES[finding.rule].help if finding.rule in RULES else
                                   f"{finding.message} (at {finding.path}:{finding.line})")
    return fixes


def step_summary(findings: list[Problem]) -> str:
    """The job summary's Markdown: findings per rule and language, and how to fix each rule."""
    if not findings:
        return "## The check\n\nNo findings: every page of every language passed.\n"
    languages = sorted({_language(f) for f in findings})
    counts = Counter((f.rule, _language(f)) for f in findings)
    errors = sum(f.severity == "error" for f in findings)
    lines = ["## The check", "",
             f"{len(findings)} finding(s), {errors} of them errors. Each is also shown on its "
             "line under \"Files changed\" in the pull request.", "",
             "| rule | " + " | ".join(languages) + " | how to fix |",
             "|---|" + "---:|" * len(languages) + "---|"]
    fixes = how_to_fix(findings)
    for rule in sorted({f.rule for f in findings}):
        cells = [str(counts[(rule, lang)] or "") for lang in languages]
        fix = fixes[rule]
        lines.append(f"| `{rule}` | " + " | ".join(cells) + f" | {_cell(fix)} |")
    lines += ["", "<details><summary>Every finding</summary>", "", "```"]
    lines += [str(f).replace("```", "'''") for f in sorted(findings)]
    lines += ["```", "", "</details>", ""]
    return "\n".join(lines)


def report(findings: list[Problem], fmt: str | None = None) -> bool:
    """Print the findings in ``fmt`` (default: by environment) and the summary; False when
    the job summary could not be written (said, naming its file, after the findings).

    In the github format the workflow commands go to standard output, where the runner
    reads them, and the summary is also appended to $GITHUB_STEP_SUMMARY when it is set."""
    from .core import register_rules

    register_rules()  # every rule's help for the summary, also when no page was checked
    fmt = fmt or default_format()
    if fmt == "github":
        for finding in sorted(findings):
            print(workflow_command(finding))
        sys.stdout.flush()
    else:
        # Errors first: the first line an editor reads is something to fix.
        for finding in sorted(findings, key=lambda f: (f.severity != "error", f)):
            print(finding, file=sys.stderr)
    print(summary(findings), file=sys.stderr)
    target = os.environ.get("GITHUB_STEP_SUMMARY") if fmt == "github" else None
    if target:
        try:
            with Path(target).open("a", encoding="utf-8") as out:
                out.write(step_summary(findings) + "\n")
        except OSError as error:
            print(f"{target}:1: job-summary: the job summary cannot be written to this file "
                  f"({error.strerror or error}); GITHUB_STEP_SUMMARY names it. The findings are "
                  "printed above.", file=sys.stderr)
            return False
    return True
