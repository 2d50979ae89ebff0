"""The v2 switch-off: by default v2 answers; with the setting, production's 410 Gone since 2023-11-15."""

import pytest

from mockserver.catalogue import ENDPOINTS
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules.errors import V2_GONE_BODY

from .helpers import TRACEABILITY

V2_DATA_ROUTES = [e for e in ENDPOINTS if e.version == "v2" and e.identifiers]


@pytest.fixture
def settings():
    return Settings(rate_limit_factor=0, v2_gone=True)


@pytest.mark.parametrize("endpoint", V2_DATA_ROUTES, ids=lambda e: e.name)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_every_v2_data_route_is_gone(client, token, endpoint, method):
    path = endpoint.path.format(
        siren="418166096",
        siret="41816609600069",
        id="W751212517",
        annee="2020",
        mois="12",
        siret_or_eori="FR41816609600069",
    )
    response = client.open(path, method=method, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 410
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.data.decode() == V2_GONE_BODY
    assert "15/11/2023" in V2_GONE_BODY


def test_gone_needs_no_token_and_covers_unknown_v2_paths(client):
    assert client.get("/v2/entreprises/123").status_code == 410
    assert client.get("/v2/nothing/here").status_code == 410


def test_v2_privileges_and_ping_survive_in_their_current_form(client, token):
    response = client.get("/v2/privileges", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert "entreprises" in response.json["data"]["privileges"]
    assert client.get("/v2/ping").status_code == 200
    assert client.post("/v2/privileges").status_code == 410


def test_current_routes_are_untouched(get):
    assert get("/v3/insee/sirene/unites_legales/418166096", params={"recipient": "21750001600019"}).status_code == 200


def test_the_journal_records_the_gone_calls(client):
    client.get("/v2/entreprises/418166096")
    entries = client.get("/__admin/requests").json["requests"]
    assert (entries[-1]["path"], entries[-1]["status"], entries[-1]["endpoint"]) == (
        "/v2/entreprises/418166096",
        410,
        None,
    )


def test_v2_answers_by_default(token):
    client = create_app(Settings(rate_limit_factor=0)).test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=headers).status_code == 200
    assert list(client.get("/v2/privileges", headers=headers).json) == ["privileges"]


@pytest.mark.parametrize(
    ("value", "gone"), [("true", True), ("1", True), ("TRUE", True), ("false", False), ("0", False)]
)
def test_the_environment_variable(value, gone):
    settings = Settings.from_env({"MOCKSERVER_V2_GONE": value})
    assert settings.v2_gone is gone
    assert create_app(settings).test_client().get("/v2/entreprises/1").status_code == (410 if gone else 401)


def test_a_misspelled_boolean_is_an_error():
    with pytest.raises(ValueError, match="MOCKSERVER_V2_GONE / --v2-gone = .yes please.: expected true or false"):
        Settings.from_env({"MOCKSERVER_V2_GONE": "yes please"})
