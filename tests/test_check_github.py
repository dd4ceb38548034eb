"""`trygg check --format github`: each finding as a workflow command on its Markdown line,
escaped by GitHub's rules, and a job summary per rule and language."""

import os
import subprocess
import sys

from conftest import FIXTURES, make_project
from trygg.check.github import step_summary, workflow_command
from trygg.problems import Problem


def test_a_finding_becomes_an_error_command_with_escaped_properties_and_message():
    finding = Problem("docs/sv/a,b:c.md", 14, "link-broken",
                      "100% wrong:\nline two,\rend")
    assert workflow_command(finding) == (
        "::error file=docs/sv/a%2Cb%3Ac.md,line=14,title=link-broken"
        "::100%25 wrong:%0Aline two,%0Dend")


def test_a_warning_becomes_a_warning_command():
    finding = Problem("docs/sv/index.md", 3, "lix-high", "LIX 44", severity="warning")
    assert workflow_command(finding).startswith("::warning file=docs/sv/index.md,line=3,")


def test_the_summary_counts_findings_per_rule_and_language():
    findings = [Problem("docs/ar/a.md", 1, "link-broken", "x", lang="ar"),
                Problem("docs/ar/b.md", 2, "link-broken", "y", lang="ar"),
                Problem("translations/ti.yml", 9, "strings-empty", "z")]
    text = step_summary(findings)
    assert "| rule | ar | ti | how to fix |" in text
    assert "| `link-broken` | 2 |  |" in text
    assert "| `strings-empty` |  | 1 |" in text
    assert "docs/ar/b.md:2: link-broken: y" in text


def _check(project, *args, env=None):
    return subprocess.run([sys.executable, "-m", "trygg.cli", "check", "--no-browser", *args],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def test_a_broken_link_is_annotated_on_its_markdown_line_under_github_actions(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    page = project / "docs" / "sv" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("bara-svenska.md", "bara-svensk.md"),
                    encoding="utf-8")
    (project / "site").mkdir()
    summary_file = tmp_path / "summary.md"
    result = _check(project, env={"GITHUB_ACTIONS": "true",
                                  "GITHUB_STEP_SUMMARY": str(summary_file)})
    assert result.returncode == 1
    # The site folder is empty on purpose (the source rules are tested here), which is an
    # error of its own, site-empty (test_check_rules.py).
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")
              and "title=site-empty::" not in line]
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith(
        "::error file=docs/sv/index.md,line=8,title=link-broken::'bara-svensk.md' leads to")
    # The fixture's warnings (no publisher yet, a long Swedish page) stay warnings.
    assert "::warning file=docs/_data/publisher.yml,line=1,title=publisher-missing::" \
        in result.stdout
    table = summary_file.read_text(encoding="utf-8")
    assert "| rule | all | sv | how to fix |" in table
    assert "| `link-broken` |  | 1 |" in table
    assert "| `publisher-missing` | 1 |  |" in summary_file.read_text(encoding="utf-8")
    # Outside GitHub Actions the same finding is the editor's plain line, on stderr.
    plain = _check(project, env={"GITHUB_ACTIONS": ""})
    assert "docs/sv/index.md:8: link-broken: 'bara-svensk.md'" in plain.stderr
    assert "::error" not in plain.stdout
    assert "::error file=docs/sv/index.md,line=8," in _check(project, "--format", "github").stdout


def test_trygg_check_fails_when_the_site_folder_is_missing(tmp_path):
    # A CI job whose download of the site failed: the check of nothing must not be green.
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    result = _check(project, "--site-dir", "nowhere", env={"GITHUB_ACTIONS": ""})
    assert result.returncode == 1
    assert "nowhere:1: site-empty: the site folder nowhere does not exist; build the site " \
        "first: make site." in result.stderr


def _parse_as_the_runner_does(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back as GitHub's runner reads it (actions/runner,
    ActionCommand.TryParseV2): the command section ends at the first '::', properties are split
    at ',' and '=', then %-escapes are undone (properties: %3A and %2C as well)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, properties = line[2:end].partition(" ")

    def unescape(text: str, property_: bool) -> str:
        pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property_ else [])
        for escaped, plain in [*pairs, ("%25", "%")]:
            text = text.replace(escaped, plain)
        return text

    values = dict(pair.split("=", 1) for pair in properties.split(",")) if properties else {}
    return name, {k: unescape(v, True) for k, v in values.items()}, unescape(line[end + 2:], False)


def test_a_message_with_percent_line_breaks_colons_and_commas_reaches_github_as_written():
    # The escapes of GitHub's own toolkit (actions/toolkit, packages/core/src/command.ts,
    # escapeData and escapeProperty, read 2026-11-30): '%' first, so that an escape already
    # in the text is not undone.
    message = "50%0A of 100% :: wrong,\r\nsecond line: 'a, b'"
    finding = Problem("docs/sv/100%, a:b.md", 7, "link-broken", message)
    line = workflow_command(finding)
    assert "\n" not in line and "\r" not in line
    assert _parse_as_the_runner_does(line) == (
        "error", {"file": "docs/sv/100%, a:b.md", "line": "7", "title": "link-broken"}, message)


def _build(project, env):
    return subprocess.run([sys.executable, "-m", "trygg.cli", "build", "--no-browser"],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def _rows(table: str) -> dict[str, str]:
    """The summary table's 'how to fix' column, by rule."""
    return {row.split("`")[1]: row.rsplit(" | ", 1)[1].removesuffix(" |")
            for row in table.splitlines() if row.startswith("| `")}


def test_trygg_build_fills_how_to_fix_for_source_rules_too(tmp_path):
    # The review's case: `trygg build` stops at the source rules, before any page is checked.
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    page = project / "docs" / "sv" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("bara-svenska.md", "bara-svensk.md"),
                    encoding="utf-8")
    status = project / "docs" / "ar" / "index.md"
    status.write_text(status.read_text(encoding="utf-8").replace("status: machine", "status: done"),
                      encoding="utf-8")
    summary_file = tmp_path / "summary.md"
    result = _build(project, {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)})
    assert result.returncode == 1
    assert "nothing was built" in result.stderr
    fixes = _rows(summary_file.read_text(encoding="utf-8"))
    # A rule the check also has: its help text. A source rule only: its first finding's message.
    assert fixes["link-broken"].startswith("the link or file leads nowhere on this site. Check")
    assert fixes["translation-status"].startswith("status 'done' is unknown; use 'machine'")
    assert fixes["translation-status"].endswith("(at docs/ar/index.md:5)")
    assert all(fixes.values()), fixes


def test_an_unwritable_job_summary_is_named_and_the_findings_still_shown(tmp_path):
    project = make_project(tmp_path, FIXTURES / "i18n-site" / "docs")
    page = project / "docs" / "sv" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("bara-svenska.md", "bara-svensk.md"),
                    encoding="utf-8")
    result = _build(project, {"GITHUB_ACTIONS": "true",
                              "GITHUB_STEP_SUMMARY": "/nonexistent/x.md"})
    assert result.returncode == 1, result.stderr
    assert "::error file=docs/sv/index.md,line=8,title=link-broken::" in result.stdout
    assert ("/nonexistent/x.md:1: job-summary: the job summary cannot be written to this file "
            "(No such file or directory); GITHUB_STEP_SUMMARY names it.") in result.stderr
    assert "unexpected error" not in result.stderr and "exceptions.yml" not in result.stderr
