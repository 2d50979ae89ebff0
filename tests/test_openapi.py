"""The OpenAPI documents: valid, complete for every catalogue row, examples true to the schemas."""

import json

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from mockserver import identifiers, openapi, sandbox
from mockserver.catalogue import ENDPOINTS
from mockserver.cli import main
from mockserver.schemas import validator

V2_STATUSES = {
    "entreprises": {200, 206, 301, 400, 401, 403, 404, 422, 429, 451, 502, 503, 504},
    "etablissements": {200, 206, 301, 400, 401, 403, 404, 422, 429, 451, 502, 503, 504},
    "privileges": {200, 400, 401},
}


def operation(endpoint):
    name = next(name for name, versions in openapi.DOCUMENTS.items() if endpoint.version in versions)
    return openapi.document(name)["paths"][endpoint.path]["get"]


def resolve(document, pointer):
    node = document
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part]
    return node


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


@pytest.mark.parametrize("name", sorted(openapi.DOCUMENTS))
def test_documents_are_valid_openapi(name):
    validate(openapi.document(name))


@pytest.mark.parametrize("name", sorted(openapi.DOCUMENTS))
def test_every_reference_resolves_inside_the_document(name):
    document = openapi.document(name)
    for ref in refs(document):
        assert ref.startswith("#/components/schemas/"), ref
        resolve(document, ref)
    assert '"$id"' not in json.dumps(document["components"])


def test_every_catalogue_row_is_documented_once():
    documented = [(name, path) for name in openapi.DOCUMENTS for path in openapi.document(name)["paths"]]
    expected = [(n, e.path) for e in ENDPOINTS for n, versions in openapi.DOCUMENTS.items() if e.version in versions]
    assert sorted(documented) == sorted(expected)


@pytest.mark.parametrize(("route", "statuses"), sorted(V2_STATUSES.items()))
def test_v2_routes_document_every_status_they_answer(route, statuses):
    endpoint = next(e for e in ENDPOINTS if e.name == route)
    assert {int(status) for status in operation(endpoint)["responses"]} == statuses


def test_parameters_of_a_data_route():
    endpoint = next(e for e in ENDPOINTS if e.name == "entreprises")
    parameters = {p["name"]: p for p in operation(endpoint)["parameters"]}
    assert parameters["siren"]["schema"]["pattern"] == "^[0-9]{9}$"
    assert parameters["siren"]["in"] == "path"
    assert all(parameters[name]["required"] for name in ("context", "recipient", "object"))
    assert not parameters["non_diffusables"]["required"] and not parameters["error_format"]["required"]
    assert "rate_limited" in parameters["X-Mock-Scenario"]["schema"]["enum"]
    assert operation(endpoint)["security"] == [{"bearer": []}, {"token_query": []}]


def test_privileges_takes_no_traceability_and_plays_no_rate_limit():
    endpoint = next(e for e in ENDPOINTS if e.name == "privileges")
    parameters = {p["name"]: p for p in operation(endpoint)["parameters"]}
    assert set(parameters) == {"error_format", "X-Mock-Scenario"}
    assert parameters["X-Mock-Scenario"]["schema"]["enum"] == ["nominal"]


def test_rate_limit_headers_are_required_once_a_token_is_counted():
    endpoint = next(e for e in ENDPOINTS if e.name == "etablissements")
    responses = operation(endpoint)["responses"]
    assert responses["200"]["headers"]["RateLimit-Remaining"]["required"] is True
    assert responses["401"]["headers"]["RateLimit-Remaining"]["required"] is False
    assert responses["429"]["headers"]["Retry-After"]["required"] is True
    assert responses["301"]["headers"]["Location"]["required"] is True


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_every_example_validates_against_its_schema(endpoint):
    for status, response in operation(endpoint)["responses"].items():
        for media_type, content in response["content"].items():
            if media_type == "text/html":
                continue
            schema = endpoint.schema if int(status) < 300 else openapi.ERROR_SCHEMAS[endpoint.version]
            for name, example in content["examples"].items():
                errors = list(validator(schema).iter_errors(example["value"]))
                assert not errors, (status, name, errors[:1])


def test_examples_come_from_the_world_model():
    endpoint = next(e for e in ENDPOINTS if e.name == "entreprises")
    example = operation(endpoint)["responses"]["200"]["content"]["application/json"]["examples"]["nominal"]
    assert example["value"]["entreprise"]["raison_sociale"] == "OCTO-TECHNOLOGY"
    assert example["value"]["entreprise"]["siret_siege_social"] == identifiers.EXAMPLES["siret"]


@pytest.mark.parametrize("kind", sorted(identifiers.KINDS))
def test_every_identifier_kind_has_a_schema_and_examples(kind):
    rule, _ = identifiers.KINDS[kind]
    assert rule(identifiers.EXAMPLES[kind])
    assert not rule(sandbox.INVALID_EXAMPLES[kind])
    assert openapi.IDENTIFIER_DESCRIPTIONS[kind]
    schema = openapi.IDENTIFIER_SCHEMAS[kind]
    assert Draft202012Validator(schema).is_valid(identifiers.EXAMPLES[kind])


@pytest.mark.parametrize("name", sorted(openapi.DOCUMENTS))
def test_served_document_is_the_generated_one(client, name):
    response = client.get(f"/openapi/{name}.json")
    assert response.status_code == 200
    assert response.json == json.loads(json.dumps(openapi.document(name)))


def test_unknown_document_is_an_api_404(client):
    response = client.get("/openapi/v9.json")
    assert response.status_code == 404
    assert response.json == {
        "errors": ["Aucune route du bac à sable ne correspond à cette URL : voir GET /__admin/routes"]
    }


def test_documents_are_built_once(client):
    client.get("/openapi/v2.json")
    misses = openapi.document.cache_info().misses
    for _ in range(3):
        client.get("/openapi/v2.json")
    assert openapi.document.cache_info().misses == misses


@pytest.mark.parametrize("name", sorted(openapi.DOCUMENTS))
def test_cli_writes_the_document(tmp_path, name):
    target = tmp_path / f"{name}.json"
    assert main(["openapi", name, "-o", str(target)]) == 0
    assert json.loads(target.read_text()) == json.loads(json.dumps(openapi.document(name)))
