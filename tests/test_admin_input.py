"""Admin and console input: bounded, schema-checked, answered in the API's error shape, never a 500."""

import json

import pytest
import schemathesis
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from mockserver.config import Settings
from mockserver.http import admin_guard, admin_openapi
from mockserver.http.app import create_app

# Deeper than the JSON parser recurses: once beyond the size bound, once within it.
HUGE_DEEP = "[" * 100_000 + "]" * 100_000
DEEP = "[" * 30_000 + "]" * 30_000


def post_raw(client, path: str, raw: str | bytes):
    return client.post(path, data=raw, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        {"scenario": ["a"]},
        {"scenario": {"a": 1}},
        {"scenario": None},
        {"routes": ["entreprises"]},
        {"scenario": "not_found", "routes": [["entreprises"]]},
        {"scenario": "not_found", "times": 1.5},
    ],
)
def test_unhashable_or_malformed_forcings_are_400s(client, body):
    response = client.post("/__admin/scenario", json=body)
    assert response.status_code == 400
    assert response.json == {"errors": ["Votre requête est invalide"]}


@pytest.mark.parametrize("path", ["/__admin/scenario", "/__admin/try"])
@pytest.mark.parametrize(("raw", "status"), [(HUGE_DEEP, 413), (DEEP, 400)])
def test_deeply_nested_json_is_refused_not_a_recursion_error(client, path, raw, status):
    response = post_raw(client, path, raw)
    assert response.status_code == status
    assert response.json["errors"]


def test_depth_beyond_the_bound_is_refused_even_where_the_schema_would_not_look(client):
    nested = {"path": "/v2/privileges", "query": {}}
    node = nested["query"]
    for _ in range(admin_guard.MAX_DEPTH):
        node["x"] = {}
        node = node["x"]
    assert client.post("/__admin/try", json=nested).status_code == 400


@pytest.mark.parametrize(
    "raw",
    [
        '{"path": "/v2/entreprises/\\ud800"}',
        '{"path": "/v2/privileges", "query": {"context": "\\udc00"}}',
        '{"path": "/v2/privileges", "query": {"\\ud83d": "x"}}',
        '{"path": "/v2/privileges", "headers": {"X-Mock-Scenario": "\\ud800"}}',
    ],
)
def test_lone_surrogates_in_a_try_are_400s(client, raw):
    response = post_raw(client, "/__admin/try", raw)
    assert response.status_code == 400
    assert response.json["errors"][0].startswith("Le corps doit être un objet JSON")


@pytest.mark.parametrize("path", ["/__admin/scenario", "/__admin/try"])
def test_a_body_over_the_bound_is_a_413(client, path):
    body = json.dumps({"scenario": "not_found", "padding": "x" * admin_guard.MAX_BODY_BYTES})
    response = post_raw(client, path, body)
    assert response.status_code == 413
    assert response.json == {"errors": ["Le corps d'une requête d'administration est limité à 64 Kio"]}


def test_the_admin_api_is_described_by_a_valid_openapi_document(client):
    response = client.get("/openapi/admin.json")
    assert response.status_code == 200
    validate(response.json)
    assert response.json == json.loads(json.dumps(admin_openapi.document()))
    routes = {rule.rule.replace("<kind>", "{kind}") for rule in client.application.url_map.iter_rules()}
    admin_routes = {route for route in routes if route.startswith("/__admin/")}
    assert admin_routes == set(response.json["paths"])


ADMIN = schemathesis.openapi.from_wsgi(
    "/openapi/admin.json",
    create_app(Settings(rate_limit_factor=0, slow_provider_seconds=0, access_log="off")),
    config=schemathesis.Config.from_dict({"seed": 20251201, "generation": {"max-examples": 40, "database": "none"}}),
)


@ADMIN.parametrize()
def test_no_admin_input_is_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, response_schema_conformance])
