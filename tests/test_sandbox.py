"""The integrators' handle on a running sandbox: the matrix, identifiers, tokens, the report."""

import jwt
import pytest
import requests

from mockserver.http.matrix import INVALID_IDENTIFIER, SLOW_MARGIN, matrix
from mockserver.http.verification import report
from mockserver.rules.identifiers import is_siren

from .helpers import TODAY, TRACEABILITY


def test_matrix_of_an_identity_route():
    cases = matrix(("entreprises",), timeout=2)
    assert [(c.scenario, c.status) for c in cases] == [
        ("nominal", 200),
        ("invalid_identifier", 422),
        ("slow_provider", 200),
        ("partial_content", 206),
        ("redirected", 301),
        ("not_found", 404),
        ("rate_limited", 429),
        ("never_diffused", 451),
        ("non_diffusible", 451),
        ("provider_error", 502),
        ("provider_unavailable", 503),
        ("provider_timeout", 504),
    ]
    played = {c.scenario: (c.times, c.delay_seconds) for c in cases}
    assert played["rate_limited"] == (1, None) and played["redirected"] == (1, None)
    assert played["not_found"] == (None, None)
    assert played["slow_provider"] == (None, 2 + SLOW_MARGIN)


def test_matrix_of_a_current_route_has_its_statuses(api_entreprise):
    cases = matrix(("api_entreprise_v3_insee_unites_legales",), timeout=0)
    statuses = {c.scenario: c.status for c in cases}
    assert statuses["redirected"] == statuses["non_diffusible"] == 200
    assert statuses["provider_unavailable"] == 502
    assert statuses["insufficient_privileges"] == 403
    assert "partial_content" not in statuses
    headers = {"Authorization": f"Bearer {api_entreprise.token}"}
    for case in cases[2:]:
        api_entreprise.reset()
        api_entreprise.play(case)
        response = requests.get(
            f"{api_entreprise.base_url}/v3/insee/sirene/unites_legales/418166096",
            params=TRACEABILITY,
            headers=headers,
            timeout=10,
            allow_redirects=False,
        )
        assert response.status_code == case.status, case.scenario


def test_matrix_of_a_route_without_identifier_nor_scenario():
    assert [c.scenario for c in matrix(("privileges",))] == ["nominal"]


@pytest.mark.parametrize(
    ("routes", "message"),
    [
        ((), "needs one route name at least"),
        (("entreprise",), r"unknown route 'entreprise' \(did you mean 'entreprises'\?\)"),
        (("entreprises", "zzz"), r"unknown route 'zzz'; the route names are listed"),
    ],
)
def test_matrix_needs_catalogue_routes(routes, message):
    with pytest.raises(ValueError, match=message):
        matrix(routes)


def get(sandbox, path, token=None, **params):
    return requests.get(
        sandbox.base_url + path,
        params={**TRACEABILITY, **params},
        headers={"Authorization": f"Bearer {token or sandbox.token}"},
        timeout=5,
    )


def test_identifiers_for_scenarios(api_entreprise):
    assert api_entreprise.scenario is None
    assert is_siren(api_entreprise.identifier())
    assert not is_siren(api_entreprise.identifier("siren", scenario=INVALID_IDENTIFIER))
    assert (
        get(api_entreprise, f"/v2/entreprises/{api_entreprise.identifier('siren', 'provider_error')}").status_code
        == 502
    )
    with pytest.raises(ValueError, match="use force"):
        api_entreprise.identifier("siren", scenario="rate_limited")


def test_minted_tokens(api_entreprise):
    narrow = api_entreprise.mint_token(["etablissements"], claim="roles")
    assert jwt.decode(narrow, options={"verify_signature": False})["roles"] == ["etablissements"]
    assert get(api_entreprise, "/v2/entreprises/418166096", token=narrow).status_code == 403
    assert get(api_entreprise, "/v2/etablissements/41816609600051", token=narrow).status_code == 200
    expired = api_entreprise.mint_token(["entreprises"], expired=True)
    assert get(api_entreprise, "/v2/entreprises/418166096", token=expired).status_code == 401


def test_force_and_journal(api_entreprise):
    assert api_entreprise.force("provider_timeout", "etablissements", times=1)["times"] == 1
    assert get(api_entreprise, "/v2/etablissements/41816609600051").status_code == 504
    assert get(api_entreprise, "/v2/etablissements/41816609600051").status_code == 200
    assert [entry.status for entry in api_entreprise.requests()] == [504, 200]
    assert [entry.status for entry in api_entreprise.requests(route="etablissements", status=504)] == [504]
    assert api_entreprise.requests(route="entreprises") == []
    api_entreprise.assert_called("etablissements", times=2)
    with pytest.raises(
        AssertionError,
        match=r"entreprises was called 0 time\(s\), expected at least once; called: etablissements \(2\)",
    ):
        api_entreprise.assert_called("entreprises")
    with pytest.raises(AssertionError, match=r"called 2 time\(s\), expected 1 time\(s\)"):
        api_entreprise.assert_called("etablissements", times=1)
    api_entreprise.force("provider_error")
    api_entreprise.clear_forced()
    assert get(api_entreprise, "/v2/entreprises/418166096").status_code == 200
    with pytest.raises(ValueError, match="400"):
        api_entreprise.force("teapot")


def test_each_test_starts_from_a_clean_sandbox(api_entreprise):
    assert api_entreprise.requests() == []
    assert (
        get(api_entreprise, "/v3/infogreffe/rcs/unites_legales/418166096/extrait_kbis").json()["data"]["date_extrait"]
        == TODAY.isoformat()
    )


def test_at_reads_the_world_at_an_instant_until_reset(api_entreprise):
    kbis = "/v3/infogreffe/rcs/unites_legales/418166096/extrait_kbis"
    assert api_entreprise.at("2024-01-15") == "2024-01-15T12:00:00+01:00"
    assert get(api_entreprise, kbis).json()["data"]["date_extrait"] == "2024-01-15"
    # Created on 2024-12-04: not known yet on 2024-01-15.
    assert get(api_entreprise, "/v3/insee/sirene/unites_legales/301187852").status_code == 404
    assert api_entreprise.at(None).startswith(TODAY.isoformat())
    assert get(api_entreprise, "/v3/insee/sirene/unites_legales/301187852").status_code == 200
    api_entreprise.at("2023-03-15")
    with pytest.raises(ValueError, match="400"):
        api_entreprise.at("1899-12-31")


def test_report_shows_request_rule_and_real_answer():
    entry = {
        "method": "GET",
        "path": "/v2/entreprises/418166096",
        "params": {"context": ["c"], "token": ["[masqué]"]},
        "status": 422,
        "violations": [
            {
                "rule": "missing_traceability",
                "title": "context, recipient and object are mandatory on every data route",
                "detail": "missing or blank: recipient, object",
                "advice": "Send all three.",
                "real_answer": {"status": 422, "body": {"errors": ["Le paramètre recipient est obligatoire"]}},
            }
        ],
    }
    assert report([entry]).splitlines()[3:] == [
        "[1] GET /v2/entreprises/418166096?context=c&token=[masqué]",
        "    sandbox answered 422",
        "    - rule: context, recipient and object are mandatory on every data route (missing_traceability)",
        "      what: missing or blank: recipient, object",
        '      real API: 422 {"errors":["Le paramètre recipient est obligatoire"]}',
        "      fix: Send all three.",
    ]


def test_the_test_after_reads_the_world_today_again(api_entreprise):
    """The test before left the world on 2023-03-15: the fixture's reset brought it back."""
    kbis = "/v3/infogreffe/rcs/unites_legales/418166096/extrait_kbis"
    assert get(api_entreprise, kbis).json()["data"]["date_extrait"] == TODAY.isoformat()
