"""The CI examples parse, use the current major of each GitHub action, cache what a build
reuses (.cache/, pip, apt), carry a permissions block, and run commands that exist here."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest import ROOT

EXAMPLES = ROOT / "examples"
# The current majors (checked against the actions' releases): a new major is a deliberate update here.
CURRENT = {"actions/checkout": 7, "actions/setup-python": 7, "actions/cache": 6, "actions/upload-pages-artifact": 5,
           "actions/deploy-pages": 5}
GITHUB = ("github-pages.yml", "oss-publish.yml")


def load(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def scripts(lines) -> list[str]:
    """Every shell command line of a workflow's run: steps or a GitLab job's script."""
    text = "\n".join(lines)
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", GITHUB)
def test_github_workflows_use_current_actions_caches_and_permissions(name):
    workflow = load(name)
    assert "permissions" in workflow and workflow["permissions"]["contents"] == "read"
    used = [step["uses"] for step in steps(workflow) if "uses" in step]
    for use in used:
        action, _, version = use.partition("@")
        assert action in CURRENT, use
        assert version == f"v{CURRENT[action]}", use
    cached = {step["with"]["path"] for step in steps(workflow) if step.get("uses", "").startswith("actions/cache@")}
    assert {".cache", "~/.cache/pip", "~/apt-archives"} <= cached
    install = next(step["run"] for step in steps(workflow) if "install-system-deps.sh" in step.get("run", ""))
    assert "Dir::Cache::Archives" in install and "~/apt-archives" in cached  # apt keeps its downloads where the cache is


def test_github_pages_workflow_can_deploy():
    workflow = load("github-pages.yml")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert "actions/upload-pages-artifact@v5" in uses and "actions/deploy-pages@v5" in uses


def test_object_storage_workflow_publishes_with_secrets_only():
    workflow = load("oss-publish.yml")
    publish = next(step for step in steps(workflow) if "./sqb publish" in step.get("run", ""))
    assert publish["env"] == {"AWS_ACCESS_KEY_ID": "${{ secrets.OSS_ACCESS_KEY_ID }}",
                              "AWS_SECRET_ACCESS_KEY": "${{ secrets.OSS_ACCESS_KEY_SECRET }}"}
    assert "--endpoint" in publish["run"] and "s3://" in publish["run"]
    assert "pages" not in workflow["permissions"]


def test_gitlab_ci_caches_the_build_pip_and_apt():
    job = load("gitlab-ci.yml")["pages"]
    assert {".cache/", ".pip-cache/", ".apt-cache/"} <= set(job["cache"]["paths"])
    assert job["variables"]["PIP_CACHE_DIR"].endswith("/.pip-cache")
    assert any(".apt-cache" in line and "Dir::Cache::Archives" in line for line in job["before_script"])


def all_commands() -> list[str]:
    found = []
    for name in GITHUB:
        found += scripts(step["run"] for step in steps(load(name)) if "run" in step)
    job = load("gitlab-ci.yml")["pages"]
    found += scripts(job["before_script"] + job["script"])
    return found


def test_the_commands_of_the_examples_exist():
    commands = all_commands()
    assert "make site" in commands and "./sqb check --strict" in commands
    assert any(c.startswith("./sqb publish") for c in commands)
    for command in commands:
        if command.startswith("make "):
            done = subprocess.run(["make", "-n", *command.split()[1:]], cwd=ROOT, capture_output=True, text=True)
            assert done.returncode == 0, (command, done.stderr)
        elif command.startswith("./sqb "):
            sub = re.findall(r"\./sqb ([a-z]+)", command)[0]
            done = subprocess.run([str(ROOT / "sqb"), sub, "-h"], cwd=ROOT, capture_output=True, text=True)
            assert done.returncode == 0 and "用法：" in done.stdout, (command, done.stderr)
            options = re.findall(r"\s(--[a-z-]+)", command)
            assert all(option in done.stdout for option in options), (command, options)
        elif command.startswith("bash "):
            assert (ROOT / command.split()[1]).is_file(), command
