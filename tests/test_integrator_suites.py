"""The Ruby and Node example suites against a served sandbox: they pass, and their deliberate violation fails verify.

Each suite is written the way its ecosystem writes tests (RSpec; ``node --test``) with the helpers of
``helpers/``: the client's data, every column of the scenario matrix, and one deliberate violation (a
client that forgets the recipient) that the suite itself expects ``verify`` to catch. Run alone, that
one example leaves its request in the journal, and ``api-entreprise-mock verify`` must exit 1 naming
the rule. Ruby and Node come from Debian (``.ci/install-ruby-node``); where they cannot be installed
the tests skip with a loud warning.
"""

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
import requests

from .servers import SCRIPT, running_server

ROOT = Path(__file__).resolve().parent.parent
# Suite: its folder, the command running it whole, the command running its deliberate violation alone.
SUITES = {
    "ruby": ("examples/ruby", ["rspec"], ["rspec", "--tag", "deliberate"]),
    "node": ("examples/node", ["node", "--test"], ["node", "--test", "--test-name-pattern", "deliberate"]),
}
PAGES = {"ruby": "kit-ruby.md", "node": "kit-node.md"}
DELIBERATE_RULE = "(missing_traceability)"


def tools_or_skip(command: str) -> None:
    """Install Ruby and Node the way CI does when ``command`` is missing; skip loudly when impossible."""
    if shutil.which(command) is None:
        subprocess.run([str(ROOT / ".ci" / "install-ruby-node")], capture_output=True, text=True, timeout=900)
    if shutil.which(command) is None:
        message = f"!!! {command} could not be installed (.ci/install-ruby-node): the {command} example is SKIPPED"
        warnings.warn(message, stacklevel=1)
        print(f"\n{message}")
        pytest.skip(message)


@pytest.fixture(scope="module")
def served():
    # A slow provider answers within the suites' own time: a request still in flight after a suite ends
    # would be journalled after the next reset, beside the deliberate violation's request.
    with running_server("--rate-limit-factor", "0", "--slow-provider-seconds", "0.2") as (base, _):
        yield base


def run(command: list[str], folder: str, base: str) -> subprocess.CompletedProcess:
    env = {"PATH": f"{SCRIPT.parent}:/usr/local/bin:/usr/bin:/bin", "API_ENTREPRISE_SANDBOX_URL": base, "HOME": "/tmp"}
    return subprocess.run(command, cwd=ROOT / folder, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.system
@pytest.mark.parametrize("language", SUITES)
def test_the_example_suite_passes_and_its_deliberate_violation_fails_verify(served, language):
    folder, whole, deliberate = SUITES[language]
    tools_or_skip(whole[0])
    suite = run(whole, folder, served)
    assert suite.returncode == 0, suite.stdout + suite.stderr
    alone = run(deliberate, folder, served)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    verified = subprocess.run([str(SCRIPT), "verify", "--url", served], capture_output=True, text=True, timeout=60)
    assert verified.returncode == 1
    assert DELIBERATE_RULE in verified.stdout
    assert len(requests.get(served + "/__admin/requests").json()["requests"]) == 1


@pytest.mark.parametrize("language", SUITES)
def test_the_language_page_shows_the_command_the_test_runs(language):
    folder, whole, _ = SUITES[language]
    page = (ROOT / "docs" / PAGES[language]).read_text(encoding="utf-8")
    assert f"cd {folder} && API_ENTREPRISE_SANDBOX_URL=http://127.0.0.1:8080 {' '.join(whole)}\n" in page
