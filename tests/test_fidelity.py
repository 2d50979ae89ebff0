"""What production's code answers where the documentation said otherwise (datagouv/apistration, siade/).

Each expected value here is read from the real server's code or its staging payloads, not from the
sandbox: provider maintenance windows, the in-flight conflict, the blocklists in front of the
application, wordings, the MSA staging case and Prism's ``Prefer: code=200``.
"""

import threading

import pytest

from mockserver.catalogue import ENDPOINTS
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules import auth
from mockserver.rules.auth import preset_token
from mockserver.rules.maintenance import WINDOWS
from mockserver.state import shared_state

from .helpers import TRACEABILITY

JSON_API = "application/vnd.api+json"
UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"
LIASSES = "/v3/dgfip/unites_legales/418166096/liasses_fiscales/2023"
# One route per provider with a window in production's config/maintenances.yml, with the window's hours.
MAINTAINED_ROUTES = [
    ("/v3/dgfip/unites_legales/418166096/attestation_fiscale", "03", "01:00", "02:00"),
    ("/v3/msa/etablissements/41816609600051/conformite_cotisations", "10", "03:00", "03:30"),
    (
        "/v3/cnetp/unites_legales/418166096/attestation_cotisations_conges_payes_chomage_intemperies",
        "08",
        "06:00",
        "06:30",
    ),
    ("/v3/banque_de_france/unites_legales/418166096/bilans", "17", "22:04", "22:08"),
]


def maintenance_error(prefix, provider, starts, ends, retry_in):
    return {
        "code": f"{prefix}020",
        "title": "Maintenance du fournisseur de données",
        "detail": f"Le fournisseur de données est en maintenance de {starts} à {ends}",
        "meta": {"provider": provider, "retry_in": retry_in},
    }


# Provider maintenance (siade RetrieverOrganizer#provider_in_maintenance!, MaintenanceService, MaintenanceError).


@pytest.mark.parametrize(("path", "prefix", "starts", "ends"), MAINTAINED_ROUTES)
def test_a_provider_in_its_window_answers_503(get, path, prefix, starts, ends):
    # Ten minutes into the window.
    hour, minute = starts.split(":")
    clock = f"{hour}:{int(minute) + 1:02d}"
    response = get(path, headers={"X-Mock-Clock": clock})
    provider = response.json["errors"][0]["meta"]["provider"]
    assert response.status_code == 503
    assert response.content_type == JSON_API
    end_hour, end_minute = (int(part) for part in ends.split(":"))
    left = (end_hour * 60 + end_minute - int(hour) * 60 - int(minute) - 1) * 60
    assert response.json["errors"] == [maintenance_error(prefix, provider, starts, ends, left)]


@pytest.mark.parametrize(
    ("clock", "status", "retry_in"),
    [
        ("00:59:59", 200, None),
        ("01:00", 503, 3600),
        ("01:30:00", 503, 1800),
        ("01:59:30", 503, 30),
        ("02:00", 503, 0),
        ("02:00:01", 200, None),
        # An instant with its offset is read in Paris time: 23:30 UTC is 01:30 in Paris in summer.
        ("2025-06-29T23:30:00+00:00", 503, 1800),
        ("2025-01-15T00:30:00Z", 503, 1800),
        # A date and time without an offset is Paris time.
        ("2025-06-30T01:45:00", 503, 900),
        ("2025-06-30T12:00:00+02:00", 200, None),
    ],
)
def test_the_window_follows_the_worlds_clock(get, clock, status, retry_in):
    response = get(LIASSES, headers={"X-Mock-Clock": clock})
    assert response.status_code == status
    if retry_in is not None:
        assert response.json["errors"][0]["meta"] == {"provider": "DGFIP - Adélie", "retry_in": retry_in}


def test_without_a_clock_the_world_is_at_noon_outside_every_window(get):
    assert get(LIASSES).status_code == 200


def test_a_provider_without_a_window_ignores_the_clock(get):
    assert get(UNITE_LEGALE, headers={"X-Mock-Clock": "01:30"}).status_code == 200


def test_maintenance_comes_before_the_identifier_and_after_the_recipient(get):
    malformed = get("/v3/dgfip/unites_legales/418166097/liasses_fiscales/2023", headers={"X-Mock-Clock": "01:30"})
    assert malformed.status_code == 503
    assert malformed.json["errors"][0]["code"] == "03020"
    bad_recipient = get(LIASSES, params={"recipient": "mairie"}, headers={"X-Mock-Clock": "01:30"})
    assert bad_recipient.json["errors"][0]["code"] == "00210"


def test_v2_routes_of_the_provider_have_the_window_too(get):
    flat = get("/v2/exercices/41816609600051", headers={"X-Mock-Clock": "01:30"})
    assert flat.status_code == 503
    assert flat.json == {"errors": ["Le fournisseur de données est en maintenance de 01:00 à 02:00"]}
    json_api = get(
        "/v2/cotisations_msa/41816609600051", params={"error_format": "json_api"}, headers={"X-Mock-Clock": "03:10"}
    )
    assert json_api.json["errors"] == [maintenance_error("10", "MSA", "03:00", "03:30", 1200)]


@pytest.mark.parametrize("clock", ["25:00", "midi", "", "2025-13-01T01:00:00", "01:30+02:00", "01:30:00Z", "9" * 500])
def test_a_clock_that_is_none_is_a_400(get, clock):
    response = get(LIASSES, headers={"X-Mock-Clock": clock})
    assert response.status_code == 400
    assert response.json["errors"][0]["code"] == "99007"


@pytest.mark.parametrize(("path", "prefix", "starts", "ends"), MAINTAINED_ROUTES)
def test_the_scenario_plays_the_window_from_its_start(get, path, prefix, starts, ends):
    # Named by header, it is played before the identifier, as the window is.
    malformed = path.replace("418166096", "418166097").replace("41816609600051", "41816609600052")
    response = get(malformed, headers={"X-Mock-Scenario": "provider_maintenance"})
    assert response.status_code == 503
    (error,) = response.json["errors"]
    assert error["code"] == f"{prefix}020"
    assert error["detail"] == f"Le fournisseur de données est en maintenance de {starts} à {ends}"
    end_hour, end_minute = (int(part) for part in ends.split(":"))
    start_hour, start_minute = (int(part) for part in starts.split(":"))
    assert error["meta"]["retry_in"] == (end_hour * 60 + end_minute - start_hour * 60 - start_minute) * 60


def test_the_reserved_identifier_plays_the_window(get):
    response = get("/v3/banque_de_france/unites_legales/999990179/bilans")
    assert response.json["errors"] == [maintenance_error("17", "Banque de France", "22:04", "22:08", 240)]


def test_routes_of_providers_without_a_window_do_not_play_it(get):
    assert get(UNITE_LEGALE, headers={"X-Mock-Scenario": "provider_maintenance"}).status_code == 400


def test_the_banque_de_france_no_longer_sends_17501(get):
    response = get("/v2/bilans_entreprises_bdf/418166096", headers={"X-Mock-Scenario": "bdf_maintenance"})
    assert response.status_code == 400


# The in-flight conflict (siade APIController#verify_duplicate_params!, #clean_duplicate_param_tracking).

CONFLICT = {
    "code": "00015",
    "title": "Conflit",
    "detail": "Une requête associé à votre jeton est déjà en cours de traitement pour ces paramètres. Veuillez "
    "attendre la fin du traitement avant d'effectuer une nouvelle requête.",
    "meta": {},
}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        # Halted by a before_action after the key is written: the after_action that clears it never runs.
        ({"context": None}, "00201"),
        ({"recipient": "mairie"}, "00210"),
    ],
)
def test_a_halted_request_leaves_its_key_for_60_seconds(get, monkeypatch, params, code):
    first = get(UNITE_LEGALE, params=params)
    assert first.json["errors"][0]["code"] == code
    again = get(UNITE_LEGALE, params=params)
    assert again.status_code == 409
    # Rendered by a before_action, before the JSON:API type is set: Rails' JSON type.
    assert again.content_type == "application/json; charset=utf-8"
    assert again.json == {"errors": [CONFLICT]}
    # Other parameters are another request.
    assert get(UNITE_LEGALE, params={**params, "object": "autre"}).json["errors"][0]["code"] == code
    later = shared_state.time.monotonic() + 61
    monkeypatch.setattr(shared_state.time, "monotonic", lambda: later)
    assert get(UNITE_LEGALE, params=params).json["errors"][0]["code"] == code


@pytest.mark.parametrize(
    "other",
    [
        # Another identifier, or another route with the same parameters, is another request.
        "/v3/insee/sirene/unites_legales/552049447",
        "/v3/insee/sirene/unites_legales/diffusibles/418166096",
    ],
)
def test_the_key_is_the_route_and_its_parameters(get, other):
    assert get(UNITE_LEGALE, params={"context": None}).json["errors"][0]["code"] == "00201"
    assert get(other, params={"context": None}).json["errors"][0]["code"] == "00201"


def test_a_refused_version_leaves_its_key_too(get):
    path = "/v4/insee/sirene/etablissements/41816609600051/adresse"
    assert get(path).json["errors"][0]["code"] == "00402"
    assert get(path).json["errors"][0]["code"] == "00015"


@pytest.mark.parametrize(
    "path",
    [
        UNITE_LEGALE,
        # The organizer's own failures (a malformed identifier, a provider's error) run the after_action.
        "/v3/insee/sirene/unites_legales/418166097",
        "/v3/insee/sirene/unites_legales/000000000",
    ],
)
def test_an_answered_request_clears_its_key(get, path):
    assert get(path).status_code == get(path).status_code != 409


def test_errors_before_the_key_leave_none(client, token):
    query = {**TRACEABILITY}
    for _ in range(2):
        assert client.get(UNITE_LEGALE, query_string=query).status_code == 401
    restricted = preset_token("restricted", DEFAULT_SECRET)
    path = "/v3/insee/sirene/etablissements/41816609600051"
    for _ in range(2):
        response = client.get(path, query_string=query, headers={"Authorization": f"Bearer {restricted}"})
        assert response.json["errors"][0]["code"] == "00100"


def test_v2_routes_know_no_conflict(get):
    for _ in range(2):
        assert get("/v2/entreprises/418166096", params={"context": None}).status_code == 422


def test_an_identical_request_in_flight_gets_409(token):
    app = create_app(Settings(slow_provider_seconds=0.6, rate_limit_factor=0))
    query = {**TRACEABILITY}
    headers = {"Authorization": f"Bearer {token}", "X-Mock-Scenario": "slow_provider"}
    statuses = []

    def call():
        statuses.append(app.test_client().get(UNITE_LEGALE, query_string=query, headers=headers).status_code)

    slow = threading.Thread(target=call)
    slow.start()
    # While the slow one waits on its provider, the same request conflicts; another user's does not.
    threading.Event().wait(0.2)
    assert app.test_client().get(UNITE_LEGALE, query_string=query, headers=headers).status_code == 409
    other = preset_token("ip_restricted", DEFAULT_SECRET)
    other_headers = {**headers, "Authorization": f"Bearer {other}", "X-Forwarded-For": "192.0.2.10"}
    assert app.test_client().get(UNITE_LEGALE, query_string=query, headers=other_headers).status_code == 200
    slow.join()
    assert statuses == [200]
    assert app.test_client().get(UNITE_LEGALE, query_string=query, headers=headers).status_code == 200


# Blocklists in front of the application (siade config/initializers/rack_attack.rb).

BLACKLISTED = {
    "code": "00105",
    "title": "Jeton sur liste noire",
    "detail": "Votre jeton est sur liste noire, celui-ci a certainement été divulgué sur un canal non-sécurisé. "
    "Vous pouvez trouver un jeton valide sur votre espace personnel: https://entreprise.api.gouv.fr/compte",
    "source": {"parameter": "token"},
    "meta": {},
}
FORBIDDEN_IP = {
    "code": "00107",
    "title": "Adresse IP non autorisée",
    "detail": "Votre adresse IP n'est pas autorisée à utiliser ce jeton.",
    "source": {"header": "X-Forwarded-For"},
    "meta": {},
}


def test_a_revoked_token_is_401_before_the_rate_limit_and_the_rest(client):
    revoked = preset_token("revoked", DEFAULT_SECRET)
    headers = {"Authorization": f"Bearer {revoked}", "X-Mock-Scenario": "rate_limited"}
    response = client.get("/v3/insee/sirene/unites_legales/1", headers=headers)
    assert response.status_code == 401
    assert response.content_type == "application/json"
    assert response.json == {"errors": [BLACKLISTED]}
    assert "RateLimit-Limit" not in response.headers
    flat = client.get("/v2/entreprises/418166096", query_string={"token": revoked})
    assert flat.json == {"errors": [BLACKLISTED["detail"]]}


@pytest.mark.parametrize(
    ("forwarded_for", "status"),
    [(None, 403), ("192.0.2.11", 403), ("not an address", 403), ("192.0.2.10", 200), ("192.0.2.10, 10.0.0.1", 200)],
)
def test_a_token_restricted_to_an_address(client, forwarded_for, status):
    headers = {"Authorization": f"Bearer {preset_token('ip_restricted', DEFAULT_SECRET)}"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    response = client.get(UNITE_LEGALE, query_string=TRACEABILITY, headers=headers)
    assert response.status_code == status
    if status == 403:
        assert response.json == {"errors": [FORBIDDEN_IP]}


def test_an_address_block_allows_its_addresses():
    assert auth.ip_allowed("192.0.2.77", ("192.0.2.0/24",))
    assert not auth.ip_allowed("192.0.3.1", ("192.0.2.0/24",))


def test_the_presets_are_listed_for_the_console(client):
    tokens = client.get("/__admin/tokens").json["tokens"]
    assert {"revoked", "ip_restricted"} <= set(tokens)


# Wordings and staging cases.


def test_a_refused_version_names_it_as_production_does(get):
    response = get("/v4/insee/sirene/etablissements/41816609600051/adresse")
    assert response.json["errors"][0]["detail"] == "La version v4 n'est pas supportée pour cet endpoint"


def test_urssaf_v4_words_a_delivered_attestation_as_production(get):
    status = get("/v4/urssaf/unites_legales/418166096/attestation_vigilance").json["data"]["entity_status"]
    assert status == {
        "code": "ok",
        "libelle": "Attestation délivrée par l'Urssaf",
        "description": "La délivrance de l'attestation de vigilance a été validée par l'Urssaf. L'attestation est "
        "délivrée lorsque l'entité est à jour de ses cotisations et contributions, ou bien dans le cas de situations "
        "spécifiques détaillées dans la documentation métier.",
    }


def test_the_msa_staging_case_is_up_to_date(get):
    assert get("/v3/msa/etablissements/20005379100014/conformite_cotisations").json["data"]["status"] == "up_to_date"
    assert get("/v2/cotisations_msa/20005379100014").json == {"analyse_en_cours": False, "a_jour": True}
    unknown = get("/v3/msa/etablissements/13002526500013/conformite_cotisations")
    assert unknown.status_code == 404
    assert unknown.json["errors"][0]["code"] == "10003"


@pytest.mark.parametrize(
    "path", [UNITE_LEGALE, "/v3/insee/sirene/unites_legales/999990013", "/v2/entreprises/999990013"]
)
def test_prefer_code_200_plays_the_nominal_answer(get, path):
    assert get(path, headers={"Prefer": "code=200"}).status_code == 200


def test_an_expired_token_expires_on_the_second(token):
    claims = auth.verify(token, DEFAULT_SECRET, 0)
    expiring = auth.mint(DEFAULT_SECRET, ["entreprises"], issued_at=0, expires_at=1000, uid=claims.uid, jti=claims.jti)
    assert auth.verify(expiring, DEFAULT_SECRET, 1000).expires_at == 1000
    with pytest.raises(auth.ApiError) as refused:
        auth.verify(expiring, DEFAULT_SECRET, 1000.001)
    assert refused.value.keys == ("expired_token",)


def test_a_unit_non_diffusible_by_its_data_is_451_in_v2(get):
    # 350042925 is no reserved identifier: the world's sole trader opted out of diffusion, and v2 says so.
    refused = get("/v2/entreprises/350042925")
    assert refused.status_code == 451
    assert refused.json["errors"] == ["Le SIREN est non diffusable, pour y accéder référez-vous à notre documentation."]
    assert get("/v2/entreprises/350042925", params={"non_diffusables": "true"}).status_code == 200


def test_the_routes_of_a_provider_with_a_window_play_it_and_no_other_does():
    assert set(WINDOWS) == {"CNETP", "DGFIP - Adélie", "MSA", "Banque de France"}
    for endpoint in ENDPOINTS:
        assert ("provider_maintenance" in endpoint.scenarios) == (endpoint.provider in WINDOWS), endpoint.name


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/v3/inpi/unites_legales/418166096/actes", "Cette route a été déplacée."),
        ("/v3/inpi/unites_legales/418166096/brevets", "Cette route n'existe plus sur API Entreprise."),
        ("/v4/inpi/unites_legales/418166096/marques", "Cette route n'existe plus sur API Entreprise."),
        ("/v3/inpi/unites_legales/000000000/modeles", "Cette route n'existe plus sur API Entreprise."),
    ],
)
def test_the_inpis_first_v3_routes_are_gone(client, path, sentence):
    # siade config/routes/api_entreprise.rb: a Rack lambda answers 410 with a sentence and no header at all,
    # before any token or parameter is looked at.
    response = client.get(path)
    assert response.status_code == 410
    assert "Content-Type" not in response.headers
    assert response.get_data(as_text=True).startswith(sentence)
    assert "https://entreprise.api.gouv.fr/" in response.get_data(as_text=True)
    (entry,) = client.get("/__admin/requests").json["requests"]
    assert (entry["path"], entry["status"]) == (path, 410)
