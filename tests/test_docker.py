"""The image: its command serves, outside any container, with only what the image gives it.

No container engine runs on our machines, so the test reads the Dockerfile's final stage and
runs its exact CMD with its ENV (the virtual environment standing in for the image's), from
an empty working directory, then runs its HEALTHCHECK against it.
"""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from .helpers import TRACEABILITY
from .servers import free_port, wait_until_serving

DOCKERFILE = Path(__file__).resolve().parent.parent / "Dockerfile"


def final_stage() -> list[tuple[str, str]]:
    """Return the (instruction, arguments) pairs of the Dockerfile's last stage."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        if keyword.upper() == "FROM":
            instructions = []
        instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def last(keyword: str) -> str:
    return [arguments for kw, arguments in final_stage() if kw == keyword][-1]


def image_command() -> list[str]:
    """Return ENTRYPOINT + CMD, which the image must write in exec (JSON) form."""
    entrypoints = [args for kw, args in final_stage() if kw == "ENTRYPOINT"]
    return (json.loads(entrypoints[-1]) if entrypoints else []) + json.loads(last("CMD"))


def image_environment() -> dict[str, str]:
    """Return the ENV of the final stage, PATH pointing at this virtual environment instead of the image's."""
    environment = {}
    for keyword, arguments in final_stage():
        if keyword == "ENV":
            environment.update(pair.split("=", 1) for pair in shlex.split(arguments))
    environment["PATH"] = os.pathsep.join((str(Path(sys.executable).parent), "/usr/bin", "/bin"))
    return environment


def healthcheck_command() -> list[str]:
    options, _, command = last("HEALTHCHECK").partition("CMD ")
    return json.loads(command)


def test_image_runs_as_an_unprivileged_user():
    user = last("USER").split(":")[0]
    assert user not in ("root", "0")
    assert int(user) >= 1000


def test_image_is_configured_only_through_its_environment():
    command = image_command()
    assert command[:2] == ["api-entreprise-mock", "serve"]
    assert not [argument for argument in command if argument.startswith("-")], "settings belong in ENV"
    assert {"HOST", "PORT"} <= set(image_environment())


@pytest.fixture
def image_running(tmp_path):
    """Run the image's command with the image's environment, from an empty directory."""
    environment = {**image_environment(), "PORT": str(free_port())}
    process = subprocess.Popen(
        image_command(), env=environment, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{environment['PORT']}"
    wait_until_serving(process, f"{base}/__admin/health")
    yield base, environment, process
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.system
def test_image_command_serves_and_passes_its_healthcheck(image_running, token, tmp_path):
    base, environment, process = image_running
    response = requests.get(
        f"{base}/v2/entreprises/418166096", params=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}, timeout=5
    )
    assert response.status_code == 200
    assert response.json()["entreprise"]["siren"] == "418166096"

    check = subprocess.run(healthcheck_command(), env=environment, cwd=tmp_path, capture_output=True, timeout=10)
    assert check.returncode == 0, check.stderr

    process.terminate()
    process.wait(timeout=10)
    down = subprocess.run(healthcheck_command(), env=environment, cwd=tmp_path, capture_output=True, timeout=10)
    assert down.returncode != 0
