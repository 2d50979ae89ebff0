"""Contract violations: each rule of the real API a request breaks is recorded in the journal."""

import json
from urllib.parse import urlsplit

import pytest

from mockserver.config import Settings
from mockserver.documents.store import NOT_FOUND_PAGE
from mockserver.http import verification
from mockserver.http.app import create_app
from mockserver.rules.ratelimit import Pacing

from .helpers import TRACEABILITY


def last_violations(client):
    return client.get("/__admin/requests").json["requests"][-1]["violations"]


@pytest.mark.parametrize(
    ("path", "params", "headers", "rules"),
    [
        ("/v2/entreprises/418166096", {}, {}, []),
        ("/v2/entreprises/418166096", {"token": "use-the-header"}, {}, []),
        ("/v2/privileges", {"context": None, "recipient": None, "object": None}, {}, []),
        ("/v2/entreprises/418166096", {"recipient": None}, {}, ["missing_traceability"]),
        ("/v2/entreprises/418166096", {"object": "  ", "context": ""}, {}, ["missing_traceability"]),
        ("/v2/entreprises/418166097", {}, {}, ["invalid_identifier"]),
        ("/v2/etablissements/4181660960005", {}, {}, ["invalid_identifier"]),
        ("/v2/entreprises/418166097", {"context": None}, {}, ["missing_traceability", "invalid_identifier"]),
        ("/v2/entreprises/005572466", {}, {}, []),
        ("/v2/entreprises/005572466", {"non_diffusables": "true"}, {}, []),
        ("/v2/entreprises/005572466", {"non_diffusable": "true"}, {}, ["non_diffusible_option"]),
        ("/v2/etablissements/00557246600026", {"non_diffusables": "True"}, {}, ["non_diffusible_option"]),
        ("/v2/entreprises/005572466", {"non_diffusables": "true", "nondiffusable": "1"}, {}, []),
        ("/v2/entreprises/418166096", {"non_diffusable": "true"}, {}, []),
        ("/v2/entreprises/418166096", {}, {"X-Mock-Scenario": "provider_error"}, []),
        # v3: a blank recipient is missing, not malformed; a route without traceability reads no recipient.
        ("/v3/insee/sirene/unites_legales/418166096", {"recipient": "  "}, {}, ["missing_traceability"]),
        ("/v3/insee/sirene/unites_legales/418166096", {"recipient": "x"}, {}, ["invalid_recipient"]),
        ("/privileges", {"recipient": "x"}, {}, []),
    ],
)
def test_rules_broken_by_one_request(get, client, path, params, headers, rules):
    get(path, params=params, headers=headers)
    assert [found["rule"] for found in last_violations(client)] == rules


def test_a_violation_names_every_missing_parameter_and_the_first_40_characters(get, client):
    get("/v2/entreprises/418166096", params={"context": "", "recipient": " "})
    (found,) = last_violations(client)
    assert found["detail"] == "missing or blank: context, recipient"
    get("/v3/insee/sirene/unites_legales/" + "9" * 50)
    (found,) = last_violations(client)
    assert found["detail"] == f"siren {'9' * 40!r} is not a valid siren"


def test_a_violation_says_what_the_real_api_answers(get, client):
    get("/v2/entreprises/418166096", params={"recipient": "", "error_format": "json_api"})
    (found,) = last_violations(client)
    assert found["detail"] == "missing or blank: recipient"
    assert found["real_answer"]["status"] == 422
    assert [error["code"] for error in found["real_answer"]["body"]["errors"]] == ["00203"]
    assert found["title"] and found["advice"]


def test_an_invalid_identifier_is_answered_as_the_gateway_does(get, client):
    get("/v2/entreprises/418166097")
    (found,) = last_violations(client)
    assert found["real_answer"] == {
        "status": 422,
        "body": {"errors": ["Le numéro de siren n'est pas correctement formatté"], "gateway_error": True},
    }


def test_the_misspelt_option_gets_the_451_it_got(get, client):
    response = get("/v2/entreprises/005572466", params={"non_diffusable": "true"})
    (found,) = last_violations(client)
    assert found["detail"] == "sent non_diffusable=true"
    assert found["real_answer"] == {"status": response.status_code, "body": response.json}


def test_journal_entries_stay_plain_json(get, client):
    get("/v2/entreprises/418166097", params={"recipient": None})
    entries = client.get("/__admin/requests").json["requests"]
    assert json.loads(json.dumps(entries)) == entries


def test_exceeding_the_rate_limit_then_ignoring_retry_after(token):
    client = create_app(Settings(rate_limit_factor=0.02)).test_client()

    def send():
        client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
        return [found["rule"] for found in last_violations(client)]

    assert [send() for _ in range(5)] == [[]] * 5
    assert send() == ["rate_limit_exceeded"]
    assert send() == ["retry_after_ignored"]


def test_a_forced_429_is_no_violation_but_an_early_retry_is(app, get, client):
    now = [1_800_000_000.5]
    app.extensions["state"].clock = lambda: now[0]
    client.post("/__admin/scenario", json={"scenario": "rate_limited", "times": 2})
    assert get("/v2/entreprises/418166096").status_code == 429
    assert last_violations(client) == []
    assert get("/v2/etablissements/41816609600051").status_code == 429
    assert [found["rule"] for found in last_violations(client)] == ["retry_after_ignored"]
    now[0] += 1
    assert get("/v2/entreprises/418166096").status_code == 200
    assert last_violations(client) == []


def test_retry_after_is_per_token_and_group():
    pacing = Pacing()
    pacing.retry_after("token-a", "json_resources", not_before=100.0, now=40.0)
    assert pacing.too_early("token-a", "json_resources", 99.9)
    assert not pacing.too_early("token-a", "json_resources", 100.0)
    assert not pacing.too_early("token-b", "json_resources", 99.9)
    assert not pacing.too_early("token-a", "documents", 99.9)
    pacing.reset()
    assert not pacing.too_early("token-a", "json_resources", 99.9)


V3_UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"
V3_ETABLISSEMENT = "/v3/insee/sirene/etablissements/41816609600051"


@pytest.mark.parametrize(
    ("path", "recipient", "rule", "code"),
    [
        (V3_UNITE_LEGALE, "mairie de Paris", "invalid_recipient", "00210"),
        (V3_UNITE_LEGALE, "13002526500012", "invalid_recipient", "00210"),
    ],
)
def test_v3_recipient_rules_on_the_real_routes(get, client, path, recipient, rule, code):
    response = get(path, params={"recipient": recipient})
    (found,) = last_violations(client)
    assert found["rule"] == rule
    assert found["detail"] == f"recipient={recipient!r}"
    assert found["real_answer"] == {"status": response.status_code, "body": response.json}
    assert response.status_code == 422
    assert response.json["errors"][0]["code"] == code


@pytest.mark.parametrize("path", [V3_UNITE_LEGALE, V3_ETABLISSEMENT])
def test_the_requested_identifier_as_recipient_breaks_no_rule(get, client, path):
    # Production accepts it since December 2024: no 00211, so no violation to report either.
    assert get(path, params={"recipient": "41816609600051"}).status_code == 200
    assert last_violations(client) == []


def test_v3_token_in_query_and_a_good_recipient(client, token):
    assert client.get(V3_UNITE_LEGALE, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
    assert last_violations(client) == []
    response = client.get(V3_UNITE_LEGALE, query_string={**TRACEABILITY, "token": token})
    (found,) = last_violations(client)
    assert found["rule"] == "token_in_query"
    assert found["real_answer"] is None
    assert response.status_code == 200


def test_v2_has_no_recipient_format_nor_header_rule(client, token):
    client.get("/v2/entreprises/418166096", query_string={**TRACEABILITY, "recipient": "mairie", "token": token})
    assert last_violations(client) == []


@pytest.mark.parametrize(
    ("path", "params", "detail"),
    [
        ("/v2/attestations_fiscales_dgfip/418166096", {"siren_is": "418166097"}, "siren_is '418166097'"),
        ("/v2/attestations_sociales_acoss/418166096", {"type_attestation": "AVG"}, "type_attestation 'AVG'"),
        ("/v2/liasses_fiscales_dgfip/24/dictionnaire", {}, "annee '24'"),
    ],
)
def test_a_checked_option_or_year_is_an_identifier_the_real_api_rejects(get, client, path, params, detail):
    response = get(path, params=params)
    (found,) = last_violations(client)
    assert found["rule"] == "invalid_identifier"
    assert found["detail"].startswith(detail)
    assert found["real_answer"] == {"status": response.status_code, "body": response.json}


def test_an_empty_checked_option_is_no_violation(get, client):
    assert get("/v2/attestations_fiscales_dgfip/418166096", params={"siren_is": ""}).status_code == 200
    assert last_violations(client) == []


def storage_path(get):
    url = get("/v2/attestations_fiscales_dgfip/418166096").json["url"]
    path = urlsplit(url).path
    return path, int(path.rsplit("/", 1)[1].split("-")[0])


def test_a_document_fetched_after_it_expired_is_a_violation(app, get, client):
    path, issued = storage_path(get)
    store = app.extensions["state"].documents
    store.clock = lambda: issued + store.ttl_seconds - 1
    assert client.get(path).status_code == 200
    assert last_violations(client) == []
    store.clock = lambda: issued + store.ttl_seconds + 90
    response = client.get(path)
    entry = client.get("/__admin/requests").json["requests"][-1]
    assert (entry["path"], entry["status"], entry["endpoint"]) == (path, 404, "storage")
    (found,) = entry["violations"]
    assert found["rule"] == "document_expired"
    assert found["detail"] == "fetched 86490 s after it was issued; it lived 86400 s"
    assert found["real_answer"] == {"status": 404, "body": response.data.decode()}


def test_an_unknown_or_altered_document_name_is_no_expiry(app, get, client):
    path, issued = storage_path(get)
    app.extensions["state"].documents.clock = lambda: issued + 10**6
    assert client.get(path.replace("-attestation", "0-attestation")).status_code == 404
    assert client.get("/siade/1-00-attestation_fiscale_dgfip.pdf").status_code == 404
    assert last_violations(client) == []


def test_the_pipeline_clock_dates_the_documents(app, get):
    app.extensions["state"].clock = lambda: 1_800_000_000.0
    assert storage_path(get)[1] == 1_800_000_000


def test_the_report_quotes_the_storage_page_as_it_is(app, get, client):
    path, issued = storage_path(get)
    app.extensions["state"].documents.clock = lambda: issued + 10**6
    client.get(path)
    text = verification.report([client.get("/__admin/requests").json["requests"][-1]])
    assert "(document_expired)" in text
    assert f"real API: 404 {NOT_FOUND_PAGE.decode()}" in text


@pytest.mark.parametrize(("year", "kind"), [("24", "year"), ("2005", "dgfip_year")])
def test_a_year_checked_by_two_rules_breaks_one(get, client, year, kind):
    response = get(f"/v3/dgfip/unites_legales/418166096/liasses_fiscales/{year}")
    (found,) = last_violations(client)
    assert found["detail"] == f"year {year!r} is not a valid {kind}"
    assert found["real_answer"] == {"status": response.status_code, "body": response.json}


def test_entries_outside_the_pipeline_carry_no_violation(token):
    client = create_app(Settings(rate_limit_factor=0, v2_gone=True)).test_client()
    assert client.get("/v2/entreprises/418166096", query_string={"token": token}).status_code == 410
    assert last_violations(client) == []
