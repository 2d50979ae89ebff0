"""Logs that cannot be forged or leak a token; settings refused at start-up with a message that says why."""

import io
import json
import os
import subprocess
from pathlib import Path

import pytest
import requests

from mockserver.config import Settings
from mockserver.http.accesslog import AccessLog
from mockserver.http.app import create_app

from .servers import SCRIPT, running_server

ROOT = Path(__file__).resolve().parent.parent
SECRET_TOKEN = "eyJsecret.token.value"


def logged(log_format: str, path: str, query: str = "", user_agent: str = "") -> str:
    """Return what the access log writes for one request with this raw path and query."""
    stream = io.StringIO()
    app = AccessLog(create_app(Settings(rate_limit_factor=0)).wsgi_app, log_format, stream)
    client = app and create_app(Settings(rate_limit_factor=0)).test_client()
    client.application.wsgi_app = app
    environ = {"PATH_INFO": path.encode("utf-8").decode("latin-1"), "QUERY_STRING": query}
    client.open(environ_overrides=environ, headers={"User-Agent": user_agent})
    return stream.getvalue()


@pytest.mark.parametrize("log_format", ["text", "json"])
@pytest.mark.parametrize(
    "query",
    [
        f"token={SECRET_TOKEN}",
        f"%74oken={SECRET_TOKEN}",
        f"%74%6F%6B%65%6E={SECRET_TOKEN}",
        f"context=x&TOKEN={SECRET_TOKEN}",
        f"context=x&tok%65n={SECRET_TOKEN}&object=y",
    ],
)
def test_the_token_is_masked_whatever_the_spelling_of_its_name(log_format, query):
    line = logged(log_format, "/v2/entreprises/418166096", query)
    assert SECRET_TOKEN not in line
    assert "[masqué]" in line


@pytest.mark.parametrize(
    "path",
    [
        '/v2/x\n127.0.0.1 - - [01/Jan/2026] "GET /forged HTTP/1.1" 200 0',
        "/v2/x\r\x00\x1b[31m",
        '/v2/x" 200 0 forged "',
    ],
)
def test_a_text_line_cannot_be_forged(path):
    text = logged("text", path)
    assert text.count("\n") == 1 and text.endswith("\n")
    assert "\x00" not in text and "\r" not in text and "\x1b" not in text
    request_line = text.split('"')[1]
    assert request_line.startswith("GET /v2/x")
    assert "\\x0a" in text or "\\x0d" in text or "\\x22" in text


# A JWT in the shape of the sandbox's tokens (header.payload.signature, base64url), sent where no name says it is one.
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ4In0.c2lnbmF0dXJlLXRoYXQtbGVha3M"
MISPLACED_TOKENS = {
    "access_token": ("/v2/entreprises/418166096", f"access_token={JWT}", ""),
    "api_key": ("/v2/entreprises/418166096", f"context=x&api_key={JWT}", ""),
    "Token": ("/v2/entreprises/418166096", f"Token={JWT}&object=y", ""),
    "token[]": ("/v2/entreprises/418166096", f"token%5B%5D={JWT}", ""),
    "percent-encoded": ("/v2/entreprises/418166096", "jwt=" + "".join(f"%{ord(c):02X}" for c in JWT), ""),
    "no name": ("/v2/entreprises/418166096", JWT, ""),
    "in the path": (f"/v2/entreprises/{JWT}", "", ""),
    "in a header": ("/v2/entreprises/418166096", "", f"client/1.0 (Bearer {JWT})"),
}


@pytest.mark.parametrize("log_format", ["text", "json"])
@pytest.mark.parametrize(("path", "query", "user_agent"), MISPLACED_TOKENS.values(), ids=MISPLACED_TOKENS)
def test_a_jwt_is_masked_by_its_shape_whatever_its_name(log_format, path, query, user_agent):
    line = logged(log_format, path, query, user_agent)
    assert JWT not in line and JWT.split(".")[2] not in line
    # The text format does not write the user agent.
    if log_format == "json" or not user_agent:
        assert "[masqué]" in line


# Characters that do not print or that reorder a line in a terminal or an editor (Trojan Source).
HIDDEN = [r"\u202e", r"\u2066", r"\u200b", r"\u2028", r"\u2029", r"\x85", r"\x9b", r"\ufeff", r"\U000e0041"]


@pytest.mark.parametrize("log_format", ["text", "json"])
@pytest.mark.parametrize("escape", HIDDEN)
def test_a_hidden_character_is_written_escaped(log_format, escape):
    hidden = escape.encode().decode("unicode_escape")
    line = logged(log_format, f"/v2/x{hidden}gnp.exe", user_agent=f"agent{hidden}")
    assert hidden not in line and line.count("\n") == 1
    # Readable again: JSON's own escape, or the text format's.
    if log_format == "json":
        assert json.loads(line)["path"] == f"/v2/x{hidden}gnp.exe"
    else:
        assert escape in line
    assert "é" in logged(log_format, "/v2/société")


def test_a_json_line_keeps_control_characters_inside_its_field():
    text = logged("json", "/v2/x\n\x00forged")
    assert text.count("\n") == 1
    assert json.loads(text)["path"] == "/v2/x\n\x00forged"


@pytest.mark.system
@pytest.mark.concurrent
@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MOCKSERVER_RATE_LIMIT_FACTOR", "abc", "MOCKSERVER_RATE_LIMIT_FACTOR / --rate-limit-factor = 'abc': expected"),
        ("MOCKSERVER_RATE_LIMIT_FACTOR", "-1", "MOCKSERVER_RATE_LIMIT_FACTOR / --rate-limit-factor = -1.0: expected"),
        ("MOCKSERVER_RATE_LIMIT_FACTOR", "inf", "= inf: expected a number >= 0"),
        ("PORT", "notaport", "PORT / --port = 'notaport': expected a whole number from 1 to 65535"),
        ("PORT", "70000", "PORT / --port = 70000"),
        ("MOCKSERVER_SLOW_PROVIDER_SECONDS", "-2", "--slow-provider-seconds = -2.0"),
        ("MOCKSERVER_JOURNAL_SIZE", "-1", "MOCKSERVER_JOURNAL_SIZE / --journal-size = -1"),
        ("MOCKSERVER_DOCUMENT_TTL_SECONDS", "0", "--document-ttl-seconds = 0"),
        ("MOCKSERVER_V2_GONE", "maybe", "MOCKSERVER_V2_GONE / --v2-gone = 'maybe': expected true or false"),
        ("MOCKSERVER_WORKERS", "0", "MOCKSERVER_WORKERS / --workers = 0: expected a whole number >= 1"),
        ("MOCKSERVER_THREADS", "many", "MOCKSERVER_THREADS / --threads = 'many'"),
        ("MOCKSERVER_ACCESS_LOG", "verbose", "= 'verbose': expected off or text or json"),
        ("MOCKSERVER_STORAGE_URL", "memcached://x", "expected memory:// or redis://host:port/db"),
        ("MOCKSERVER_ADMIN_TOKEN", "short-secret", "MOCKSERVER_ADMIN_TOKEN / --admin-token = (hidden)"),
        ("HOST", "nonsense", "HOST / --host = 'nonsense': expected an interface address or a host name"),
        ("HOST", "bad host!", "HOST / --host = 'bad host!': expected"),
        ("HOST", "300.1.1.1", "HOST / --host = '300.1.1.1': expected"),
    ],
)
def test_a_bad_setting_is_refused_at_start_up_naming_variable_value_and_what_is_allowed(variable, value, message):
    env = {**os.environ, variable: value, "CI": "true"}
    result = subprocess.run([str(SCRIPT), "serve"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    # One line naming the setting, and nothing before it: no banner.
    assert result.stderr.count("\n") == 1 and message in result.stderr and result.stdout == ""
    if variable == "MOCKSERVER_ADMIN_TOKEN":
        assert value not in result.stderr


@pytest.mark.parametrize(
    ("host", "address"),
    [("127.0.0.1", "127.0.0.1"), ("localhost", "127.0.0.1"), ("::1", "::1"), ("0.0.0.0", "0.0.0.0")],
)
def test_a_host_name_binds_the_address_it_resolves_to(host, address):
    assert Settings(host=host).bind_address() == address


def test_a_host_name_that_resolves_to_nothing_is_refused_naming_the_setting():
    with pytest.raises(ValueError, match=r"^HOST / --host = 'no-such-host.invalid': expected"):
        Settings(host="no-such-host.invalid").bind_address()


@pytest.mark.system
def test_serve_listens_on_a_host_name_and_refuses_a_port_in_use():
    with running_server(env={"HOST": "localhost", "CI": "true"}) as (base, process):
        assert requests.get(f"{base}/__admin/health", timeout=5).status_code == 200
        port = base.rsplit(":", 1)[1]
        taken = subprocess.run(
            [str(SCRIPT), "serve", "--port", port], env={**os.environ, "CI": "true"}, capture_output=True, text=True
        )
    assert (taken.returncode, taken.stdout) == (2, "")
    assert taken.stderr == f"api-entreprise-mock: PORT / --port = {port}: cannot listen on 127.0.0.1: already in use\n"


@pytest.mark.system
@pytest.mark.concurrent
def test_a_bad_flag_is_refused_naming_it():
    result = subprocess.run([str(SCRIPT), "serve", "--rate-limit-factor", "-3"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "--rate-limit-factor = -3.0: expected a number >= 0" in result.stderr


@pytest.mark.system
@pytest.mark.concurrent
def test_make_contract_does_not_echo_the_token(tmp_path):
    stub = tmp_path / "pytest"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "contract",
            f"BIN={tmp_path}",
            "BASE_URL=http://127.0.0.1:1",
            f"TOKEN={SECRET_TOKEN}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert SECRET_TOKEN not in result.stdout + result.stderr
    assert "with the given token" in result.stdout
