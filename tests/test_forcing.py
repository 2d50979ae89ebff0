"""Scenarios forced by the admin API: on which routes, how many calls, with which delay."""

import time

import pytest

from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules.errors import ERRORS


@pytest.fixture
def force(client):
    def call(**body):
        return client.post("/__admin/scenario", json=body)

    return call


def test_a_forced_scenario_plays_on_every_route_that_can(force, get):
    assert force(scenario="provider_unavailable").status_code == 200
    assert get("/v2/entreprises/418166096").status_code == 503
    assert get("/v2/etablissements/41816609600051").status_code == 503
    assert get("/v2/privileges").status_code == 200


def test_routes_and_times_bound_it(force, get, client):
    force(scenario="not_found", routes=["etablissements"], times=2)
    assert client.get("/__admin/scenario").json == {
        "forced": {"scenario": "not_found", "routes": ["etablissements"], "times": 2, "delay_seconds": None}
    }
    assert get("/v2/entreprises/418166096").status_code == 200
    assert [get("/v2/etablissements/41816609600051").status_code for _ in range(3)] == [404, 404, 200]
    assert client.get("/__admin/scenario").json == {"forced": None}


def test_the_request_header_still_wins(force, get):
    force(scenario="provider_error")
    assert get("/v2/entreprises/418166096", headers={"X-Mock-Scenario": "nominal"}).status_code == 200


def test_forced_nominal_overrides_a_reserved_identifier(force, get):
    force(scenario="nominal")
    assert get("/v2/entreprises/999990013").status_code == 200


def test_delay_of_the_slow_provider(force, get):
    force(scenario="slow_provider", delay_seconds=0.3)
    started = time.monotonic()
    assert get("/v2/entreprises/418166096").status_code == 200
    assert time.monotonic() - started >= 0.3


def test_forced_rate_limit_comes_first_with_a_short_retry_after(force, get):
    force(scenario="rate_limited", times=1)
    response = get("/v2/entreprises/123", headers={"Authorization": "Bearer not-a-jwt"})
    assert response.status_code == 429
    assert response.json == {"errors": ["Vous avez effectué trop de requêtes"]}
    assert response.headers["Retry-After"] == "1"
    assert response.headers["RateLimit-Remaining"] == "0"
    assert int(response.headers["RateLimit-Reset"]) - time.time() <= 1
    assert get("/v2/entreprises/418166096").status_code == 200


def test_an_empty_scenario_header_is_refused(get):
    assert get("/v2/entreprises/418166096", headers={"X-Mock-Scenario": ""}).status_code == 400


def test_rate_limited_by_header_or_prefer_even_with_limits_off(get):
    assert get("/v2/entreprises/418166096", headers={"X-Mock-Scenario": "rate_limited"}).status_code == 429
    assert get("/v2/etablissements/41816609600051", headers={"Prefer": "code=429"}).status_code == 429
    assert get("/v2/privileges", headers={"X-Mock-Scenario": "rate_limited"}).status_code == 400


@pytest.mark.parametrize(
    ("body", "error", "detail"),
    [
        # A name the sandbox does not know: the field, the name, the nearest known one when there is one.
        ({"scenario": "teapot"}, "unknown_scenario", "scenario : « teapot » n'est pas un scénario (voir GET"),
        (
            {"scenario": "provider_unavailble"},
            "unknown_scenario",
            "scenario : « provider_unavailble » n'est pas un scénario ; vouliez-vous dire « provider_unavailable » ?",
        ),
        (
            {"scenario": "non_diffusible", "routes": ["privileges"]},
            "unknown_scenario",
            "routes[0] : la route « privileges » ne joue pas le scénario « non_diffusible »",
        ),
        (
            {"scenario": "not_found", "routes": ["nowhere"]},
            "bad_request",
            "routes[0] : « nowhere » n'est pas une route",
        ),
        (
            {"scenario": "not_found", "routes": ["entreprises", "etablissement"]},
            "bad_request",
            "routes[1] : « etablissement » n'est pas une route du catalogue ; vouliez-vous dire « etablissements » ?",
        ),
        ({"scenario": "not_found", "times": 0}, "bad_request", None),
        ({"scenario": "not_found", "times": True}, "bad_request", None),
        ({"scenario": "slow_provider", "delay_seconds": -1}, "bad_request", None),
        ({"scenario": "slow_provider", "delay_seconds": "1"}, "bad_request", None),
        ({"scenario": "not_found", "colour": "red"}, "bad_request", None),
        (["not_found"], "bad_request", None),
    ],
)
def test_bad_bodies_are_api_400s(client, body, error, detail):
    response = client.post("/__admin/scenario", json=body)
    assert response.status_code == 400
    (said,) = response.json["errors"]
    if detail is None:
        assert said == ERRORS[error].detail
    else:
        assert said.startswith(detail)
    assert client.get("/__admin/scenario").json == {"forced": None}


def test_not_json_is_a_400(client):
    assert client.post("/__admin/scenario", data="scenario=not_found").status_code == 400


def test_delete_and_reset_clear_it(force, get, client):
    force(scenario="provider_error")
    assert client.delete("/__admin/scenario").status_code == 204
    assert get("/v2/entreprises/418166096").status_code == 200
    force(scenario="provider_error")
    client.post("/__admin/reset")
    assert get("/v2/entreprises/418166096").status_code == 200


def test_the_journal_names_the_forced_scenario(force, get, client):
    client.delete("/__admin/requests")
    force(scenario="rate_limited", times=1)
    get("/v2/entreprises/418166096")
    get("/v2/entreprises/418166096")
    assert [e["scenario"] for e in client.get("/__admin/requests").json["requests"]] == ["rate_limited", "nominal"]


def test_forcing_is_per_application():
    first, second = (create_app(Settings(rate_limit_factor=0)).test_client() for _ in range(2))
    first.post("/__admin/scenario", json={"scenario": "not_found"})
    assert second.get("/__admin/scenario").json == {"forced": None}
