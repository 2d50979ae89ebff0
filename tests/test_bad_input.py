"""Bad input of every kind gets a clean 4xx in the API's error shape, never a 5xx or a traceback."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver.catalogue.schemas import validator

ROUTES = ["/v2/entreprises/", "/v2/etablissements/"]
ERROR_SCHEMA = validator("v2/errors.json")


def assert_api_error(response):
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:200])
    assert response.content_type == "application/json; charset=utf-8"
    assert not list(ERROR_SCHEMA.iter_errors(response.json))
    assert b"Traceback" not in response.data


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "identifier",
    [
        "abcdefghi",
        "12345678",
        "123456789012345",
        "٤١٨١٦٦٠٩٦",
        "４１８１６６０９６",
        "418166096%00",
        "%FF%FE",
        "..%2F..%2Fetc%2Fpasswd",
        "%E2%80%AE418166096",
        "1" * 10_000,
        "' OR 1=1 --",
        "<script>",
        "418 166 096",
        "-418166096",
        "+41816609",
        "4.1816e8",
        "null",
        "%",
    ],
)
def test_malformed_identifiers(get, route, identifier):
    assert_api_error(get(route + identifier))


@pytest.mark.parametrize(
    "params",
    [
        {"error_format": "xml"},
        {"non_diffusables": "\x00"},
        {"context": "x" * 10_000},
        {"object": "é" * 100},
        {"token": "a.b"},
        {"recipient": "%00"},
    ],
)
def test_odd_parameters_never_fail_the_server(get, params):
    response = get("/v2/entreprises/418166096", params=params)
    assert response.status_code in (200, 401)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer a.b.c.d",
        "Bearer " + "a" * 20_000,
        "Bearer \u00e9t\u00e9.x.y",
        "Basic Zm9vOmJhcg==",
        "Bearer eyJhbGciOiJub25lIn0.eyJ1aWQiOiJ4In0.",
    ],
)
def test_malformed_authorization_headers(get, header):
    response = get("/v2/entreprises/418166096", headers={"Authorization": header})
    assert response.status_code == 401
    assert_api_error(response)


@pytest.mark.sweep
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    identifier=st.text(min_size=1, max_size=40),
    route=st.sampled_from(ROUTES),
    scenario=st.one_of(st.none(), st.text(max_size=10)),
    error_format=st.sampled_from([None, "json_api", "x"]),
)
def test_fuzzed_requests_never_produce_a_5xx(get, identifier, route, scenario, error_format):
    headers = {"X-Mock-Scenario": scenario} if scenario and scenario.isprintable() and scenario.isascii() else {}
    response = get(route + quote(identifier, safe=""), headers=headers, params={"error_format": error_format})
    assert response.status_code < 500
    if response.status_code >= 400:
        assert not list(ERROR_SCHEMA.iter_errors(response.json))
