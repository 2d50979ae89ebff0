"""Every command block of docs/ runs, and answers as its page says.

Each ```sh or ```python block of a page of docs/ is followed by a note saying how it is checked:

- ``<!-- docs-test: answers 200 451; contains TEXT -->``: bash runs the block against a sandbox
  served as ``make run`` serves it (a ``make run`` line in the block stands for that sandbox),
  with ``$TOKEN`` the default token and ``$Q`` the traceability parameters; the statuses of its
  curl calls, in order, and a text of its output must be those of the note;
- ``exits 0; contains TEXT``: the same, for a block of commands that calls no route;
- ``passes with a v3 client``: pytest runs the block as an integrator's test file, with a client
  of the v3 unités légales under ``myapp.api_entreprise``;
- ``excerpt of PATH``: every line of code of the block is a line of PATH;
- ``run by tests/…py (…)``: other tests run those commands (Docker, make check, pip install).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from mockserver.catalogue import ENDPOINTS
from mockserver.config import DEFAULT_SECRET
from mockserver.rules.auth import load_presets, preset_token

from .servers import running_server

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BLOCK = re.compile(r"^```(sh|python)\n(.*?)^```\n(?:<!-- docs-test: (.*?) -->\n)?", re.S | re.M)
QUERY = "context=test&recipient=13002526500013&object=essai"
# Each transfer's headers are kept, so that the test reads the status of every curl call of a block.
CURL_SHIM = """#!/usr/bin/env bash
n=$(( $(cat "$DOCS_TEST_DIR/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$DOCS_TEST_DIR/count"
exec {curl} -sS -D "$DOCS_TEST_DIR/headers.$n" "$@"
"""
V3_CLIENT = '''
import time
from types import SimpleNamespace

import requests


class Client:
    """Read legal units from the v3 API; its errors are Client.Error."""

    class Error(Exception):
        pass

    def __init__(self, base_url, token, recipient, timeout=5):
        self.base_url, self.timeout = base_url, timeout
        self.headers = {"Authorization": f"Bearer {token}"}
        self.params = {"context": "aides publiques", "recipient": recipient, "object": "dossier 42"}

    def company(self, siren):
        for _ in range(2):
            try:
                response = requests.get(
                    f"{self.base_url}/v3/insee/sirene/unites_legales/{siren}", params=self.params,
                    headers=self.headers, timeout=self.timeout,
                )
            except requests.RequestException as error:
                raise self.Error(error) from error
            if response.status_code == 429:
                time.sleep(int(response.headers["Retry-After"]))
                continue
            if response.status_code != 200:
                raise self.Error(response.status_code)
            unit = response.json()["data"]
            return SimpleNamespace(siren=unit["siren"], name=unit["personne_morale_attributs"]["raison_sociale"])
        raise self.Error("rate-limited")
'''


def blocks() -> list[tuple[str, str, str, str | None]]:
    """Return every command block of docs/: its page and line, language, text and note."""
    found = []
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{page.name}:{line}", match[1], match[2], match[3]))
    return found


BLOCKS = blocks()


def checked(kind: str) -> list:
    """Return the blocks whose note is of ``kind``, as pytest parameters named by page and line."""
    return [pytest.param(block, id=block[0]) for block in BLOCKS if (block[3] or "").startswith(kind)]


def parts(note: str) -> dict[str, str]:
    """Read a note: ``answers 200 451; contains TEXT`` gives {"answers": "200 451", "contains": "TEXT"}."""
    return dict(part.strip().split(" ", 1) for part in note.split("; "))


def test_every_command_block_of_the_docs_says_how_it_is_checked():
    kinds = ("answers ", "exits ", "passes with a v3 client", "excerpt of ", "run by ")
    unchecked = [where for where, _, _, note in BLOCKS if not (note or "").startswith(kinds)]
    assert BLOCKS and unchecked == []


@pytest.mark.parametrize("block", checked("run by "))
def test_a_block_run_elsewhere_names_tests_that_exist(block):
    named = re.findall(r"tests/\w+\.py", block[3])
    assert named and all((ROOT / name).is_file() for name in named)


@pytest.mark.parametrize("block", checked("excerpt of "))
def test_an_excerpt_is_the_code_it_quotes(block):
    def code_lines(text: str) -> set[str]:
        return {line.split("  #")[0].strip() for line in text.splitlines()} - {""}

    source = (ROOT / parts(block[3])["excerpt"].removeprefix("of ")).read_text(encoding="utf-8")
    assert code_lines(block[2]) - code_lines(source) == set()


@pytest.fixture(scope="module")
def sandbox():
    """Serve the sandbox as `make run` does (quiet, as in CI)."""
    with running_server(env={"CI": "true"}) as (base, _):
        yield base


@pytest.fixture
def shell(sandbox, tmp_path):
    """Return a function that runs a block with bash against the sandbox: its exit status, output and statuses."""
    real_curl = shutil.which("curl")
    if real_curl is None:
        pytest.fail("curl is needed to run the docs' commands")
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "curl").write_text(CURL_SHIM.format(curl=real_curl))
    (shim / "curl").chmod(0o755)
    # `.venv/bin/api-entreprise-mock` in a block is this environment's.
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent)
    environment = {
        **os.environ,
        "PATH": f"{shim}:{Path(sys.executable).parent}:{os.environ['PATH']}",
        "TOKEN": preset_token("default", DEFAULT_SECRET),
        "Q": QUERY,
        "DOCS_TEST_DIR": str(tmp_path),
        "CI": "true",
    }

    def run(text: str) -> tuple[int, str, list[int]]:
        requests.post(f"{sandbox}/__admin/reset", timeout=5)
        lines = [line for line in text.splitlines() if line.split("#")[0].strip() != "make run"]
        script = "\n".join(lines).replace("http://127.0.0.1:8080", sandbox)
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        statuses = []
        for number in range(1, len(list(tmp_path.glob("headers.*"))) + 1):
            heads = (tmp_path / f"headers.{number}").read_text(encoding="latin-1")
            statuses.append(int(re.findall(r"^HTTP/\S+ (\d{3})", heads, re.M)[-1]))
        return done.returncode, done.stdout + done.stderr, statuses

    return run


@pytest.mark.system
@pytest.mark.parametrize("block", checked("answers ") + checked("exits "))
def test_each_command_block_answers_as_its_page_says(shell, block):
    where, _, text, note = block
    expected = parts(note)
    status, output, statuses = shell(text)
    assert status == int(expected.get("exits", "0")), output[-2000:]
    if "answers" in expected:
        assert statuses == [int(s) for s in expected["answers"].split()], output[-2000:]
    assert expected.get("contains", "") in output, output[-2000:]


@pytest.mark.system
@pytest.mark.parametrize("block", checked("passes with a v3 client"))
def test_each_test_example_passes_for_a_v3_client(pytester, block):
    pytester.mkpydir("myapp")
    pytester.path.joinpath("myapp", "api_entreprise.py").write_text(V3_CLIENT)
    pytester.makepyfile(test_documented=block[2])
    result = pytester.runpytest("-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") and set(outcomes) <= {"passed", "warnings", "warning"}, result.stdout.str()[-3000:]


def test_the_routes_page_calls_no_served_route_unserved():
    served = {endpoint.path for endpoint in ENDPOINTS if endpoint.supported}
    said_unserved = [
        line
        for line in (DOCS / "routes.md").read_text(encoding="utf-8").splitlines()
        if "not served" in line and any(path in line for path in served)
    ]
    assert said_unserved == []


def test_a_preset_said_to_have_every_scope_has_every_scope():
    presets = load_presets()
    every = set(presets["default"]["privileges"])
    for name, preset in presets.items():
        if preset["description"].startswith("Every scope"):
            assert set(preset["privileges"]) == every, name
