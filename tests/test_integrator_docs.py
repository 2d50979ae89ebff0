"""The integrator kit's language-neutral page runs as written: its commands and CI recipes, against a served sandbox.

The recipes' hosts (``127.0.0.1:8080`` on GitHub, the ``api-entreprise`` alias on GitLab) are the
served sandbox's; the ``./run-your-tests`` line becomes requests a client sends, clean or breaking
a rule; the ``pip install`` line must name this package (the package is installed here already).
"""

import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import requests
import yaml

from mockserver.config import DEFAULT_SECRET
from mockserver.rules.auth import preset_token

from .helpers import JUNIT_SCHEMA
from .servers import SCRIPT, running_server

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "integrator-kit.md").read_text(encoding="utf-8")
PACKAGE = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]
HOSTS = ("127.0.0.1:8080", "api-entreprise:8080")
PLACEHOLDER = "./run-your-tests"
QUERY = "context=test&recipient=13002526500013&object=essai"
UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE, re.S)


def recipes() -> dict[str, list[str]]:
    """Return each CI recipe's commands, in order."""
    github, gitlab = (yaml.safe_load(block) for block in blocks("yaml"))
    steps = [step["run"] for step in github["jobs"]["contract"]["steps"] if "run" in step]
    return {"github": steps, "gitlab": gitlab["contract"]["script"]}


@pytest.fixture(scope="module")
def served():
    with running_server("--rate-limit-factor", "0") as (base, _):
        yield base


def client_requests(base: str, clean: bool) -> str:
    """Return the shell line standing for the integrator's tests: one request, clean or without its recipient."""
    query = QUERY if clean else QUERY.replace("recipient=13002526500013&", "")
    token = preset_token("default", DEFAULT_SECRET)
    return f"curl --silent --output /dev/null -H 'Authorization: Bearer {token}' '{base}{UNITE_LEGALE}?{query}'"


def run_commands(commands: list[str], base: str, cwd: Path) -> list[int]:
    host = base.removeprefix("http://")
    statuses = []
    for command in commands:
        for documented in HOSTS:
            command = command.replace(documented, host)
        environment = {"PATH": f"{SCRIPT.parent}:/usr/bin:/bin"}
        statuses.append(subprocess.run(["bash", "-c", command], cwd=cwd, env=environment, timeout=60).returncode)
    return statuses


def test_the_page_starts_with_the_language_neutral_path_and_links_a_page_per_language():
    sections = re.findall(r"^## (.+)$", PAGE, re.M)
    assert sections[:2] == ["The language-neutral path: serve, test, verify", "CI recipes"]
    for page in ("kit-python.md", "kit-ruby.md", "kit-node.md"):
        assert f"]({page})" in PAGE.split("## ")[0]


@pytest.mark.system
def test_the_shell_commands_of_the_page_run_against_a_served_sandbox(served, tmp_path):
    commands = [line for block in blocks("sh") for line in block.splitlines() if line.startswith(("curl", "api-"))]
    commands = [re.sub(r"\s+#.*$", "", command) for command in commands if "make contract" not in command]
    assert len(commands) == 3
    statuses = run_commands(commands, served, tmp_path)
    assert statuses == [0, 0, 0]
    JUNIT_SCHEMA.validate(str(tmp_path / "contract.xml"))


@pytest.mark.system
@pytest.mark.parametrize("recipe", ["github", "gitlab"])
@pytest.mark.parametrize(("clean", "verify_status"), [(True, 0), (False, 1)])
def test_each_ci_recipe_runs_and_its_verify_step_fails_on_a_broken_rule(served, tmp_path, recipe, clean, verify_status):
    install, *commands = recipes()[recipe]
    assert install.startswith(f'pip install "{PACKAGE} @ ')
    commands = [client_requests(served, clean) if command == PLACEHOLDER else command for command in commands]
    statuses = run_commands(commands, served, tmp_path)
    assert statuses == [0, 0, 0, verify_status]
    assert requests.get(served + "/__admin/requests").json()["requests"][0]["status"] == (200 if clean else 422)
    if recipe == "gitlab":
        report = JUNIT_SCHEMA.to_dict(str(tmp_path / "contract.xml"))
        assert report["testsuite"][0]["@failures"] == str(verify_status)
