"""The command line: --help, tokens, and `serve` running the production server."""

import re
import subprocess
from pathlib import Path

import jwt
import requests

from mockserver.config import DEFAULT_SECRET
from mockserver.rules.auth import preset_token
from mockserver.serving.cli import main

from .conftest import TRACEABILITY
from .servers import SCRIPT, running_server

README = Path(__file__).resolve().parent.parent / "README.md"


def run(*args):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, check=True).stdout


def test_help_lists_commands_and_environment():
    out = run("--help")
    for word in ("serve", "token", "scenarios", "MOCKSERVER_JWT_SECRET", "PORT"):
        assert word in out
    assert "--rate-limit-factor" in run("serve", "--help")


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


def test_preset_token_is_the_readme_token():
    default = run("token", "--preset", "default").strip()
    assert default == preset_token("default", DEFAULT_SECRET)
    assert default in README.read_text()


def test_bad_environment_value_is_a_clean_error(capsys):
    import os

    os.environ["MOCKSERVER_RATE_LIMIT_FACTOR"] = "lots"
    try:
        assert main(["token", "--preset", "default"]) == 2
    finally:
        del os.environ["MOCKSERVER_RATE_LIMIT_FACTOR"]
    assert "api-entreprise-mock:" in capsys.readouterr().err


def test_serve_answers_with_granian_and_prints_a_banner(token):
    # Outside CI the banner is the full one (in CI it shrinks to one line: tests/test_serving.py).
    with running_server(env={"CI": ""}) as (base, process):
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
        banner = process.communicate(timeout=10)[0]
    assert base in banner
    assert token in banner
    assert re.search(r"/__admin/scenarios", banner)


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


def test_port_from_environment():
    with running_server(port_from_env=True) as (base, _):
        assert requests.get(f"{base}/__admin/routes", timeout=5).status_code == 200
