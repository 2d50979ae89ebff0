"""The OpenAPI documents: valid, complete for every catalogue row, examples true to the schemas."""

import json

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from mockserver.catalogue import ENDPOINTS
from mockserver.catalogue.schemas import validator
from mockserver.config import Settings
from mockserver.http import openapi
from mockserver.http.app import create_app
from mockserver.kit import sandbox
from mockserver.rules import identifiers
from mockserver.serving.cli import main

from .helpers import TODAY

V2_STATUSES = {
    "entreprises": {200, 206, 301, 400, 401, 403, 404, 422, 429, 451, 502, 503, 504},
    "etablissements": {200, 206, 301, 400, 401, 403, 404, 422, 429, 451, 502, 503, 504},
    # 403: an address the token does not allow, blocked in front of every route.
    "privileges": {200, 400, 401, 403},
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
    assert identifiers.valid(kind, identifiers.EXAMPLES[kind], TODAY)
    assert not identifiers.valid(kind, sandbox.INVALID_EXAMPLES[kind], TODAY)
    assert openapi.IDENTIFIER_DESCRIPTIONS[kind]
    schema = openapi.identifier_schema(kind)
    assert Draft202012Validator(schema).is_valid(identifiers.EXAMPLES[kind])


@pytest.mark.parametrize("name", sorted(openapi.DOCUMENTS))
def test_served_document_is_the_generated_one(name):
    """With the limits on; with them off, the RateLimit-* headers are optional (tests/test_http_hygiene.py)."""
    response = create_app(Settings(rate_limit_factor=1)).test_client().get(f"/openapi/{name}.json")
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


def test_the_v3_document_holds_the_v3_and_v4_routes():
    paths = openapi.document("v3")["paths"]
    assert "/v3/insee/sirene/unites_legales/{siren}" in paths
    assert "/v4/insee/sirene/etablissements/{siret}" in paths
    assert "/privileges" in paths
    assert not [path for path in paths if path.startswith("/v2/")]


def test_v3_errors_come_with_the_content_type_of_their_stage():
    endpoint = next(e for e in ENDPOINTS if e.name == "api_entreprise_v3_insee_unites_legales")
    responses = operation(endpoint)["responses"]
    unprocessable = responses["422"]["content"]
    assert set(unprocessable["application/json"]["examples"]) == {
        "missing_traceability",
        "invalid_recipient",
    }
    assert set(unprocessable["application/vnd.api+json"]["examples"]) == {"invalid_siren"}
    assert set(responses["429"]["content"]) == {"application/json"}
    assert set(responses["504"]["content"]["application/vnd.api+json"]["examples"]) == {"provider_timeout"}
    assert set(responses["502"]["content"]["application/vnd.api+json"]["examples"]) == {
        "provider_error",
        "provider_unavailable",
    }
    assert set(responses["409"]["content"]["application/json"]["examples"]) == {"conflict"}
    assert set(responses["200"]["content"]["application/vnd.api+json"]["examples"]) >= {"redirected", "non_diffusible"}
    recipient = next(p for p in operation(endpoint)["parameters"] if p["name"] == "recipient")
    assert recipient["schema"]["format"] == "siret"


def test_a_refused_version_documents_its_00402_and_no_data():
    endpoint = next(e for e in ENDPOINTS if e.name == "api_entreprise_v4_insee_adresses_etablissements")
    responses = operation(endpoint)["responses"]
    assert "200" not in responses
    (example,) = responses["404"]["content"]["application/vnd.api+json"]["examples"].values()
    assert example["value"]["errors"][0]["code"] == "00402"
    # The refusal stops every request at its stage: the recipient rules after it are never reached.
    assert set(responses["422"]["content"]["application/json"]["examples"]) == {"missing_traceability"}


@pytest.mark.parametrize(
    ("route", "option", "accepted", "rejected"),
    [
        ("attestations_fiscales_dgfip", "siren_is", ["", "418166096"], ["41816609", "abc"]),
        ("attestations_sociales_acoss", "type_attestation", ["", "AVG_UR"], ["AVG"]),
    ],
)
def test_checked_options_have_their_kind_schema_and_may_be_empty(route, option, accepted, rejected):
    endpoint = next(e for e in ENDPOINTS if e.name == route)
    parameter = next(p for p in operation(endpoint)["parameters"] if p["name"] == option)
    check = Draft202012Validator(parameter["schema"])
    assert all(check.is_valid(value) for value in accepted)
    assert not any(check.is_valid(value) for value in rejected)
    assert f"invalid_{option}" in operation(endpoint)["responses"]["422"]["content"]["application/json"]["examples"]


@pytest.mark.parametrize(
    "route", ["certificats_qualibat", "cotisations_msa", "attestations_cotisation_retraite_probtp"]
)
def test_sector_routes_show_a_company_of_their_sector(route):
    endpoint = next(e for e in ENDPOINTS if e.name == route)
    (siret,) = (p["example"] for p in operation(endpoint)["parameters"] if p["in"] == "path")
    assert siret != identifiers.EXAMPLES["siret"]
    assert "nominal" in operation(endpoint)["responses"]["200"]["content"]["application/json"]["examples"]


def test_a_document_example_links_to_the_storage():
    endpoint = next(e for e in ENDPOINTS if e.name == "attestations_fiscales_dgfip")
    example = operation(endpoint)["responses"]["200"]["content"]["application/json"]["examples"]["nominal"]
    assert example["value"]["url"].startswith(openapi.EXAMPLE_HOST + "siade/")


def test_a_parameter_checked_by_two_rules_is_documented_once_by_the_narrower():
    endpoint = next(e for e in ENDPOINTS if e.name == "api_entreprise_v3_dgfip_liasses_fiscales")
    (year,) = (p for p in operation(endpoint)["parameters"] if p["name"] == "year")
    assert year["schema"]["enum"][0] == "2006" and year["example"] in year["schema"]["enum"]
    examples = operation(endpoint)["responses"]["422"]["content"]["application/vnd.api+json"]["examples"]
    assert {"invalid_year", "invalid_dgfip_year"} <= set(examples)
