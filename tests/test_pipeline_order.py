"""The order of checks: a request with several faults gets the error production gives."""

import pytest

from mockserver.config import DEFAULT_SECRET
from mockserver.rules.auth import preset_token

RESTRICTED = preset_token("restricted", DEFAULT_SECRET)


def codes(response):
    return [error["code"] for error in response.json["errors"]]


def test_bad_token_and_bad_siren_gives_401(get):
    response = get("/v2/entreprises/123", headers={"Authorization": "Bearer nope"}, params={"error_format": "json_api"})
    assert response.status_code == 401
    assert codes(response) == ["00101"]


def test_good_token_missing_context_and_bad_siren_gives_422_for_context(get):
    response = get("/v2/entreprises/123", params={"context": None, "error_format": "json_api"})
    assert response.status_code == 422
    assert codes(response) == ["00201"]


def test_every_missing_parameter_is_listed(get):
    response = get("/v2/entreprises/418166096", params={"context": None, "recipient": "", "object": "  "})
    assert response.status_code == 422
    assert response.json["errors"] == [
        "Le paramètre context est obligatoire",
        "Le paramètre recipient est obligatoire",
        "Le paramètre object est obligatoire",
    ]


def test_missing_parameters_come_before_missing_scope(get):
    response = get(
        "/v2/etablissements/41816609600069",
        headers={"Authorization": f"Bearer {RESTRICTED}"},
        params={"object": None, "error_format": "json_api"},
    )
    assert codes(response) == ["00202"]


def test_missing_scope_comes_before_a_bad_identifier(get):
    response = get(
        "/v2/etablissements/123", headers={"Authorization": f"Bearer {RESTRICTED}"}, params={"error_format": "json_api"}
    )
    assert response.status_code == 403


def test_bad_identifier_comes_before_the_scenario(get):
    response = get("/v2/entreprises/123", headers={"X-Mock-Scenario": "provider_error"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/v2/entreprises/41816609", "Le numéro de siren n'est pas correctement formatté"),
        ("/v2/entreprises/418166097", "Le numéro de siren n'est pas correctement formatté"),
        ("/v2/etablissements/418166096", "Le numéro de siret n'est pas correctement formatté"),
        ("/v2/etablissements/41816609600068", "Le numéro de siret n'est pas correctement formatté"),
    ],
)
def test_identifier_errors_carry_the_real_message_and_gateway_error(get, path, message):
    response = get(path)
    assert response.status_code == 422
    assert response.json == {"errors": [message], "gateway_error": True}


def test_recipient_is_not_format_checked_in_v2(get):
    assert get("/v2/entreprises/418166096", params={"recipient": "la mairie"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        ("/v3/insee/sirene/unites_legales/123", {"recipient": "la mairie"}, "00210"),
        ("/v3/insee/sirene/unites_legales/418166096", {"recipient": "41816609600069"}, "00211"),
        ("/v3/insee/sirene/unites_legales/123", {}, "00301"),
    ],
)
def test_the_answer_is_the_first_violation_the_journal_reports(get, client, path, params, code):
    response = get(path, params=params)
    (entry,) = client.get("/__admin/requests").json["requests"][-1:]
    first = entry["violations"][0]["real_answer"]
    assert [error["code"] for error in response.json["errors"]] == [code]
    assert (first["status"], first["body"]) == (response.status_code, response.json)
