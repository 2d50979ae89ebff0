"""The example client's tests, as an integrator writes them with the sandbox's pytest plugin.

The ``api_entreprise`` fixture is a running sandbox; the matrix marker runs a test once per
scenario the route can answer, and any request breaking a rule of the real API fails it.
"""

import pytest
from entreprise_client import (
    ApiEntrepriseClient,
    Company,
    Establishment,
    InvalidIdentifier,
    Misconfigured,
    NotFound,
    Protected,
    Unavailable,
)

TIMEOUT = 0.5
# What the application must end up with, whatever the API answered.
EXPECTED = {
    "nominal": "data",
    "invalid_identifier": InvalidIdentifier,
    "redirected": "data",
    "partial_content": "data",
    "not_found": NotFound,
    "non_diffusible": Protected,
    "never_diffused": Protected,
    "rate_limited": "data",
    "provider_error": Unavailable,
    "provider_unavailable": Unavailable,
    "provider_timeout": Unavailable,
    "slow_provider": Unavailable,
}


def client_for(sandbox, token=None):
    return ApiEntrepriseClient(
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


@pytest.mark.api_entreprise_matrix("entreprises", timeout=TIMEOUT)
def test_company_lookup_survives_every_answer(api_entreprise):
    client = client_for(api_entreprise)
    siren = api_entreprise.identifier("siren")
    assert outcome_of(lambda: client.company(siren)) == EXPECTED[api_entreprise.scenario]


@pytest.mark.api_entreprise_matrix("etablissements", timeout=TIMEOUT)
def test_establishment_lookup_survives_every_answer(api_entreprise):
    client = client_for(api_entreprise)
    siret = api_entreprise.identifier("siret")
    assert outcome_of(lambda: client.establishment(siret)) == EXPECTED[api_entreprise.scenario]


def test_company_and_its_head_office_agree(api_entreprise):
    client = client_for(api_entreprise)
    company = client.company(api_entreprise.identifier("siren"))
    head_office = client.establishment(company.head_office_siret)
    assert isinstance(company, Company) and isinstance(head_office, Establishment)
    assert head_office.head_office and head_office.siret.startswith(company.siren)
    assert company.name and head_office.city


def test_reserved_identifiers_play_their_scenario(api_entreprise):
    client = client_for(api_entreprise)
    with pytest.raises(NotFound):
        client.company(api_entreprise.identifier("siren", scenario="not_found"))
    with pytest.raises(Protected):
        client.establishment(api_entreprise.identifier("siret", scenario="non_diffusible"))


@pytest.mark.parametrize("token", ["expired_token", "restricted_token"])
def test_a_bad_token_is_an_operator_problem(api_entreprise, token):
    client = client_for(api_entreprise, token=getattr(api_entreprise, token))
    with pytest.raises(Misconfigured):
        client.establishment(api_entreprise.identifier("siret"))


def test_every_request_carries_the_traceability_parameters(api_entreprise):
    client = client_for(api_entreprise)
    client.company(api_entreprise.identifier("siren"))
    (entry,) = api_entreprise.requests()
    assert {name: values[0] for name, values in entry.params.items()} == {
        "context": "aides publiques",
        "recipient": "13002526500013",
        "object": "dossier 2025-0042",
    }
