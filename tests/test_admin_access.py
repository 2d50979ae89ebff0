"""Admin access control: the admin token, cross-site refusal, and tokens of a private secret kept private."""

import pytest
import requests

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token
from mockserver.serving.server import banner

from .helpers import TRACEABILITY
from .servers import running_server

ADMIN_TOKEN = "s3cret-admin-token"
PRIVATE_SECRET = "a-secret-of-this-deployment-of-the-sandbox"
CHANGES = [
    ("post", "/__admin/reset", None),
    ("delete", "/__admin/requests", None),
    ("delete", "/__admin/scenario", None),
    ("post", "/__admin/scenario", {"scenario": "not_found"}),
    ("post", "/__admin/try", {"path": "/v2/privileges"}),
]
READS = ["/__admin/scenarios", "/__admin/requests", "/__admin/scenario", "/__admin/routes", "/__admin/tokens"]


def make_client(**settings):
    return create_app(Settings(rate_limit_factor=0, **settings)).test_client()


@pytest.mark.parametrize(("method", "path", "body"), CHANGES)
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "http://localhost.evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost"},
    ],
)
@pytest.mark.parametrize("admin_token", ["", ADMIN_TOKEN])
def test_state_changing_admin_calls_from_another_site_are_refused_in_every_mode(
    method, path, body, headers, admin_token
):
    client = make_client(admin_token=admin_token)
    if admin_token:
        headers = {**headers, "Authorization": f"Bearer {admin_token}"}
    response = getattr(client, method)(path, json=body, headers=headers)
    assert response.status_code == 403
    assert response.json["errors"][0].startswith("Une requête d'administration qui modifie l'état")


def test_a_cross_site_form_post_cannot_reset_the_sandbox(client):
    response = client.post(
        "/__admin/reset",
        data="x=1",
        content_type="application/x-www-form-urlencoded",
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), CHANGES)
def test_same_origin_and_non_browser_changes_still_work_without_an_admin_token(method, path, body):
    client = make_client()
    for headers in ({}, {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}):
        assert getattr(client, method)(path, json=body, headers=headers).status_code < 300


@pytest.mark.parametrize("path", READS)
@pytest.mark.parametrize("sent", [None, "Bearer wrong", f"bearer {ADMIN_TOKEN}", ADMIN_TOKEN, f"Bearer {ADMIN_TOKEN}x"])
def test_with_an_admin_token_every_admin_call_needs_it(path, sent):
    client = make_client(admin_token=ADMIN_TOKEN)
    response = client.get(path, headers={"Authorization": sent} if sent else {})
    assert response.status_code == 401
    assert "MOCKSERVER_ADMIN_TOKEN" in response.json["errors"][0]
    assert client.get(path, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), CHANGES)
def test_with_an_admin_token_changes_need_it_too(method, path, body):
    client = make_client(admin_token=ADMIN_TOKEN)
    assert getattr(client, method)(path, json=body).status_code == 401
    authorized = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    assert getattr(client, method)(path, json=body, headers=authorized).status_code < 300


def test_with_an_admin_token_the_console_page_the_health_route_and_the_api_stay_open(token):
    client = make_client(admin_token=ADMIN_TOKEN)
    assert client.get("/__admin/health").json == {"status": "ok", "storage": "memory", "degraded": []}
    page = client.get("/")
    assert page.status_code == 200
    assert "adminFetch" in client.get("/__console/static/console.js").get_data(as_text=True)
    data = client.get(
        "/v2/entreprises/418166096", query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}
    )
    assert data.status_code == 200


def test_tokens_of_a_private_secret_are_never_handed_to_an_unauthenticated_caller():
    client = make_client(jwt_secret=PRIVATE_SECRET)
    private_token = preset_token("default", PRIVATE_SECRET)
    response = client.get("/__admin/tokens")
    assert response.status_code == 403
    assert private_token not in response.get_data(as_text=True)
    page = client.get("/").get_data(as_text=True)
    assert private_token not in page and "secret privé" in page
    assert "eyJ" not in banner(Settings(jwt_secret=PRIVATE_SECRET), ci=False)


def test_tokens_of_a_private_secret_go_to_the_admin():
    client = make_client(jwt_secret=PRIVATE_SECRET, admin_token=ADMIN_TOKEN)
    assert client.get("/__admin/tokens").status_code == 401
    response = client.get("/__admin/tokens", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.json["tokens"]["default"]["token"] == preset_token("default", PRIVATE_SECRET)
    assert preset_token("default", PRIVATE_SECRET) not in client.get("/").get_data(as_text=True)


def test_public_tokens_stay_one_click_away_without_an_admin_token(client):
    assert client.get("/__admin/tokens").json["tokens"]["default"]["token"] == preset_token("default", DEFAULT_SECRET)
    assert preset_token("default", DEFAULT_SECRET) in client.get("/").get_data(as_text=True)


@pytest.mark.system
@pytest.mark.parametrize("how", ["flag", "environment"])
def test_serve_takes_the_admin_token_from_a_flag_or_the_environment(how):
    args = ("--admin-token", ADMIN_TOKEN) if how == "flag" else ()
    env = {"CI": "", "MOCKSERVER_ADMIN_TOKEN": ADMIN_TOKEN if how == "environment" else ""}
    with running_server(*args, env=env) as (base, process):
        assert requests.get(f"{base}/__admin/requests", timeout=5).status_code == 401
        authorized = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        assert requests.get(f"{base}/__admin/requests", headers=authorized, timeout=5).status_code == 200
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert ADMIN_TOKEN not in output
    assert "admin API    needs Authorization" in output


# A page of another site whose name was made to resolve to the sandbox (DNS rebinding) calls it with its own
# name as Host, and same-origin as far as the browser can tell: only the Host names it.
REBOUND = "rebound.attacker.example:8080"


@pytest.mark.parametrize(
    ("settings", "host", "allowed"),
    [
        ({}, "localhost:8080", True),
        ({}, "127.0.0.1:8080", True),
        ({}, "127.0.0.2", True),
        ({}, "[::1]:8080", True),
        ({}, "LOCALHOST", True),
        ({}, REBOUND, False),
        ({}, "localhost.attacker.example", False),
        ({"host": "sandbox.internal"}, "sandbox.internal:8080", True),
        ({"host": "0.0.0.0"}, "0.0.0.0:8080", False),
        ({"admin_hosts": "qa.example.org, sandbox"}, "qa.example.org", True),
        ({"admin_hosts": "qa.example.org, sandbox"}, "sandbox:8080", True),
        ({"admin_hosts": "qa.example.org"}, REBOUND, False),
        ({"admin_hosts": "*"}, REBOUND, True),
        # With an admin token the token decides: a rebinding page cannot know it.
        ({"admin_token": ADMIN_TOKEN}, REBOUND, True),
    ],
)
@pytest.mark.parametrize(("method", "path", "body"), [("get", "/__admin/requests", None), *CHANGES])
def test_the_admin_api_answers_only_the_hosts_it_is_called_by(settings, host, allowed, method, path, body):
    headers = {"Host": host, "Authorization": f"Bearer {ADMIN_TOKEN}"}
    answer = getattr(make_client(**settings), method)(path, json=body, headers=headers)
    if allowed:
        assert answer.status_code < 400
    else:
        assert answer.status_code == 403
        (message,) = answer.json["errors"]
        assert message.startswith("Sans jeton d'administration") and "MOCKSERVER_ADMIN_HOSTS" in message


def test_health_answers_whatever_the_host():
    # Probes call a pod by its address.
    assert make_client().get("/__admin/health", headers={"Host": "10.1.2.3:8080"}).status_code == 200
