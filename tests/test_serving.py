"""Production serving: settings from flags and environment, the access log, quiet CI mode."""

import json

import pytest
import requests

from mockserver.config import Settings
from mockserver.http.app import create_app

from .helpers import TRACEABILITY
from .servers import running_server


@pytest.mark.parametrize(
    ("environ", "overrides", "expected"),
    [
        ({}, {}, {"workers": 1, "threads": 4, "access_log": "text"}),
        ({"CI": "true"}, {}, {"workers": 1, "threads": 4, "access_log": "off"}),
        (
            {"MOCKSERVER_WORKERS": "3", "MOCKSERVER_THREADS": "2", "MOCKSERVER_ACCESS_LOG": "json", "CI": "1"},
            {},
            {"workers": 3, "threads": 2, "access_log": "json"},
        ),
        ({"MOCKSERVER_WORKERS": "3"}, {"workers": 2, "access_log": "off"}, {"workers": 2, "access_log": "off"}),
    ],
)
def test_settings_from_environment_then_flags(environ, overrides, expected):
    settings = Settings.from_env(environ, **overrides)
    assert {name: getattr(settings, name) for name in expected} == expected


@pytest.mark.parametrize(
    "environ",
    [{"MOCKSERVER_ACCESS_LOG": "verbose"}, {"MOCKSERVER_WORKERS": "0"}, {"MOCKSERVER_THREADS": "many"}],
)
def test_bad_serving_settings_are_refused(environ):
    with pytest.raises(ValueError):
        Settings.from_env(environ)


def test_settings_travel_through_the_environment():
    settings = Settings(port=9999, rate_limit_factor=0.5, workers=2, access_log="json")
    assert Settings.from_env(settings.environment()) == settings


def test_json_access_log_has_one_line_per_request_with_the_token_masked(capsys, token):
    client = create_app(Settings(rate_limit_factor=0, access_log="json")).test_client()
    client.get("/v2/entreprises/418166096", query_string={**TRACEABILITY, "token": token})
    client.get("/v2/entreprises/418166096", headers={"X-Mock-Scenario": "provider_error"})
    client.get("/nowhere")
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["path"], r["status"], r["endpoint"], r["scenario"]) for r in records] == [
        ("/v2/entreprises/418166096", 200, "entreprises", "nominal"),
        ("/v2/entreprises/418166096", 401, "entreprises", None),
        ("/nowhere", 404, None, None),
    ]
    assert token not in lines[0]
    assert "token=[masqué]" in records[0]["query"]
    assert records[0]["bytes"] > 1000
    assert records[0]["method"] == "GET" and records[0]["duration_ms"] >= 0


def test_text_access_log_reads_like_a_web_server_log(capsys):
    client = create_app(Settings(rate_limit_factor=0, access_log="text")).test_client()
    client.get("/__admin/health")
    (line,) = capsys.readouterr().out.splitlines()
    assert '"GET /__admin/health HTTP/1.1" 200 ' in line
    assert line.endswith(" - -")


def test_no_access_log_when_off(capsys):
    create_app(Settings(access_log="off")).test_client().get("/__admin/health")
    assert capsys.readouterr().out == ""


def test_health_route_is_cheap_and_open(client):
    response = client.get("/__admin/health")
    assert (response.status_code, response.json) == (200, {"status": "ok", "storage": "memory", "degraded": []})


@pytest.mark.system
@pytest.mark.parametrize(
    ("environ", "full_banner", "logged"),
    [({"CI": "true"}, False, 0), ({"CI": ""}, True, 1), ({"CI": "true", "MOCKSERVER_ACCESS_LOG": "json"}, False, 1)],
)
def test_serve_is_quiet_in_ci(environ, full_banner, logged, token):
    with running_server(env=environ) as (base, process):
        requests.get(f"{base}/__admin/health", timeout=5)
        process.terminate()
        lines = process.communicate(timeout=10)[0].splitlines()
    assert lines[0].startswith("API Entreprise sandbox")
    assert any(token in line for line in lines) == full_banner
    assert len([line for line in lines if "GET /__admin/health" in line or '"/__admin/health"' in line]) == logged


@pytest.mark.system
def test_workers_and_threads_from_the_environment(token):
    env = {"MOCKSERVER_WORKERS": "2", "MOCKSERVER_THREADS": "3", "CI": ""}
    with running_server(env=env) as (base, process):
        for _ in range(4):
            response = requests.get(
                f"{base}/v2/entreprises/418166096",
                params=TRACEABILITY,
                headers={"Authorization": f"Bearer {token}"},
                timeout=5,
            )
            assert response.status_code == 200
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "2 worker(s) x 3 thread(s)" in output
    assert "each worker keeps its own counters and journal" in output


def test_granian_runs_its_event_loop_on_uvloop():
    from granian._loops import loops

    # granian's default loop ("auto") is rloop when installed, then uvloop: the installed one must be uvloop.
    assert "uvloop" in loops and "rloop" not in loops
