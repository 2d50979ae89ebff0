"""The v3/v4 contract: envelope, content types, order of checks, recipient rules, tokens, errors, rate limits."""

import time
from urllib.parse import quote

import jwt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver.catalogue import ENDPOINTS
from mockserver.catalogue.schemas import validator
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token

from .current_ids import KNOWN, known_path
from .helpers import RECIPIENT, TRACEABILITY, path_of

VND = "application/vnd.api+json"
JSON = "application/json; charset=utf-8"
RESTRICTED = preset_token("restricted", DEFAULT_SECRET)
EXPIRED = preset_token("expired", DEFAULT_SECRET)
UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"
ETABLISSEMENT = "/v3/insee/sirene/etablissements/41816609600069"
ERRORS = validator("v3/errors.json")
CURRENT = [e for e in ENDPOINTS if e.version != "v2" and e.identifiers and e.supported]


@pytest.fixture(scope="module")
def app():
    """One application for the module: these tests only read, and building one per test costs more than they do."""
    return create_app(Settings(slow_provider_seconds=0.05, rate_limit_factor=0))


def current_path(endpoint, siren="418166096", siret="41816609600051"):
    """Return the path of ``endpoint`` on identifiers its provider knows, else on ``siren`` and ``siret``."""
    return known_path(endpoint) if endpoint.name in KNOWN else path_of(endpoint, siren=siren, siret=siret)


def token_with(claim, privileges):
    now = int(time.time())
    claims = {
        "uid": "11111111-1111-4111-8111-111111111111",
        "jti": "11111111-1111-4111-8111-111111111112",
        claim: privileges,
        "iat": now,
        "exp": now + 3600,
    }
    return jwt.encode(claims, DEFAULT_SECRET, algorithm="HS256")


def codes(response):
    assert not list(ERRORS.iter_errors(response.json)), response.json
    return [error["code"] for error in response.json["errors"]]


@pytest.mark.parametrize("endpoint", CURRENT, ids=lambda e: e.name)
def test_every_route_answers_the_envelope_as_json_api(get, endpoint):
    response = get(current_path(endpoint), params={"recipient": RECIPIENT})
    assert response.status_code == 200
    assert response.content_type == VND
    assert set(response.json) == {"data", "links", "meta"}


def test_collections_wrap_each_item_in_its_own_envelope(get):
    body = get("/v3/infogreffe/rcs/unites_legales/418166096/mandataires_sociaux").json
    assert body["data"]
    for item in body["data"]:
        assert set(item) == {"data", "links", "meta"}
    assert body["meta"]["count"] == len(body["data"])


@pytest.mark.parametrize(
    ("case", "path", "headers", "params", "status", "expected"),
    [
        # Every fault at once: the token is looked at first.
        (
            "bad token",
            "/v3/insee/sirene/etablissements/123",
            "Bearer nope",
            {"context": None, "recipient": "x"},
            401,
            ["00101"],
        ),
        (
            "expired token",
            "/v3/insee/sirene/etablissements/123",
            f"Bearer {EXPIRED}",
            {"context": None},
            401,
            ["00103"],
        ),
        # v3 checks the scope before the traceability parameters (v2 does the opposite).
        (
            "scope before parameters",
            "/v3/insee/sirene/etablissements/123",
            f"Bearer {RESTRICTED}",
            {"context": None, "recipient": "x"},
            403,
            ["00100"],
        ),
        # Every missing parameter is listed, and only them.
        (
            "missing parameters",
            "/v3/insee/sirene/etablissements/123",
            None,
            {"context": None, "object": " ", "recipient": "x"},
            422,
            ["00201", "00202"],
        ),
        ("missing recipient", "/v3/insee/sirene/etablissements/123", None, {"recipient": ""}, 422, ["00203"]),
        (
            "recipient not a SIRET",
            "/v3/insee/sirene/etablissements/123",
            None,
            {"recipient": "la mairie"},
            422,
            ["00210"],
        ),
        (
            "recipient compared with the identifier as given",
            "/v3/insee/sirene/unites_legales/41816609",
            None,
            {"recipient": "41816609600051"},
            422,
            ["00301"],
        ),
        (
            "identifier before the scenario",
            "/v3/insee/sirene/unites_legales/418166097",
            None,
            {"recipient": RECIPIENT, "X-Mock-Scenario": "provider_error"},
            422,
            ["00301"],
        ),
    ],
)
def test_order_of_checks(client, token, case, path, headers, params, status, expected):
    scenario = params.pop("X-Mock-Scenario", None)
    query = {k: v for k, v in {**TRACEABILITY, **params}.items() if v is not None}
    all_headers = {"Authorization": headers or f"Bearer {token}"}
    if scenario:
        all_headers["X-Mock-Scenario"] = scenario
    response = client.get(path, query_string=query, headers=all_headers)
    assert response.status_code == status, case
    assert codes(response) == expected, case


def test_rate_limit_comes_before_everything(token):
    client = create_app(Settings(rate_limit_factor=0.004)).test_client()
    query = {**TRACEABILITY, "recipient": RECIPIENT}
    assert client.get(UNITE_LEGALE, query_string=query, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    response = client.get("/v3/insee/sirene/unites_legales/1", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 429
    assert response.content_type == "application/json"
    assert codes(response) == ["00429"]
    assert response.json["errors"][0]["meta"] == {}
    assert int(response.headers["Retry-After"]) >= 1


@pytest.mark.parametrize(
    "recipient",
    ["13002526500012", "1300252650001", "130025265000130", "DINUM", "١٣٠٠٢٥٢٦٥٠٠٠١٣"],
)
def test_recipient_must_be_a_siret(get, recipient):
    response = get(UNITE_LEGALE, params={"recipient": recipient})
    assert response.status_code == 422
    assert response.json["errors"] == [
        {
            "code": "00210",
            "title": "Entité non traitable",
            "detail": "Le paramètre recipient n'est pas un siret valide",
            "source": {"parameter": "recipient"},
            "meta": {},
        }
    ]
    assert response.content_type == JSON


@pytest.mark.parametrize(
    ("path", "recipient"),
    [
        # Production accepts the requested identifier as recipient since December 2024: 00211 is gone.
        ("/v3/insee/sirene/etablissements/41816609600069", "41816609600069"),
        ("/v3/insee/sirene/unites_legales/418166096", "41816609600069"),
        ("/v3/infogreffe/rcs/unites_legales/418166096/extrait_kbis", "41816609600051"),
        ("/v3/european_commission/unites_legales/418166096/numero_tva", "41816609600051"),
        # La Poste's SIRETs break the Luhn rule (this one does) and are SIRETs all the same.
        ("/v3/insee/sirene/unites_legales/418166096", "35600000000000"),
    ],
)
def test_recipient_may_be_the_requested_identifier(get, path, recipient):
    assert get(path, params={"recipient": recipient}).status_code == 200


def test_a_recipient_of_la_poste_must_still_be_fourteen_digits(get):
    response = get("/v3/insee/sirene/unites_legales/418166096", params={"recipient": "3560000000000"})
    assert codes(response) == ["00210"]


def test_recipient_is_not_checked_in_v2(get):
    assert get("/v2/entreprises/418166096", params={"recipient": "41816609600051"}).status_code == 200


@pytest.mark.parametrize(
    ("claim", "privileges", "path", "status"),
    [
        # A v2-era token (roles) works where its scope grants the route.
        ("roles", ["entreprises"], UNITE_LEGALE, 200),
        ("roles", ["entreprises"], ETABLISSEMENT, 403),
        ("scopes", ["unites_legales_etablissements_insee"], ETABLISSEMENT, 200),
        ("scopes", ["open_data"], "/v3/insee/sirene/etablissements/diffusibles/41816609600069", 200),
        ("scopes", ["open_data"], ETABLISSEMENT, 403),
        ("scopes", ["extraits_rcs"], "/v3/infogreffe/rcs/unites_legales/418166096/mandataires_sociaux", 403),
        (
            "scopes",
            ["mandataires_sociaux_infogreffe"],
            "/v3/infogreffe/rcs/unites_legales/418166096/mandataires_sociaux",
            200,
        ),
        # The VAT number is granted to every valid token.
        ("scopes", [], "/v3/european_commission/unites_legales/418166096/numero_tva", 200),
    ],
)
def test_scopes_of_the_current_authorization_table(get, claim, privileges, path, status):
    response = get(path, headers={"Authorization": f"Bearer {token_with(claim, privileges)}"})
    assert response.status_code == status


def test_token_in_the_query_is_still_read(get, token):
    assert get(UNITE_LEGALE, params={"token": token}, auth=False).status_code == 200


def test_expired_token_has_the_current_wording(get):
    response = get(UNITE_LEGALE, headers={"Authorization": f"Bearer {EXPIRED}"})
    assert response.json["errors"][0]["detail"].endswith(
        "https://entreprise.api.gouv.fr/faq#comment-renouveler-mon-jeton-arrivant-a-expiration"
    )
    assert response.content_type == JSON


def test_error_format_does_not_change_v3_errors(get):
    response = get("/v3/insee/sirene/unites_legales/123", params={"error_format": "flat"})
    assert codes(response) == ["00301"]
    assert response.json["errors"][0]["source"] == {"parameter": "siren"}
    assert response.json["errors"][0]["meta"] == {}
    assert response.content_type == VND


# The prefix of a provider's errors (CONTRACT §3.5).
PREFIXES = {
    "INSEE": "01",
    "Infogreffe": "02",
    "Commission Européenne": "28",
    "DGFIP - Adélie": "03",
    "ACOSS": "04",
    "Qualibat": "06",
    "CNETP": "08",
    "ProBTP": "09",
    "MSA": "10",
    "OPQIBI": "11",
    "FNTP": "12",
    "Fabrique numérique des Ministères Sociaux": "14",
    "Banque de France": "17",
    "ADEME": "19",
    "DJEPVA": "29",
    "INPI - RNE": "34",
    # The other current providers (siade ErrorsBackend#provider_hash).
    "CMA France": "15",
    "DGDDI": "16",
    "MI": "21",
    "GIP-MDS": "31",
    "Qualifelec": "32",
    "CARIF-OREF": "33",
    "CIBTP": "38",
    "DataSubvention": "52",
}
PROVIDER_OUTCOMES = [
    ("not_found", 404, "003"),
    ("provider_error", 502, "999"),
    # Subcode 001 is a provider error, 502, in production (siade ProviderUnavailable); v2's 2020 documentation said 503.
    ("provider_unavailable", 502, "001"),
    ("provider_timeout", 504, "002"),
]


@pytest.mark.parametrize(("scenario", "status", "subcode"), PROVIDER_OUTCOMES)
@pytest.mark.parametrize("endpoint", CURRENT, ids=lambda e: e.name)
def test_provider_errors_carry_the_route_providers_prefix(get, endpoint, scenario, status, subcode):
    response = get(current_path(endpoint), params={"recipient": RECIPIENT}, headers={"X-Mock-Scenario": scenario})
    assert response.status_code == status
    assert codes(response) == [PREFIXES[endpoint.provider] + subcode]
    assert response.json["errors"][0]["meta"]["provider"] == endpoint.provider
    assert "source" not in response.json["errors"][0]
    assert response.content_type == VND


PERIMETER = " Veuillez vérifier que votre recherche est couverte par le périmètre de l'API."
# What production answers for a unit diffused to nobody, route by route (siade INSEE ValidateResponse classes):
# the unit and establishment searches a 451 naming the identifier, the head-office search a 404 of its own words.
NEVER_DIFFUSED = {
    "unites_legales": (
        451,
        "01005",
        "Le siren demandé est une entité pour laquelle aucun organisme ne peut avoir accès.",
    ),
    "etablissements": (
        451,
        "01005",
        "Le siret demandé est une entité pour laquelle aucun organisme ne peut avoir accès.",
    ),
    "siege_social": (
        404,
        "01003",
        "Le siren indiqué n'existe pas, n'est pas connu, est possiblement une entité pour laquelle aucun organisme ne "
        "peut avoir accès, ou ne comporte aucune information pour cet appel" + PERIMETER,
    ),
}


# The INSEE routes of the directory (the successions' links show no unit's data).
DIRECTORY = [e for e in CURRENT if e.provider == "INSEE" and "never_diffused" in e.scenarios]


@pytest.mark.parametrize("endpoint", DIRECTORY, ids=lambda e: e.name)
def test_units_diffused_to_nobody(get, endpoint):
    response = get(current_path(endpoint, "999990039", "99999003900011"), params={"recipient": RECIPIENT})
    kind = (
        "siege_social"
        if "siege" in endpoint.name
        else "etablissements"
        if "siret" in endpoint.path
        else "unites_legales"
    )
    status, code, detail = NEVER_DIFFUSED[kind]
    assert response.status_code == status
    assert response.json["errors"][0]["code"] == code
    assert response.json["errors"][0]["detail"] == detail


def not_found(subject):
    return (
        f"{subject} indiqué n'existe pas, n'est pas connu ou ne comporte aucune information pour cet appel." + PERIMETER
    )


# Production's 404 detail, route by route (siade ValidateResponse#resource_not_found! of each organizer).
NOT_FOUND_DETAILS = {
    "/v3/insee/sirene/unites_legales/000000000": not_found("L'identifiant"),
    "/v3/insee/sirene/etablissements/00000000000000": not_found("L'identifiant"),
    "/v3/infogreffe/rcs/unites_legales/000000000/extrait_kbis": not_found("Le siren"),
    "/v3/dgfip/unites_legales/000000000/liasses_fiscales/2023": not_found("Le siren"),
    "/v3/msa/etablissements/00000000000000/conformite_cotisations": not_found("Le siret"),
    "/v3/ademe/etablissements/00000000000000/certification_rge": not_found("Le siret"),
    "/v3/fntp/unites_legales/000000000/carte_professionnelle_travaux_publics": not_found("Le siret ou le siren"),
    "/v4/djepva/api-association/associations/W000000000": not_found("Le siren ou l'identifiant RNA"),
    "/v3/opqibi/unites_legales/000000000/certification_ingenierie": not_found("Le siren"),
    "/v3/qualibat/etablissements/00000000000000/certification_batiment": not_found("L'identifiant"),
    "/v3/insee/sirene/etablissements/00000000000000/successions": not_found("L'identifiant"),
    # The liens capitalistiques read the liasse: its 404 and its words (DGFIP::LiassesFiscales::ValidateResponse).
    "/v3/dgfip/unites_legales/000000000/liens_capitalistiques/2023": not_found("Le siren"),
    "/v3/ministere_interieur/rna/associations/00000000000000": not_found("Le siret ou l'identifiant RNA"),
    "/v3/cma_france/rnm/unites_legales/000000000": not_found("L'identifiant"),
    # The URSSAF's refusal is worded by the catalogue's generic sentence.
    "/v3/urssaf/unites_legales/000000000/attestation_vigilance": "Le ou les paramètre(s) d'entrée n'existent pas, ne "
    "sont pas connus, ou ne comportent aucune information pour cet appel." + PERIMETER,
}


@pytest.mark.parametrize(("path", "detail"), NOT_FOUND_DETAILS.items())
def test_not_found_is_worded_per_provider(get, path, detail):
    response = get(path, params={"recipient": RECIPIENT})
    assert response.status_code == 404
    assert response.json["errors"][0]["title"] == "Entité non trouvée"
    assert response.json["errors"][0]["detail"] == detail


@pytest.mark.parametrize(
    ("path", "meta"),
    [
        # siade URSSAF RawBody#build_error_with_provider_errors: the URSSAF's own error list.
        (
            "/v3/urssaf/unites_legales/000000000/attestation_vigilance",
            {
                "provider": "ACOSS",
                "provider_errors": [
                    {
                        "code": "FUNC517",
                        "message": "Le Siren est inconnu",
                        "description": "Le siren est inconnu du SI Attestations, radié ou hors périmètre",
                    }
                ],
            },
        ),
        # siade Infogreffe::ValidateResponse#extract_provider_error_attributes: the return code and its message.
        (
            "/v3/infogreffe/rcs/unites_legales/000000000/mandataires_sociaux",
            {
                "provider": "Infogreffe",
                "provider_error": {"code": "006", "message": "DOSSIER NON TROUVE DANS LA BASE DE GREFFES"},
            },
        ),
        ("/v3/insee/sirene/unites_legales/000000000", {"provider": "INSEE"}),
    ],
)
def test_providers_details_go_in_meta(get, path, meta):
    response = get(path, params={"recipient": RECIPIENT})
    assert response.status_code == 404
    assert response.json["errors"][0]["meta"] == meta


def test_insufficient_privileges_scenario_is_a_403(get):
    response = get(UNITE_LEGALE, params={"recipient": RECIPIENT}, headers={"Prefer": "code=403"})
    assert response.status_code == 403
    assert codes(response) == ["00100"]


@pytest.mark.parametrize("scenario", ["partial_content", "insufficient_privileges"])
def test_scenarios_a_route_does_not_play_are_refused(get, scenario):
    path = "/v2/entreprises/418166096" if scenario == "insufficient_privileges" else UNITE_LEGALE
    assert get(path, params={"recipient": RECIPIENT}, headers={"X-Mock-Scenario": scenario}).status_code == 400


def test_current_routes_share_their_own_rate_limit_group(token):
    client = create_app(Settings(rate_limit_factor=0.02)).test_client()
    query = {**TRACEABILITY, "recipient": RECIPIENT}
    headers = {"Authorization": f"Bearer {token}"}
    client.get(UNITE_LEGALE, query_string=query, headers=headers)
    client.get("/v4/insee/sirene/unites_legales/418166096", query_string=query, headers=headers)
    v3 = client.get("/v3/infogreffe/rcs/unites_legales/418166096/extrait_kbis", query_string=query, headers=headers)
    assert (v3.headers["RateLimit-Limit"], v3.headers["RateLimit-Remaining"]) == ("5", "2")
    v2 = client.get("/v2/entreprises/418166096", query_string=query, headers=headers)
    assert v2.headers["RateLimit-Remaining"] == "4"


def test_privileges_need_only_a_token(client, token):
    response = client.get("/privileges", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.content_type == JSON
    assert "unites_legales_etablissements_insee" in response.json["data"]["privileges"]
    assert not list(validator("v3/privileges.json").iter_errors(response.json))
    assert client.get("/privileges").status_code == 401
    assert "RateLimit-Limit" not in response.headers


@pytest.mark.parametrize("identifier", ["abcdefghi", "٤١٨١٦٦٠٩٦", "418166096%00", "1" * 10_000, "<script>", "%"])
@pytest.mark.parametrize("route", ["/v3/insee/sirene/unites_legales/", "/v4/insee/sirene/etablissements/diffusibles/"])
def test_malformed_identifiers_get_a_json_api_422(get, route, identifier):
    response = get(route + identifier, params={"recipient": RECIPIENT})
    assert response.status_code in (404, 422)
    assert not list(ERRORS.iter_errors(response.json))


@pytest.mark.sweep
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    identifier=st.text(min_size=1, max_size=20),
    endpoint=st.sampled_from(CURRENT),
    recipient=st.one_of(st.none(), st.text(max_size=16)),
    scenario=st.sampled_from([None, "nominal", "redirected", "non_diffusible", "never_diffused", "bogus"]),
)
def test_fuzzed_requests_never_produce_a_5xx(get, identifier, endpoint, recipient, scenario):
    segment = quote(identifier, safe="")
    path = endpoint.path.format(**{param: segment for param, _ in endpoint.identifiers})
    headers = {"X-Mock-Scenario": scenario} if scenario else {}
    response = get(path, params={"recipient": recipient}, headers=headers)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert not list(ERRORS.iter_errors(response.json))


def test_unknown_current_routes_answer_in_the_current_shape(client):
    # Production answers plain text here (siade ErrorsController#not_found); the sandbox keeps an API-shaped
    # error that names its route listing (docs/fidelity.md, "Outside the catalogue").
    response = client.get("/v3/insee/sirene/nowhere")
    assert response.status_code == 404
    assert codes(response) == ["99002"]
    assert client.get("/v2/nowhere").json["errors"] == [response.json["errors"][0]["detail"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "00402"),
        # The version is checked after the parameters, before recipient and identifier.
        ({"context": None}, "00201"),
        ({"recipient": "la mairie"}, "00402"),
    ],
)
def test_a_version_the_route_does_not_have_is_a_404_00402(get, params, expected):
    link = get("/v4/insee/sirene/unites_legales/418166096", params={"recipient": RECIPIENT}).json["links"]
    path = link["siege_social_adresse"].removeprefix("http://localhost")
    assert path == "/v4/insee/sirene/etablissements/41816609600051/adresse"
    response = get(path.replace("41816609600051", "123"), params={"recipient": RECIPIENT, **params})
    assert codes(response) == [expected]
    if expected == "00402":
        assert response.status_code == 404
        # Rendered before the JSON:API header is set, with a type of its own: Rails adds the charset.
        assert response.content_type == f"{VND}; charset=utf-8"
        assert response.json["errors"][0]["title"] == "Version d'API non prise en charge"
