"""Contract violations: each rule of the real API a request breaks is recorded in the journal."""

import dataclasses
import json
import time

import pytest
from werkzeug.datastructures import MultiDict

from mockserver.app import create_app
from mockserver.catalogue import ENDPOINTS
from mockserver.config import Settings
from mockserver.violations import Pacing, detect

from .conftest import TRACEABILITY

ENTREPRISES = next(e for e in ENDPOINTS if e.name == "entreprises")
V3_ROUTE = dataclasses.replace(ENTREPRISES, name="v3_unites_legales", version="v3")


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
    ],
)
def test_rules_broken_by_one_request(get, client, path, params, headers, rules):
    get(path, params=params, headers=headers)
    assert [found["rule"] for found in last_violations(client)] == rules


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


def test_a_forced_429_is_no_violation_but_an_early_retry_is(get, client):
    client.post("/__admin/scenario", json={"scenario": "rate_limited", "times": 2})
    assert get("/v2/entreprises/418166096").status_code == 429
    assert last_violations(client) == []
    assert get("/v2/etablissements/41816609600051").status_code == 429
    assert [found["rule"] for found in last_violations(client)] == ["retry_after_ignored"]
    time.sleep(1.05)
    assert get("/v2/entreprises/418166096").status_code == 200
    assert last_violations(client) == []


def test_retry_after_is_per_token_and_group():
    pacing = Pacing()
    pacing.retry_after("token-a", "json_resources", not_before=100.0)
    assert pacing.too_early("token-a", "json_resources", 99.9)
    assert not pacing.too_early("token-a", "json_resources", 100.0)
    assert not pacing.too_early("token-b", "json_resources", 99.9)
    assert not pacing.too_early("token-a", "documents", 99.9)
    pacing.reset()
    assert not pacing.too_early("token-a", "json_resources", 99.9)


def v3_rules(recipient, *, token_in_query=False, endpoint=V3_ROUTE):
    args = MultiDict({**TRACEABILITY, "recipient": recipient})
    found = detect(endpoint, args, {"siren": "418166096"}, token_in_query=token_in_query, scenario=None, rate=None)
    return found


@pytest.mark.parametrize(
    ("recipient", "rule", "code"),
    [
        ("mairie de Paris", "recipient_not_siret", "00210"),
        ("13002526500012", "recipient_not_siret", "00210"),
        ("41816609600051", "recipient_is_requested_id", "00211"),
    ],
)
def test_v3_recipient_rules(recipient, rule, code):
    (found,) = v3_rules(recipient)
    assert found["rule"] == rule
    assert found["real_answer"]["status"] == 422
    assert found["real_answer"]["body"]["errors"][0]["code"] == code


def test_v3_token_in_query_and_a_good_recipient():
    assert v3_rules("13002526500013") == []
    (found,) = v3_rules("13002526500013", token_in_query=True)
    assert found["rule"] == "token_in_query"
    assert found["real_answer"] is None


def test_v2_has_no_recipient_format_nor_header_rule():
    assert v3_rules("mairie de Paris", token_in_query=True, endpoint=ENTREPRISES) == []
