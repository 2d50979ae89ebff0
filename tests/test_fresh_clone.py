"""A checkout with nothing beside it collects every test, passes those that read the official facts, and serves.

The copy holds exactly the files git tracks (as a clone would, with their working-tree
content, so the check holds before a commit too), in a folder with no ``shared/`` near it,
and runs with this virtual environment's Python.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
import requests

from mockserver.config import DEFAULT_SECRET
from mockserver.rules.auth import preset_token

from .helpers import DEVELOPMENT_TOOLS, TRACEABILITY
from .reference import ROOT
from .servers import free_port, wait_until_serving

# Each test runs a Python, or a whole pytest, in the copy.
pytestmark = pytest.mark.system

READING_THE_REFERENCE = ["tests/test_openapi_agreement.py", "tests/test_staging_cases.py"]


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """Copy the tracked files into a fresh folder, alone in its parent."""
    target = tmp_path_factory.mktemp("alone") / "api-entreprise-sandbox"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def run(clone, *args):
    """Run this Python in the clone, which it imports the sandbox and its tests from."""
    environment = {**os.environ, "PYTHONPATH": str(clone), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=clone, env=environment, capture_output=True, text=True, timeout=600
    )


def test_the_clone_has_no_official_files_beside_it_and_imports_its_own_code(clone):
    assert not (clone.parent / "shared").exists() and not (clone.parent.parent / "shared").exists()
    found = run(clone, "-c", "import mockserver, tests.reference as r; print(mockserver.__file__, r.FACTS)")
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == [
        str(clone / "mockserver" / "__init__.py"),
        str(clone / "tests/reference_facts.json"),
    ]


def test_every_test_is_collected_without_the_official_files(clone):
    collected = run(clone, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider")
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-3000:]
    assert all(name in collected.stdout for name in READING_THE_REFERENCE)


def test_the_tests_that_read_the_official_facts_pass_without_the_official_files(clone):
    result = run(clone, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *READING_THE_REFERENCE)
    # Exit status 0: every test ran and passed (5 would be "none collected").
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_pip_install_of_the_clone_serves_the_current_api_without_the_development_tools(clone, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python, command = venv / "bin" / "python", venv / "bin" / "api-entreprise-mock"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-c", str(clone / "requirements.lock"), str(clone)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=json"], capture_output=True, text=True)
    installed = {package["name"].lower() for package in json.loads(listed.stdout)}
    assert installed & DEVELOPMENT_TOOLS == set() and "granian" in installed
    port = free_port()
    environment = {**os.environ, "PORT": str(port), "CI": "true"}
    process = subprocess.Popen(
        [str(command), "serve"], cwd=tmp_path, env=environment, stdout=subprocess.PIPE, text=True
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(process, f"{base}/__admin/health", seconds=60)
        answer = requests.get(
            f"{base}/v3/insee/sirene/unites_legales/418166096",
            params=TRACEABILITY,
            headers={"Authorization": f"Bearer {preset_token('default', DEFAULT_SECRET)}"},
            timeout=10,
        )
        assert (answer.status_code, answer.json()["data"]["siren"]) == (200, "418166096")
    finally:
        process.terminate()
        process.wait(timeout=10)
