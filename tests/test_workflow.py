"""The CI workflow: actions pinned to commit SHAs, the container to a digest, least
permissions per job, publishing only from main after the check, and Dependabot."""

import re

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")
DIGEST = re.compile(r"@sha256:([0-9a-f]{64})")
# The least each job needs: build-and-test reads the repository; deploy publishes Pages
# (pages: write) and proves to Pages which run publishes (id-token: write).
LEAST = {"build-and-test": {"contents": "read"},
         "deploy": {"pages": "write", "id-token": "write"}}


def _load(text: str) -> dict:
    # PyYAML reads the key 'on' as True (YAML 1.1); the workflow is otherwise plain YAML.
    data = yaml.safe_load(text)
    data["on"] = data.pop(True)
    return data


def _workflow() -> dict:
    return _load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(data: dict):
    for job in data["jobs"].values():
        yield from job.get("steps", [])


def pin_problems(text: str) -> list[str]:
    """Each action not pinned as owner/name@<40-hex SHA> # vX.Y.Z, read both from the lines
    (the version comment) and from the parsed steps (what GitHub runs)."""
    problems = [line.strip() for line in text.splitlines()
                if re.match(r"^\s*(-\s+)?uses:", line) and not SHA_PIN.match(line)]
    for step in _steps(_load(text)):
        uses = step.get("uses")
        if uses is not None and not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses):
            problems.append(uses)
    return problems


def permission_problems(data: dict) -> list[str]:
    """Permissions wider than a job needs: anything at the top level, a job not listed in
    LEAST, a shorthand such as write-all, or a scope a job does not need."""
    problems = [] if data.get("permissions") == {} else [f"top level: {data.get('permissions')}"]
    for name, job in data["jobs"].items():
        granted = job.get("permissions", {})
        if not isinstance(granted, dict):
            problems.append(f"{name}: {granted}")
            continue
        for scope, level in granted.items():
            allowed = LEAST.get(name, {}).get(scope)
            if level != "none" and (allowed is None or (allowed, level) == ("read", "write")):
                problems.append(f"{name}: {scope}: {level}")
    return problems


def test_every_action_is_pinned_to_a_commit_sha_with_its_version_in_a_comment():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert sum(1 for step in _steps(_load(text)) if "uses" in step) == 5
    assert pin_problems(text) == [], "pin each action as owner/name@<40-hex SHA> # vX.Y.Z"


@pytest.mark.parametrize("pinned, bad", [
    ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
     "actions/checkout@v7 # v7.0.1"),                                      # a tag, not a SHA
    ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
     "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"),        # no version comment
    ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
     "actions/checkout@3d3c42e # v7.0.1"),                                  # a short SHA
    ("actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
     "actions/deploy-pages@main # v5.0.0"),                                 # a branch
])
def test_the_pin_check_finds_an_action_not_pinned_to_a_full_sha_with_its_version(pinned, bad):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert pinned in text
    assert pin_problems(text.replace(pinned, bad, 1)) != []


def test_the_container_is_pinned_by_the_digest_the_readme_names():
    images = [job["container"] for job in _workflow()["jobs"].values() if "container" in job]
    assert images, "the tests run in a container"
    for image in images:
        image = image["image"] if isinstance(image, dict) else image
        assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), image
    # One digest, said in both places: the workflow and README's section on it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(DIGEST.findall(WORKFLOW.read_text(encoding="utf-8"))) == {
        DIGEST.search(images[0]).group(1)}
    assert DIGEST.search(images[0]).group(1) in readme


def test_permissions_are_none_by_default_and_least_per_job():
    data = _workflow()
    assert set(data["jobs"]) == set(LEAST), "a new job needs its least permissions in LEAST"
    assert permission_problems(data) == []
    assert {name: job["permissions"] for name, job in data["jobs"].items()} == LEAST
    checkout = next(s for s in _steps(data) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


@pytest.mark.parametrize("where, wider", [
    (None, "write-all"),                              # the whole workflow
    ("build-and-test", {"contents": "write"}),        # could push to the repository
    ("build-and-test", {"contents": "read", "pull-requests": "write"}),
    ("deploy", {"pages": "write", "id-token": "write", "contents": "read"}),
    ("deploy", "write-all"),
])
def test_the_permission_check_finds_a_permission_wider_than_needed(where, wider):
    data = _workflow()
    if where is None:
        data["permissions"] = wider
    else:
        data["jobs"][where]["permissions"] = wider
    assert permission_problems(data) != []


def test_the_site_is_published_only_from_main_after_the_check_passed():
    data = _workflow()
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build-and-test"
    assert "github.event_name == 'push'" in deploy["if"]
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert data["on"]["push"]["branches"] == ["main"]
    build = data["jobs"]["build-and-test"]
    assert build["env"]["SITE_URL"] == "${{ vars.SITE_URL }}"
    names = [step.get("run", "") for step in build["steps"]]
    assert names.index("make site") < next(
        i for i, s in enumerate(build["steps"]) if "upload-pages-artifact" in s.get("uses", ""))


def test_each_pull_request_keeps_its_built_site_and_says_how_to_open_it():
    steps = _workflow()["jobs"]["build-and-test"]["steps"]
    upload = next(s for s in steps if s.get("with", {}).get("name") == "site")
    assert upload["with"]["path"] == "site/"
    assert upload["if"] == "github.event_name == 'pull_request'"
    how = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert "python3 -m http.server -d site" in how["run"]


def test_dependabot_watches_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"pip", "npm", "github-actions"}
    npm = ecosystems["npm"]["directories"]
    assert all((ROOT / d.lstrip("/") / "package.json").exists() for d in npm)
    assert {"/scripts/browser", "/scripts/benchmark"} <= set(npm)


def _holds(expression: str, context: dict[str, str]) -> bool:
    """A GitHub expression of ==, && and || over context values, evaluated as Actions would
    (only what our conditions use; anything else is a KeyError, not a guess)."""
    python = re.sub(r"\b(?:github|vars|env)\.[A-Za-z_]+\b", lambda m: repr(context[m.group(0)]),
                    expression).replace("&&", " and ").replace("||", " or ")
    return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - our own workflow's text


def test_main_without_its_address_stops_before_anything_is_published_and_pull_requests_build():
    steps = _workflow()["jobs"]["build-and-test"]["steps"]
    guard = next(i for i, s in enumerate(steps) if s.get("name") == "Main publishes only with its address set")
    assert "exit 1" in steps[guard]["run"] and "::error title=SITE_URL::" in steps[guard]["run"]
    assert guard < [s.get("run") for s in steps].index("make site")
    condition = steps[guard]["if"]
    # Under Actions an unset variable reads as '' and env.SITE_URL copies it; trygg reads an
    # empty SITE_URL as not set, so the pull request builds with mkdocs.yml's address.
    cases = {("push", ""): True, ("push", "https://example.github.io/trygga-barn/"): False,
             ("pull_request", ""): False}
    for (event, site_url), stops in cases.items():
        context = {"github.event_name": event, "vars.SITE_URL": site_url, "env.SITE_URL": site_url}
        assert _holds(condition, context) is stops, (event, site_url)
    assert "vars.SITE_URL" in condition
