"""The CI workflow: actions pinned to commit SHAs, the container to a digest, least
permissions per job, publishing only from main after the check, and Dependabot."""

import re

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def _workflow() -> dict:
    # PyYAML reads the key 'on' as True (YAML 1.1); the workflow is otherwise plain YAML.
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def _steps(data: dict):
    for job in data["jobs"].values():
        yield from job.get("steps", [])


def test_every_action_is_pinned_to_a_commit_sha_with_its_version_in_a_comment():
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*(-\s+)?uses:", line)]
    assert lines, "the workflow uses actions"
    unpinned = [line.strip() for line in lines if not SHA_PIN.match(line)]
    assert unpinned == [], "pin each action as owner/name@<40-hex SHA> # vX.Y.Z"
    assert all("@" in step["uses"] for step in _steps(_workflow()) if "uses" in step)


def test_the_container_is_pinned_by_digest():
    for job in _workflow()["jobs"].values():
        image = job.get("container")
        if image is not None:
            image = image["image"] if isinstance(image, dict) else image
            assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), image


def test_permissions_are_none_by_default_and_least_per_job():
    data = _workflow()
    assert data["permissions"] == {}
    jobs = data["jobs"]
    assert jobs["build-and-test"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert set(jobs) == {"build-and-test", "deploy"}, "a new job needs its own least permissions"


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
