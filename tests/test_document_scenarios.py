"""The document routes' own scenarios and rate-limit groups."""

from datetime import datetime

import pytest

from mockserver import world
from mockserver.catalogue import ENDPOINTS
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.renderers.documents_v2 import ACOSS_DAILY_CAP, RGE_PDF_FAILED
from mockserver.rules import scenarios
from mockserver.rules.errors import ERRORS
from mockserver.rules.ratelimit import PARIS, RateLimiter

from .helpers import TODAY, TRACEABILITY

# Scenario -> (route, kind of identifier, status of the outcome).
OWN_SCENARIOS = {
    "acoss_refusal": ("/v2/attestations_sociales_acoss/", "siren", 404),
    "dgfip_not_in_order": ("/v2/attestations_fiscales_dgfip/", "siren", 404),
    "rge_pdf_unavailable": ("/v2/certificats_rge_ademe/", "siret", 200),
    "association_without_documents": ("/v2/documents_associations/", "siret", 200),
}


def test_every_scenario_of_the_table_is_played_by_a_route():
    played = set().union(*(e.all_scenarios for e in ENDPOINTS))
    assert set(scenarios.SCENARIOS) <= played


@pytest.mark.parametrize("name", sorted(OWN_SCENARIOS))
def test_reserved_identifiers_play_their_scenario(get, name):
    route, kind, status = OWN_SCENARIOS[name]
    scenario = scenarios.SCENARIOS[name]
    assert scenario.status == status
    for identifier in scenario.reserved[kind]:
        assert get(route + identifier).status_code == status, identifier


def test_reserved_identifiers_are_ordinary_entities_elsewhere(get):
    """A refused or untaxed company still exists: INSEE and the other providers know it."""
    for name in ("acoss_refusal", "dgfip_not_in_order"):
        siren = scenarios.SCENARIOS[name].reserved["siren"][0]
        assert get(f"/v2/entreprises/{siren}").status_code == 200
    siren = scenarios.SCENARIOS["acoss_refusal"].reserved["siren"][0]
    assert world.vigilance_attestation(siren, TODAY) is not None


@pytest.mark.parametrize(
    ("name", "route", "error", "code"),
    [
        ("acoss_refusal", "/v2/attestations_sociales_acoss/418166096", "not_found_acoss", "04003"),
        ("dgfip_not_in_order", "/v2/attestations_fiscales_dgfip/418166096", "not_found_dgfip", "03003"),
    ],
)
def test_refusals_answer_the_providers_message_on_any_identifier(get, name, route, error, code):
    response = get(route, headers={"X-Mock-Scenario": name})
    assert response.status_code == 404
    assert response.json == {"errors": [ERRORS[error].detail]}
    coded = get(route, headers={"X-Mock-Scenario": name}, params={"error_format": "json_api"}).json
    assert coded["errors"][0]["code"] == code


def test_rge_pdf_unavailable_replaces_the_first_url_by_ademes_text(client, get):
    siret = scenarios.SCENARIOS["rge_pdf_unavailable"].reserved["siret"][0]
    qualifications = get(f"/v2/certificats_rge_ademe/{siret}").json["qualifications"]
    assert qualifications[0]["url_certificat"] == RGE_PDF_FAILED
    for qualification in qualifications[1:]:
        assert "/siade/" in qualification["url_certificat"]


def test_rge_pdf_unavailable_lends_certificates_to_any_company(get):
    response = get("/v2/certificats_rge_ademe/41816609600051", headers={"X-Mock-Scenario": "rge_pdf_unavailable"})
    assert response.status_code == 200
    assert response.json["qualifications"][0]["url_certificat"] == RGE_PDF_FAILED
    assert get("/v2/certificats_rge_ademe/41816609600051").status_code == 404


@pytest.mark.parametrize("kind", ["siret", "rna"])
def test_association_without_documents(get, kind):
    identifier = scenarios.SCENARIOS["association_without_documents"].reserved[kind][0]
    body = get(f"/v2/documents_associations/{identifier}").json
    assert body == {"documents": [], "nombre_documents": 0, "nombre_documents_deficients": 0}


def test_acoss_delivers_ten_attestations_a_day_then_503(client, get):
    siren = scenarios.SCENARIOS["acoss_daily_cap"].reserved["siren"][0]
    route = f"/v2/attestations_sociales_acoss/{siren}"
    for _ in range(ACOSS_DAILY_CAP):
        assert get(route).status_code == 200
    refused = get(route)
    assert refused.status_code == 503
    assert refused.json == {"errors": [ERRORS["acoss_daily_cap"].detail]}
    other = get("/v2/attestations_sociales_acoss/418166096", headers={"X-Mock-Scenario": "acoss_daily_cap"})
    assert other.status_code == 200
    assert client.post("/__admin/reset").status_code == 204
    assert get(route).status_code == 200


def test_the_daily_count_starts_over_at_midnight_paris_time():
    limiter = RateLimiter({}, "memory://", 0)
    before = datetime(2025, 6, 30, 23, 59, 30, tzinfo=PARIS).timestamp()
    assert [limiter.count_today("acoss/418166096", before) for _ in range(3)] == [1, 2, 3]
    assert limiter.count_today("acoss/418166096", before + 60) == 1
    assert limiter.count_today("acoss/552049447", before) == 1


@pytest.fixture
def throttled(token):
    """A client with the real limits (documents 50/min shared, DGFIP and INPI 5/min shared)."""
    client = create_app(Settings(rate_limit_factor=1)).test_client()

    def call(path):
        return client.get(path, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})

    return call


def test_document_routes_share_one_50_a_minute_counter(throttled):
    routes = ["/v2/certificats_cnetp/516018496", "/v2/certificats_qualibat/99999064100287"]
    for index in range(50):
        response = throttled(routes[index % 2])
        assert response.status_code == 200
        assert response.headers["RateLimit-Limit"] == "50"
    assert throttled("/v2/attestations_sociales_acoss/418166096").status_code == 429
    assert throttled("/v2/entreprises/418166096").status_code == 200


def test_dgfip_and_inpi_share_one_5_a_minute_counter(throttled):
    for route in ["/v2/attestations_fiscales_dgfip/418166096"] * 3 + ["/v2/actes_inpi/418166096"] * 2:
        response = throttled(route)
        assert response.status_code == 200
        assert response.headers["RateLimit-Limit"] == "5"
    assert throttled("/v2/bilans_inpi/418166096").status_code == 429
    assert throttled("/v2/certificats_cnetp/516018496").status_code == 200
