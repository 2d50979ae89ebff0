"""The v2 JSON routes beyond identity: shapes over a sweep, identifiers, scenarios, provider codes, groups."""

import json
import random
import subprocess
import sys
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver.catalogue import ENDPOINTS
from mockserver.catalogue.schemas import validator
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules import scenarios

from .helpers import FETCH_IN_A_FRESH_PROCESS, PINNED, PROVIDER_FAILURES, TODAY, TRACEABILITY, path_of
from .ordinary import drawn

ERROR_SCHEMA = validator("v2/errors.json")
NOT_FOUND = "Le siret ou siren indiqué n'existe pas, n'est pas connu ou ne comporte aucune information pour cet appel"
# DGFIP's messages (CONTRACT §2.8; error catalogue 03501).
DGFIP_NOT_SUBJECT_TO_IS = (
    "Erreur de la DGFIP, celle intervient généralement lorsque l'organisme n'est pas soumis à l'impôt sur les "
    "sociétés. Si c'est bien le cas il est possible que les comptes n'est pas encore été déposés aux greffes."
)
DGFIP_POTENTIAL_NOT_FOUND = (
    "Le serveur a renvoyé une erreur interne, mais cela peut aussi indiquer que le siret ou siren renseigné n'existe "
    "pas, n'est pas connu, n'est pas en règle de ses obligations fiscales ou ne comporte aucune information pour cet "
    "appel."
)
# Provider prefix of each route's error codes (CONTRACT §3.5; AGEFIPH's 13 is the sandbox's inference).
PROVIDER_PREFIXES = {
    "extraits_rcs_infogreffe": ("02", "Infogreffe"),
    "associations": ("07", "RNA"),
    "conventions_collectives": ("14", "Fabrique numérique des Ministères Sociaux"),
    "exercices": ("03", "DGFIP - Adélie"),
    "bilans_entreprises_bdf": ("17", "Banque de France"),
    "liasses_fiscales_dgfip_declarations": ("03", "DGFIP - Adélie"),
    "liasses_fiscales_dgfip_dictionnaire": ("03", "DGFIP - Adélie"),
    "liasses_fiscales_dgfip_complete": ("03", "DGFIP - Adélie"),
    "attestations_agefiph": ("13", "Agefiph"),
    "cotisations_msa": ("10", "MSA"),
    "eligibilites_cotisation_retraite_probtp": ("09", "ProBTP"),
    "certificats_opqibi": ("11", "OPQIBI"),
    "extraits_courts_inpi": ("05", "INPI"),
}
# What a route may answer for a valid identifier besides 200, and the least share of 200s a sweep must see.
SWEEP_OUTCOMES = {
    "extraits_rcs_infogreffe": ({404}, 0.5),
    "associations": ({404}, 0.03),
    "conventions_collectives": ({404}, 0.4),
    "exercices": ({404, 502}, 0.4),
    "bilans_entreprises_bdf": ({404}, 0.08),
    "liasses_fiscales_dgfip_declarations": ({502}, 0.4),
    "liasses_fiscales_dgfip_dictionnaire": (set(), 1.0),
    "liasses_fiscales_dgfip_complete": ({502}, 0.4),
    "attestations_agefiph": ({404}, 0.03),
    "cotisations_msa": ({404}, 0.02),
    "eligibilites_cotisation_retraite_probtp": ({404}, 0.1),
    "certificats_opqibi": ({404}, 0.02),
    "extraits_courts_inpi": (set(), 1.0),
}
SWEEP = 150
ROUTES = {endpoint.name: endpoint for endpoint in ENDPOINTS if endpoint.name in PROVIDER_PREFIXES}


def identifier_for(endpoint, scenario):
    """Return the reserved identifier of ``scenario`` that fits ``endpoint``'s path, if the table has one."""
    kinds = dict(endpoint.identifiers)
    reserved = scenario.reserved
    if "siren" in kinds and reserved["siren"]:
        return reserved["siren"][0]
    if "siret" in kinds and reserved["siret"]:
        return reserved["siret"][0]
    if "id" in kinds and (reserved["rna"] or reserved["siret"]):
        return (reserved["rna"] or reserved["siret"])[0]
    return None


def test_every_route_of_these_tables_is_in_the_catalogue():
    assert set(ROUTES) == set(PROVIDER_PREFIXES) == set(SWEEP_OUTCOMES)


@pytest.mark.sweep
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_sweep_is_schema_valid(get, name):
    endpoint = ROUTES[name]
    check = validator(endpoint.schema)
    others, least_share = SWEEP_OUTCOMES[name]
    answered = 0
    for siren in drawn(SWEEP, 303):
        response = get(path_of(endpoint, siren=siren))
        assert response.status_code in {200} | others, (siren, response.status_code, response.json)
        body_check = check if response.status_code == 200 else ERROR_SCHEMA
        errors = [error.message for error in body_check.iter_errors(response.json)]
        assert not errors, (siren, errors)
        answered += response.status_code == 200
    assert answered >= least_share * SWEEP, answered


def test_association_sweep_by_rna_number_is_schema_valid(get):
    check = validator("v2/associations.json")
    rng = random.Random(8)
    dissolved = 0
    for _ in range(SWEEP):
        rna = f"W{rng.randint(0, 9)}{rng.choice('0123456789ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(0, 9_999_999):07d}"
        response = get(f"/v2/associations/{rna}")
        assert response.status_code == 200, rna
        assert not list(check.iter_errors(response.json)), rna
        association = response.json["association"]
        assert association["id"] == rna
        # "W" + the SIREN of an association registered with INSEE names that association.
        assert association["siret"] is None or association["siret"][:9] == rna[1:]
        assert association["date_creation"] <= association["date_declaration"]
        dissolved += association["date_dissolution"] is not None
    assert 0 < dissolved < SWEEP / 4


def test_waldec_number_is_an_association(get):
    response = get("/v2/associations/0123004567")
    assert response.status_code == 200
    assert response.json["association"]["id"] == "0123004567"


def test_dictionary_of_every_year_the_service_knows(get):
    check = validator("v2/liasses_fiscales_dgfip_dictionnaire.json")
    for year in range(2006, TODAY.year):
        response = get(f"/v2/liasses_fiscales_dgfip/{year}/dictionnaire")
        assert response.status_code == 200, year
        assert not list(check.iter_errors(response.json)), year
        assert {form["millesimes"]["millesime"] for form in response.json["dictionnaire"]} == {f"{year + 1}01"}


@pytest.mark.parametrize("year", ["2005", "2025", "2999"])
def test_dictionary_outside_the_service_years_is_dgfips_502(get, year):
    response = get(f"/v2/liasses_fiscales_dgfip/{year}/dictionnaire", params={"error_format": "json_api"})
    assert response.status_code == 502
    assert response.json["errors"][0]["code"] == "03501"


@pytest.mark.parametrize(
    "identifier", ["W75121251", "w751212517", "X751212517", "0123104567", "41816609600068", "418166096", "W7512125171"]
)
def test_malformed_association_identifier_is_422_00303(get, identifier):
    response = get(f"/v2/associations/{identifier}", params={"error_format": "json_api"})
    assert response.status_code == 422
    assert response.json["errors"] == [
        {
            "code": "00303",
            "title": "Entité non traitable",
            "detail": "Le numéro de siret ou le numéro d'association indiqué n'est pas correctement formatté",
            "source": {"parameter": "id"},
        }
    ]


@pytest.mark.parametrize("year", ["203", "20233", "0203", "20x3", "-202", "２０２３"])
@pytest.mark.parametrize("route", ["declarations/418166096", "complete/418166096", "dictionnaire"])
def test_malformed_year_is_422_00307(get, year, route):
    response = get(f"/v2/liasses_fiscales_dgfip/{year}/{route}")
    assert response.status_code == 422
    assert response.json == {"errors": ["L'année n'est pas correctement formatée"]}


def test_the_siren_is_checked_before_the_year(get):
    response = get("/v2/liasses_fiscales_dgfip/20x3/declarations/418166097")
    assert response.json == {"errors": ["Le numéro de siren n'est pas correctement formatté"]}


MALFORMED = {"siren": "12345678", "siret": "1234", "id": "1234", "annee": "12"}
MALFORMED_DETAILS = {
    "siren": "Le numéro de siren n'est pas correctement formatté",
    "siret": "Le numéro de siret n'est pas correctement formatté",
    "siret_or_rna": "Le numéro de siret ou le numéro d'association indiqué n'est pas correctement formatté",
    "annee": "L'année n'est pas correctement formatée",
}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_malformed_identifiers_get_the_first_identifiers_422(get, name):
    endpoint = ROUTES[name]
    path = endpoint.path
    for param, value in MALFORMED.items():
        path = path.replace("{" + param + "}", value)
    response = get(path)
    assert response.status_code == 422
    assert response.json == {"errors": [MALFORMED_DETAILS[endpoint.identifiers[0][1]]]}


@pytest.mark.parametrize(
    "name", ["exercices", "liasses_fiscales_dgfip_declarations", "liasses_fiscales_dgfip_complete"]
)
def test_dgfip_user_id_and_email_are_accepted_and_ignored(get, name):
    path = path_of(ROUTES[name], siren="418166096")
    plain = get(path)
    assert plain.status_code == 200
    with_params = get(path, params={"user_id": "agent_42", "email": "agent@example.org"})
    assert with_params.data == plain.data


@pytest.mark.parametrize("name", sorted(ROUTES))
@pytest.mark.parametrize(
    ("scenario", "status", "subcode"),
    PROVIDER_FAILURES,
)
def test_provider_failures_carry_the_routes_provider_code(get, name, scenario, status, subcode):
    prefix, provider = PROVIDER_PREFIXES[name]
    response = get(
        path_of(ROUTES[name], siren="418166096"),
        headers={"X-Mock-Scenario": scenario},
        params={"error_format": "json_api"},
    )
    assert response.status_code == status
    error = response.json["errors"][0]
    assert error["code"] == prefix + subcode
    assert error["meta"] == {"provider": provider}
    assert "gateway_error" not in response.json


BUSINESS_SCENARIOS = sorted(
    (endpoint.name, name)
    for endpoint in ROUTES.values()
    for name in endpoint.scenarios
    if name not in scenarios.PROVIDER_SCENARIOS
)


# The providers' windows of production (siade config/maintenances.yml), as the detail words them.
WINDOW_HOURS = {
    "Banque de France": "22:04 à 22:08",
    "MSA": "03:00 à 03:30",
    "DGFIP - Adélie": "01:00 à 02:00",
    "CNETP": "06:00 à 06:30",
}


def assert_plays(route, name, response):
    """Assert that ``response`` is what scenario ``name`` answers on ``route``."""
    scenario = scenarios.SCENARIOS[name]
    assert response.status_code == scenario.status, response.json
    body = response.json
    checks = {
        "msa_not_up_to_date": lambda: body == {"analyse_en_cours": False, "a_jour": False},
        "msa_analysis_in_progress": lambda: body == {"analyse_en_cours": True, "a_jour": None},
        "msa_up_to_date": lambda: body == {"analyse_en_cours": False, "a_jour": True},
        "probtp_not_eligible": lambda: (
            body == {"eligible": False, "message": "01 Compte non éligible pour attestation de cotisation"}
        ),
        "agefiph_never_compliant": lambda: body == {"errors": [NOT_FOUND]},
        "bdf_too_few_bilans": lambda: body == {"errors": [NOT_FOUND]},
        "provider_maintenance": lambda: (
            body
            == {"errors": [f"Le fournisseur de données est en maintenance de {WINDOW_HOURS[ROUTES[route].provider]}"]}
        ),
        "dgfip_not_subject_to_is": lambda: (
            body == {"errors": [DGFIP_NOT_SUBJECT_TO_IS if route == "exercices" else DGFIP_POTENTIAL_NOT_FOUND]}
        ),
        "dissolved_association": lambda: (
            body["association"]["date_dissolution"] is not None and body["association"]["etat"] == "false"
        ),
        "inpi_no_rights": lambda: (
            body
            == {
                "brevets": {"count": 0, "latests_brevets": []},
                "modeles": {"count": 0, "latests_modeles": []},
                "marques": {"count": 0, "latests_marques": []},
            }
        ),
    }
    assert checks[name](), body


@pytest.mark.parametrize(
    ("route", "name"),
    [
        (r, n)
        for r, n in BUSINESS_SCENARIOS
        # A route asked by year alone, a scenario no identifier is reserved for: no identifier to play it.
        if any(p in ROUTES[r].path for p in ("{siren}", "{siret}", "{id}"))
        and any(scenarios.SCENARIOS[n].reserved.values())
    ],
)
def test_reserved_identifier_plays_the_scenario(get, route, name):
    endpoint = ROUTES[route]
    identifier = identifier_for(endpoint, scenarios.SCENARIOS[name])
    path = endpoint.path.replace("{annee}", "2024")
    for placeholder in ("{siren}", "{siret}", "{id}"):
        path = path.replace(placeholder, identifier)
    assert_plays(route, name, get(path))


@pytest.mark.parametrize(("route", "name"), BUSINESS_SCENARIOS)
def test_header_plays_the_scenario_on_an_ordinary_identifier(get, route, name):
    endpoint = ROUTES[route]
    # An association is asked for by RNA number: a company's SIRET is only an association if it is one.
    path = (
        "/v2/associations/W751212517" if route == "associations" else path_of(endpoint, siren="418166096", year="2024")
    )
    assert_plays(route, name, get(path, headers={"X-Mock-Scenario": name}))


def test_scenario_outcomes_in_json_api(get):
    not_is = get("/v2/exercices/99999018700018", params={"error_format": "json_api"}).json["errors"][0]
    assert not_is["code"] == "03000"
    assert not_is["detail"].startswith("Erreur de la DGFIP, celle intervient généralement lorsque l'organisme")
    returns = get("/v2/liasses_fiscales_dgfip/2024/complete/999990187", params={"error_format": "json_api"})
    assert returns.status_code == 502
    assert returns.json["errors"][0]["code"] == "03501"
    assert returns.json["errors"][0]["meta"] == {"provider": "DGFIP - Adélie"}
    maintenance = get("/v2/bilans_entreprises_bdf/999990179", params={"error_format": "json_api"})
    assert maintenance.status_code == 503
    assert maintenance.json["errors"][0] == {
        "code": "17020",
        "title": "Maintenance du fournisseur de données",
        "detail": "Le fournisseur de données est en maintenance de 22:04 à 22:08",
        "meta": {"provider": "Banque de France", "retry_in": 240},
    }
    invalid = get("/v2/bilans_entreprises_bdf/999990178", params={"error_format": "json_api"})
    assert "meta" not in invalid.json["errors"][0]


def test_a_scenario_of_another_route_is_refused(get):
    response = get("/v2/exercices/41816609600051", headers={"X-Mock-Scenario": "msa_not_up_to_date"})
    assert response.status_code == 400


def test_reserved_identifiers_of_another_route_are_ordinary_entities(get):
    assert get("/v2/exercices/99999012000019").status_code == 200
    assert get("/v2/entreprises/999990153").status_code == 200


@pytest.fixture
def limited(token):
    """A client with the real limits divided by 50: JSON 5/min, AGEFIPH 5/min, documents 1/min."""
    client = create_app(Settings(rate_limit_factor=0.02)).test_client()

    def call(path):
        return client.get(path, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})

    return call


def test_rate_limit_groups_follow_the_real_table(token):
    client = create_app(Settings()).test_client()
    limits = {}
    for name, endpoint in ROUTES.items():
        response = client.get(
            path_of(endpoint, siren="418166096"),
            query_string=TRACEABILITY,
            headers={"Authorization": f"Bearer {token}"},
        )
        limits[name] = response.headers["RateLimit-Limit"]
    assert limits.pop("attestations_agefiph") == "250"
    assert limits.pop("certificats_opqibi") == "50"
    assert set(limits.values()) == {"250"}


def test_json_routes_share_one_counter_apart_from_agefiph_and_opqibi(limited):
    shared = [name for name in ROUTES if ROUTES[name].rate_group == "json_resources"]
    for name in shared[:5]:
        assert limited(path_of(ROUTES[name], siren="418166096")).status_code != 429, name
    assert limited(path_of(ROUTES[shared[5]], siren="418166096")).status_code == 429
    assert limited("/v2/entreprises/418166096").status_code == 429
    assert limited(path_of(ROUTES["attestations_agefiph"], siren="418166096")).status_code != 429
    assert limited(path_of(ROUTES["certificats_opqibi"], siren="418166096")).status_code != 429
    assert limited(path_of(ROUTES["certificats_opqibi"], siren="418166096")).status_code == 429


@pytest.mark.system
def test_same_bytes_from_two_separate_processes():
    probes = [path_of(endpoint, siren="418166096") for endpoint in ROUTES.values()]

    def fetch(seed):
        result = subprocess.run(
            [sys.executable, "-c", FETCH_IN_A_FRESH_PROCESS, json.dumps(probes), json.dumps(TRACEABILITY), PINNED],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
        )
        return json.loads(result.stdout)

    assert fetch(3) == fetch(4)


@pytest.mark.sweep
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    identifier=st.one_of(st.text(min_size=1, max_size=30), st.from_regex(r"W[0-9][A-Z0-9][0-9]{7}", fullmatch=True)),
    year=st.one_of(st.text(min_size=1, max_size=6), st.integers(1000, 9999).map(str)),
    name=st.sampled_from(sorted(ROUTES)),
)
def test_fuzzed_identifiers_get_an_api_answer_never_an_internal_error(get, identifier, year, name):
    endpoint = ROUTES[name]
    path = endpoint.path.replace("{annee}", quote(year, safe=""))
    for placeholder in ("{siren}", "{siret}", "{id}"):
        path = path.replace(placeholder, quote(identifier, safe=""))
    response = get(path)
    # 502 and 503 are providers' answers (DGFIP outside its years, say), 500 would be the sandbox failing.
    assert response.status_code != 500, (path, response.data[:300])
    check = validator(endpoint.schema) if response.status_code == 200 else ERROR_SCHEMA
    assert not list(check.iter_errors(response.json)), path
