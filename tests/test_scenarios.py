"""Scenarios: reachable by reserved identifier, by X-Mock-Scenario and by Prefer: code=NNN."""

import time

import pytest

from mockserver.catalogue import INSEE_SCENARIOS
from mockserver.rules import scenarios
from mockserver.rules.identifiers import is_siren, is_siret

PROVIDER_FAILURES = [
    ("not_found", 404, "01003"),
    ("provider_error", 502, "01000"),
    ("provider_unavailable", 503, "01001"),
    ("provider_timeout", 504, "01002"),
]


def test_reserved_identifiers_are_valid_and_unique():
    seen = set()
    for scenario in scenarios.SCENARIOS.values():
        for siren in scenario.reserved["siren"]:
            assert is_siren(siren), siren
        for siret in scenario.reserved["siret"]:
            assert is_siret(siret), siret
        for identifier in sum(scenario.reserved.values(), ()):
            assert identifier not in seen
            seen.add(identifier)


@pytest.mark.parametrize("name", sorted(INSEE_SCENARIOS))
@pytest.mark.parametrize("kind", ["siren", "siret"])
def test_each_reserved_identifier_plays_its_scenario(get, name, kind):
    """The identity routes play every common scenario; the document routes' own ones are tested with them."""
    scenario = scenarios.SCENARIOS[name]
    route = "entreprises" if kind == "siren" else "etablissements"
    for identifier in scenario.reserved[kind]:
        response = get(f"/v2/{route}/{identifier}")
        assert response.status_code == scenario.status, identifier


@pytest.mark.parametrize(("name", "status", "code"), PROVIDER_FAILURES)
def test_provider_failures_by_header_on_any_identifier(get, name, status, code):
    response = get("/v2/entreprises/418166096", headers={"X-Mock-Scenario": name}, params={"error_format": "json_api"})
    assert response.status_code == status
    assert response.json["errors"][0]["code"] == code
    assert response.json["gateway_error"] is True


@pytest.mark.parametrize(("name", "status", "code"), PROVIDER_FAILURES)
def test_prefer_code_is_an_alias(get, name, status, code):
    response = get("/v2/etablissements/41816609600069", headers={"Prefer": f"code={status}"})
    assert response.status_code == status


def test_prefer_code_without_a_single_scenario_is_refused(get):
    response = get("/v2/entreprises/418166096", headers={"Prefer": "code=451"})
    assert response.status_code == 400
    assert response.json["errors"] == [
        "Scénario inconnu ou non disponible pour cette route : voir GET /__admin/scenarios"
    ]


def test_unknown_scenario_header_is_refused(get):
    assert get("/v2/entreprises/418166096", headers={"X-Mock-Scenario": "teapot"}).status_code == 400


def test_nominal_header_overrides_a_reserved_identifier(get):
    assert get("/v2/entreprises/000000000", headers={"X-Mock-Scenario": "nominal"}).status_code == 200


def test_non_diffusible_by_header(get):
    assert get("/v2/entreprises/418166096", headers={"X-Mock-Scenario": "non_diffusible"}).status_code == 451
    body = get(
        "/v2/entreprises/418166096", headers={"X-Mock-Scenario": "non_diffusible"}, params={"non_diffusables": "true"}
    ).json
    assert body["entreprise"]["diffusable_commercialement"] is False


def test_never_diffused_ignores_the_option(get):
    response = get("/v2/entreprises/999990039", params={"non_diffusables": "true"})
    assert response.status_code == 451
    assert response.json == {
        "errors": ["Le siren ou siret demandé est une entité pour laquelle aucun organisme ne peut avoir accès."],
        "gateway_error": True,
    }


@pytest.mark.parametrize(("route", "identifier"), [("entreprises", "999990047"), ("etablissements", "99999004700014")])
def test_redirect_keeps_the_query_and_lands_on_a_valid_identifier(get, token, route, identifier):
    response = get(f"/v2/{route}/{identifier}", params={"non_diffusables": "true", "token": token}, auth=False)
    assert response.status_code == 301
    location = response.headers["Location"]
    assert location.startswith(f"http://localhost/v2/{route}/")
    for fragment in (
        "context=test",
        "recipient=13002526500013",
        "object=essai",
        "non_diffusables=true",
        f"token={token}",
    ):
        assert fragment in location
    target = location.split(f"/v2/{route}/")[1].split("?")[0]
    assert target != identifier
    assert (is_siren if route == "entreprises" else is_siret)(target)
    assert "doublon" in response.data.decode()
    assert response.content_type.startswith("text/html")


def test_partial_content_marks_the_head_office_unavailable(get):
    response = get("/v2/entreprises/999990054")
    assert response.status_code == 206
    siege = response.json["etablissement_siege"]
    assert siege["naf"] == "Donnée indisponible"
    assert siege["siret"] == response.json["entreprise"]["siret_siege_social"]
    assert response.json["entreprise"]["siren"] == "999990054"


def test_partial_content_on_an_establishment(get):
    response = get("/v2/etablissements/99999005400010")
    assert response.status_code == 206
    assert response.json["etablissement"]["region_implantation"] == {
        "code": "Donnée indisponible",
        "value": "Donnée indisponible",
    }


def test_slow_provider_answers_late(get, settings):
    started = time.perf_counter()
    response = get("/v2/entreprises/999990096")
    assert response.status_code == 200
    assert time.perf_counter() - started >= settings.slow_provider_seconds


def test_a_siret_inherits_its_siren_scenario(get):
    assert get("/v2/etablissements/00000000012344").status_code == 404


def test_admin_scenarios_lists_the_table(client):
    body = client.get("/__admin/scenarios").json
    assert body["header"] == "X-Mock-Scenario"
    names = [s["name"] for s in body["scenarios"]]
    assert names == list(scenarios.SCENARIOS)
    assert {
        "not_found",
        "non_diffusible",
        "never_diffused",
        "redirected",
        "partial_content",
        "provider_error",
        "provider_unavailable",
        "provider_timeout",
        "slow_provider",
    } <= set(names)
    not_found = next(s for s in body["scenarios"] if s["name"] == "not_found")
    assert "000000000" in not_found["reserved_identifiers"]["siren"]


def test_privileges_has_no_scenario(get):
    assert get("/v2/privileges", headers={"X-Mock-Scenario": "provider_error"}).status_code == 400
