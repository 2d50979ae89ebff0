"""Health routes: a provider's ping, the list of pings, each version's ping; no token, no parameters."""

from datetime import datetime

import pytest

from mockserver.http import health


def test_a_provider_ping_says_ok_with_the_time_of_the_check(client):
    response = client.get("/ping/insee/sirene")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    checked = datetime.fromisoformat(response.json["last_update"])
    assert checked.utcoffset() is not None
    assert abs(checked.timestamp() - datetime.now().timestamp()) < 60
    assert set(response.json) == {"status", "last_update", "last_ok_status"}


@pytest.mark.parametrize("scenario", sorted(health.DOWN_SCENARIOS))
def test_a_failing_provider_is_a_502_bad_gateway(client, scenario):
    response = client.get("/ping/infogreffe/rcs", headers={"X-Mock-Scenario": scenario})
    assert response.status_code == 502
    assert response.json["status"] == "bad_gateway"


def test_an_unknown_provider_is_a_404_with_an_empty_object(client):
    response = client.get("/ping/unknown/provider")
    assert (response.status_code, response.json) == (404, {})


def test_an_unknown_scenario_is_refused(client):
    assert client.get("/ping/insee/sirene", headers={"X-Mock-Scenario": "not_found"}).status_code == 400


def test_the_list_of_pings_gives_urls_that_answer(client):
    pings = client.get("/pings").json
    assert {"name": "INSEE - Sirene", "url": "http://localhost/ping/insee/sirene"} in pings
    assert len(pings) == len(health.providers())
    for entry in pings:
        assert client.get(entry["url"].removeprefix("http://localhost")).status_code == 200


@pytest.mark.parametrize(
    ("path", "status"), [("/v2/ping", 200), ("/v3/ping", 200), ("/v4/ping", 200), ("/v1/ping", 200), ("/vx/ping", 404)]
)
def test_each_version_has_its_ping(client, path, status):
    assert client.get(path).status_code == status
