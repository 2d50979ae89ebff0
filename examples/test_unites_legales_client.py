"""The v3 example client's tests, as an integrator writes them with the sandbox's pytest plugin.

The ``api_entreprise`` fixture is a running sandbox; the matrix marker runs a test once per
answer the route can give (its scenarios, with their v3 statuses: 403 for a missing
habilitation, 502 for a provider down), and any request breaking a rule of the real API fails it.
"""

import pytest
from unites_legales_client import (
    Establishment,
    InvalidIdentifier,
    LegalUnit,
    Misconfigured,
    NotFound,
    Protected,
    Unavailable,
    UnitesLegalesClient,
)

TIMEOUT = 0.5
LEGAL_UNITS = "api_entreprise_v3_insee_unites_legales"
ESTABLISHMENTS = "api_entreprise_v3_insee_etablissements"
# What the application must end up with, whatever the API answered.
EXPECTED = {
    "nominal": "data",
    "invalid_identifier": InvalidIdentifier,
    "non_diffusible": "data",
    "redirected": "data",
    "slow_provider": Unavailable,
    "insufficient_privileges": Misconfigured,
    "not_found": NotFound,
    "rate_limited": "data",
    "never_diffused": Protected,
    "provider_error": Unavailable,
    "provider_unavailable": Unavailable,
    "provider_timeout": Unavailable,
}


def client_for(sandbox, token=None):
    return UnitesLegalesClient(
        sandbox.base_url,
        token or sandbox.token,
        context="aides publiques",
        recipient="13002526500013",
        object="dossier 2025-0042",
        timeout=TIMEOUT,
    )


def outcome_of(lookup):
    """Return what the application gets: "data", or the class of the error it shows."""
    try:
        lookup()
    except (InvalidIdentifier, NotFound, Protected, Unavailable, Misconfigured) as error:
        return type(error)
    return "data"


@pytest.mark.api_entreprise_matrix(LEGAL_UNITS, timeout=TIMEOUT)
def test_legal_unit_lookup_survives_every_answer(api_entreprise):
    client = client_for(api_entreprise)
    siren = api_entreprise.identifier("siren")
    assert outcome_of(lambda: client.legal_unit(siren)) == EXPECTED[api_entreprise.scenario]


@pytest.mark.api_entreprise_matrix(ESTABLISHMENTS, timeout=TIMEOUT)
def test_establishment_lookup_survives_every_answer(api_entreprise):
    client = client_for(api_entreprise)
    siret = api_entreprise.identifier("siret")
    assert outcome_of(lambda: client.establishment(siret)) == EXPECTED[api_entreprise.scenario]


def test_the_matrix_plays_every_answer_the_table_expects(api_entreprise):
    from mockserver.http.matrix import matrix

    for route in (LEGAL_UNITS, ESTABLISHMENTS):
        assert {case.scenario for case in matrix((route,))} == set(EXPECTED)


def test_legal_unit_and_its_head_office_agree(api_entreprise):
    client = client_for(api_entreprise)
    unit = client.legal_unit(api_entreprise.identifier("siren"))
    head_office = client.establishment(unit.head_office_siret)
    assert isinstance(unit, LegalUnit) and isinstance(head_office, Establishment)
    assert head_office.head_office and head_office.siret.startswith(unit.siren)
    assert unit.name and head_office.city and unit.diffusible and unit.replaced_siren is None


def test_reserved_identifiers_play_their_scenario(api_entreprise):
    client = client_for(api_entreprise)
    with pytest.raises(NotFound):
        client.legal_unit(api_entreprise.identifier("siren", scenario="not_found"))
    with pytest.raises(Protected):
        client.legal_unit(api_entreprise.identifier("siren", scenario="never_diffused"))
    # v3 shows a partially diffusible unit (v2 answered 451): the application must not publish it.
    assert not client.establishment(api_entreprise.identifier("siret", scenario="non_diffusible")).diffusible
    duplicate = api_entreprise.identifier("siren", scenario="redirected")
    successor = client.legal_unit(duplicate)
    assert successor.replaced_siren == duplicate and successor.siren != duplicate


@pytest.mark.parametrize("token", ["expired_token", "restricted_token"])
def test_a_bad_token_is_an_operator_problem(api_entreprise, token):
    client = client_for(api_entreprise, token=getattr(api_entreprise, token))
    with pytest.raises(Misconfigured, match=r"^40[13]: 001"):
        client.establishment(api_entreprise.identifier("siret"))


def test_every_request_carries_the_traceability_parameters(api_entreprise):
    client = client_for(api_entreprise)
    client.legal_unit(api_entreprise.identifier("siren"))
    (entry,) = api_entreprise.requests()
    assert entry.path.startswith("/v3/") and {name: values[0] for name, values in entry.params.items()} == {
        "context": "aides publiques",
        "recipient": "13002526500013",
        "object": "dossier 2025-0042",
    }
