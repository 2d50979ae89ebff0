"""The official staging identifiers: every case of the identity routes gives the official status and kind.

The expected statuses come from the official staging index (``_index.json``), not from the
sandbox's tables. Error codes keep the official subcode under the route provider's own
prefix, where some official cases carry another provider's (CONTRACT §5.2).
"""

import re
from pathlib import Path

import pytest

from mockserver.catalogue import BY_NAME as ROUTES
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules.errors import PROVIDER_CODES
from mockserver.rules.identifiers import is_siren, is_siret

from .helpers import RECIPIENT
from .reference import staging_index

SCENARIOS_DOC = Path(__file__).resolve().parent.parent / "docs" / "scenarios.md"


def cases():
    return [case for case in staging_index() if case["operation_id"] in ROUTES]


def is_association(data):
    return data["forme_juridique"]["code"].startswith("92") and data["type"] == "personne_morale"


# Case name -> what the unit behind it must be, read on the protected unités légales route.
KINDS = {
    "association": lambda d: is_association(d) and d["rna"] is not None,
    "association_regime_alsace_moselle": lambda d: is_association(d) and d["rna"] is None,
    "personne_morale": lambda d: d["type"] == "personne_morale" and d["etat_administratif"] == "A",
    "personne_morale_etat_cesse": lambda d: d["type"] == "personne_morale" and d["etat_administratif"] == "C",
    "personne_physique_diffusible": lambda d: (
        d["type"] == "personne_physique" and d["status_diffusion"] == "diffusible"
    ),
    "personne_physique_non-diffusible": lambda d: (
        d["type"] == "personne_physique"
        and d["status_diffusion"] == "partiellement_diffusible"
        and d["diffusable_commercialement"] is False
    ),
}


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(rate_limit_factor=0))


@pytest.fixture
def call(get):
    def request(operation_id, params):
        path = ROUTES[operation_id].path.format(**{name: str(value) for name, value in params.items()})
        return get(path, params={"recipient": RECIPIENT})

    return request


def test_the_identity_routes_have_staging_cases():
    operations = {case["operation_id"] for case in cases()}
    assert len(cases()) >= 90
    assert {"api_entreprise_v3_infogreffe_extraits_rcs", "api_entreprise_v3_european_commission_vies"} <= operations


# Where production's code contradicts the official example.
DEVIATIONS = {
    # The staging file writes the unavailable provider's 01001 as a 504; production's code answers XX001 with 502
    # (its ProviderUnavailable error is of the provider_error kind), and the code decides.
    ("api_entreprise_v3_insee_successions", "504"): (502, "01001"),
}
LUHN_ERRORS = {"siren": "00301", "siret": "00302"}
# The API's own errors carry no provider prefix; the staging file writes the privileges code with a digit short.
OWN_CODES = {"0100": "00100"}


def luhn_failure(params):
    """Return the error code the real server gives a staging case whose identifier fails Luhn, or None."""
    for kind, code in LUHN_ERRORS.items():
        value = params.get(kind, "")
        if value and not (is_siren(value) if kind == "siren" else is_siret(value)):
            return code
    return None


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c['operation_id']}/{c['case']}")
def test_staging_case_gives_the_official_status(call, case):
    response = call(case["operation_id"], case["params"])
    if luhn_failure(case["params"]):
        # Unreachable in the official staging too: the identifier is checked before the mock (CONTRACT §5.2).
        assert (response.status_code, response.json["errors"][0]["code"]) == (422, luhn_failure(case["params"]))
        return
    if (case["operation_id"], case["case"]) in DEVIATIONS:
        status, code = DEVIATIONS[(case["operation_id"], case["case"])]
        assert (response.status_code, response.json["errors"][0]["code"]) == (status, code)
        return
    assert response.status_code == case["status"], response.json
    if case["error_codes"]:
        provider = ROUTES[case["operation_id"]].provider
        expected = OWN_CODES.get(case["error_codes"]) or PROVIDER_CODES[provider] + case["error_codes"][-3:]
        assert [e["code"] for e in response.json["errors"]] == [expected]


@pytest.mark.parametrize(
    "case", [c for c in cases() if c["case"] in KINDS], ids=lambda c: f"{c['operation_id']}/{c['case']}"
)
def test_staging_case_is_the_official_kind_of_entity(call, case):
    params = case["params"]
    siren = params.get("siren") or params.get("siren_or_rna") or params["siret"][:9]
    unite_legale = call("api_entreprise_v3_insee_unites_legales", {"siren": siren}).json["data"]
    assert KINDS[case["case"]](unite_legale), unite_legale
    if "siret" in params:
        # The staging SIRETs are their unit's head office.
        assert unite_legale["siret_siege_social"] == case["params"]["siret"]


def luhn_failing_ids():
    """Return the identifiers of every official staging case, any route, that fail the Luhn check."""
    found = set()
    for case in staging_index():
        for kind, value in case["params"].items():
            if (kind == "siren" and re.fullmatch(r"\d{9}", value) and not is_siren(value)) or (
                kind == "siret" and re.fullmatch(r"\d{14}", value) and not is_siret(value)
            ):
                found.add((kind, value))
    return sorted(found)


@pytest.mark.parametrize(("kind", "identifier"), luhn_failing_ids())
def test_luhn_failing_staging_ids_are_422_as_in_production_and_listed(call, kind, identifier):
    operation = (
        "api_entreprise_v3_insee_unites_legales" if kind == "siren" else "api_entreprise_v3_insee_etablissements"
    )
    response = call(operation, {kind: identifier})
    assert response.status_code == 422
    assert response.json["errors"][0]["code"] == ("00301" if kind == "siren" else "00302")
    assert f"`{identifier}`" in SCENARIOS_DOC.read_text(encoding="utf-8")
