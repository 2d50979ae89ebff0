"""The command line: --help, tokens, and `serve` running the production server."""

import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import jwt
import pytest
import requests

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.rules import scenarios
from mockserver.rules.auth import EXPIRED_AT, load_presets, preset_token
from mockserver.serving.cli import CLOSED_PIPE, main
from mockserver.serving.server import banner

from .helpers import TRACEABILITY
from .servers import SCRIPT, running_server

TOKENS_DOC = Path(__file__).resolve().parent.parent / "docs" / "tokens.md"


def run(*args):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.system
@pytest.mark.concurrent
def test_help_lists_commands_and_environment():
    out = run("--help")
    for word in ("serve", "token", "scenarios", "MOCKSERVER_JWT_SECRET", "PORT"):
        assert word in out
    assert "--rate-limit-factor" in run("serve", "--help")


def claims_of(token):
    return jwt.decode(token, DEFAULT_SECRET, algorithms=["HS256"], options={"verify_exp": False})


@pytest.mark.system
@pytest.mark.concurrent
def test_help_shows_examples_and_token_help_lists_the_presets():
    assert "examples:\n  api-entreprise-mock serve" in run("--help")
    token_help = run("token", "--help")
    assert "api-entreprise-mock token --scopes" in token_help
    assert all(f"  {name} " in token_help for name in load_presets())


@pytest.mark.system
@pytest.mark.concurrent
def test_token_alone_is_the_default_preset_with_every_scope(client):
    token = run("token").strip()
    assert token == preset_token("default", DEFAULT_SECRET)
    assert claims_of(token)["scopes"] == load_presets()["default"]["privileges"]
    response = client.get(
        "/v3/insee/sirene/unites_legales/418166096",
        query_string=TRACEABILITY,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200


@pytest.mark.system
@pytest.mark.concurrent
def test_expired_alone_keeps_every_scope_and_answers_401(client):
    token = run("token", "--expired").strip()
    claims = claims_of(token)
    assert (claims["scopes"], claims["exp"]) == (load_presets()["default"]["privileges"], EXPIRED_AT)
    response = client.get(
        "/v3/insee/sirene/unites_legales/418166096",
        query_string=TRACEABILITY,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (response.status_code, response.json["errors"][0]["code"]) == (401, "00103")


@pytest.mark.system
@pytest.mark.concurrent
def test_roles_claim_alone_keeps_every_scope_and_opens_the_v2_routes(client):
    token = run("token", "--claim", "roles").strip()
    claims = claims_of(token)
    assert "scopes" not in claims and claims["roles"] == load_presets()["default"]["privileges"]
    response = client.get(
        "/v2/attestations_fiscales_dgfip/418166096",
        query_string=TRACEABILITY,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200


@pytest.mark.system
@pytest.mark.concurrent
def test_empty_scopes_mint_a_token_without_privileges():
    assert claims_of(run("token", "--scopes", "").strip())["scopes"] == []


def test_a_preset_with_minting_flags_is_a_clean_error(capsys):
    assert main(["token", "--preset", "restricted", "--expired"]) == 2
    assert "--preset takes none of" in capsys.readouterr().err


def test_a_misspelt_preset_is_a_usage_error_naming_the_presets(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["token", "--preset", "revokd"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'revokd'" in error
    assert all(f"'{name}'" in error for name in load_presets())


@pytest.mark.system
@pytest.mark.concurrent
def test_scenarios_print_one_aligned_row_per_scenario():
    lines = run("scenarios").splitlines()
    header = lines[0]
    starts = [header.index(title) for title in ("SCENARIO", "STATUS", "PREFER", "RESERVED SIREN", "DESCRIPTION")]
    rows = {line.split()[0]: line for line in lines[1:] if line[:1].strip()}
    for row in scenarios.table():
        line = rows.pop(row["name"])
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
        statuses = set(row["statuses"].values())
        assert cells[1] == (
            str(row["status"])
            if len(statuses) == 1
            else ", ".join(
                f"{'v3/v4' if generation == 'current' else generation} {status}"
                for generation, status in row["statuses"].items()
            )
        )
        assert cells[2] == str(row["prefer_code"] or "-")
        assert cells[3] == (" ".join(row["reserved_identifiers"].get("siren", [])) or "-")
        assert row["description"].startswith(cells[4])
    assert all(len(line) <= 120 for line in lines)
    assert set(rows) == {"Play", "reserved"}  # the two lines of the footer


@pytest.mark.system
@pytest.mark.concurrent
def test_scenarios_json_is_the_admin_table():
    assert json.loads(run("scenarios", "--json")) == scenarios.table()


@pytest.mark.system
@pytest.mark.concurrent
def test_scenarios_stop_quietly_on_a_closed_pipe():
    # The reader is gone before the first write, as `| head` is once it has its lines.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        finished = subprocess.run([str(SCRIPT), "scenarios"], stdout=writer, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(writer)
    assert (finished.returncode, finished.stderr) == (CLOSED_PIPE, "")


@pytest.mark.parametrize("v2_gone", [False, True])
def test_the_banner_curl_is_one_shell_command_with_the_whole_token_on_the_current_api(v2_gone):
    line = next(line for line in banner(Settings(v2_gone=v2_gone), ci=False).splitlines() if "curl " in line)
    words = shlex.split(line)
    assert words[:3] == ["curl", "-H", f"Authorization: Bearer {preset_token('default', DEFAULT_SECRET)}"]
    assert words[3].startswith("http://127.0.0.1:8080/v3/insee/sirene/unites_legales/418166096?context=")
    assert len(words) == 4


@pytest.mark.system
@pytest.mark.concurrent
def test_token_with_scopes_decodes():
    claims = jwt.decode(
        run("token", "--scopes", "entreprises,etablissements").strip(), DEFAULT_SECRET, algorithms=["HS256"]
    )
    assert claims["scopes"] == ["entreprises", "etablissements"]
    assert claims["exp"] > claims["iat"]


def test_expired_token_and_roles_claim(capsys):
    assert main(["token", "--expired", "--claim", "roles", "--scopes", "entreprises"]) == 0
    claims = jwt.decode(
        capsys.readouterr().out.strip(), DEFAULT_SECRET, algorithms=["HS256"], options={"verify_exp": False}
    )
    assert claims["roles"] == ["entreprises"]
    assert claims["exp"] < claims["iat"] or claims["exp"] == 1704067200


@pytest.mark.system
@pytest.mark.concurrent
def test_preset_token_is_the_documented_token():
    default = run("token", "--preset", "default").strip()
    assert default == preset_token("default", DEFAULT_SECRET)
    assert default in TOKENS_DOC.read_text()


def test_bad_environment_value_is_a_clean_error(capsys):
    import os

    os.environ["MOCKSERVER_RATE_LIMIT_FACTOR"] = "lots"
    try:
        assert main(["token", "--preset", "default"]) == 2
    finally:
        del os.environ["MOCKSERVER_RATE_LIMIT_FACTOR"]
    assert "api-entreprise-mock:" in capsys.readouterr().err


@pytest.mark.system
def test_serve_answers_with_granian_and_prints_a_banner(token):
    # Outside CI the banner is the full one (in CI it shrinks to one line: tests/test_serving.py).
    with running_server(env={"CI": ""}) as (base, process):
        banner_lines = []
        for line in iter(process.stdout.readline, ""):
            banner_lines.append(line)
            if "curl " in line:
                break
        # The example call, pasted whole: a shell reads it as one command, and it answers 200.
        _, _, header, url = shlex.split(banner_lines[-1])
        name, _, value = header.partition(": ")
        example = requests.get(url, headers={name: value}, timeout=5)
        assert (example.status_code, example.json()["data"]["siren"]) == (200, "418166096")
        response = requests.get(
            f"{base}/v2/entreprises/418166096",
            params=TRACEABILITY,
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert response.status_code == 200
        assert response.headers["RateLimit-Limit"] == "250"
        assert response.headers["Server"] == "granian"
        long_id = requests.get(
            f"{base}/v2/entreprises/{'1' * 10_000}",
            params=TRACEABILITY,
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert long_id.status_code == 422
        assert long_id.json() == {
            "errors": ["Le numéro de siren n'est pas correctement formatté"],
            "gateway_error": True,
        }
        process.terminate()
        banner = "".join(banner_lines) + process.communicate(timeout=10)[0]
    assert base in banner
    assert token in banner
    assert re.search(r"/__admin/scenarios", banner)


@pytest.mark.system
def test_two_server_processes_give_the_same_bytes(token):
    paths = ["/v2/entreprises/552049447", "/v2/etablissements/55204944700017", "/v2/entreprises/999990054"]
    bodies = []
    for seed in ("1", "2"):
        with running_server(env={"PYTHONHASHSEED": seed}) as (base, _):
            bodies.append(
                [
                    requests.get(
                        base + p, params=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}, timeout=5
                    ).content
                    for p in paths
                ]
            )
    assert bodies[0] == bodies[1]


@pytest.mark.system
def test_port_from_environment():
    with running_server(port_from_env=True) as (base, _):
        assert requests.get(f"{base}/__admin/routes", timeout=5).status_code == 200
