"""HTTP hygiene: Allow on 405, a malformed Host refused, RateLimit-* headers as the OpenAPI says."""

import pytest

from mockserver.config import Settings
from mockserver.http.app import create_app

from .helpers import TRACEABILITY


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("post", "/v2/entreprises/418166096", "GET, HEAD"),
        ("put", "/v3/insee/sirene/unites_legales/418166096", "GET, HEAD"),
        ("get", "/__admin/reset", "OPTIONS, POST"),
        ("put", "/__admin/scenario", "DELETE, GET, HEAD, OPTIONS, POST"),
    ],
)
def test_a_405_says_which_methods_are_allowed(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.json["errors"]


@pytest.mark.parametrize(
    "host", ["", "/", "evil.example/path", "a b", "évil.example", "host:port", "[::1", "x" * 64 + ".example", "a..b"]
)
def test_a_malformed_host_is_a_400_not_a_malformed_url(get, host):
    response = get("/v2/attestations_sociales_acoss/418166096", headers={"Host": host})
    assert response.status_code == 400
    assert "http:///" not in response.get_data(as_text=True)


@pytest.mark.parametrize("host", ["localhost", "localhost:8080", "127.0.0.1:8080", "[::1]:8080", "api.example.fr."])
def test_a_well_formed_host_makes_the_document_urls(get, host):
    response = get("/v2/attestations_sociales_acoss/418166096", headers={"Host": host})
    assert response.status_code == 200
    assert response.json["url"].startswith(f"http://{host}/")


def test_with_limits_off_the_served_openapi_does_not_require_the_ratelimit_headers(token):
    off = create_app(Settings(rate_limit_factor=0)).test_client()
    on = create_app(Settings(rate_limit_factor=1)).test_client()
    path = "/v3/insee/sirene/unites_legales/{siren}"
    for client, required in ((off, False), (on, True)):
        document = client.get("/openapi/v3.json").json
        headers = document["paths"][path]["get"]["responses"]["200"]["headers"]
        assert {name: headers[name]["required"] for name in headers if name.startswith("RateLimit-")} == {
            "RateLimit-Limit": required,
            "RateLimit-Remaining": required,
            "RateLimit-Reset": required,
        }
    answer = off.get(
        "/v3/insee/sirene/unites_legales/418166096",
        query_string=TRACEABILITY,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200 and "RateLimit-Limit" not in answer.headers
    assert (
        "RateLimit-Limit"
        in on.get(
            "/v3/insee/sirene/unites_legales/418166096",
            query_string=TRACEABILITY,
            headers={"Authorization": f"Bearer {token}"},
        ).headers
    )
