"""What the gateway answers on its event loop: the API's paths that nothing waits on, nothing else."""

import pytest
from werkzeug.test import EnvironBuilder

from mockserver.http.forcing import Forcing

from .helpers import TRACEABILITY

UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"


def environ(path: str, headers: dict | None = None, body: bytes | None = None) -> dict:
    """Return the WSGI environment of a request, as the gateway hands it over."""
    return EnvironBuilder(path=path, query_string=TRACEABILITY, headers=headers, data=body).get_environ()


@pytest.mark.parametrize(
    ("path", "headers", "body", "at_once"),
    [
        (UNITE_LEGALE, None, None, True),
        ("/v2/entreprises/418166096", None, None, True),
        ("/v4/dgfip/unites_legales/418166096/chiffres_affaires", None, None, True),
        ("/v3/insee/sirene/unites_legales/418166097", None, None, True),  # a 422
        ("/v3/ping", None, None, True),
        ("/ping/insee/sirene", None, None, True),
        ("/pings", None, None, True),
        (UNITE_LEGALE, {"X-Mock-Scenario": "not_found"}, None, True),
        (UNITE_LEGALE, {"Prefer": "code=404"}, None, True),
        (UNITE_LEGALE, {"Content-Length": "0"}, None, True),
        # The slow provider sleeps.
        (UNITE_LEGALE, {"X-Mock-Scenario": "slow_provider"}, None, False),
        ("/v3/insee/sirene/unites_legales/999990096", None, None, False),
        ("/v3/insee/sirene/etablissements/99999009600011", None, None, False),
        ("/v2/etablissements/99999009600011", None, None, False),
        # A body.
        (UNITE_LEGALE, {"Content-Type": "application/json"}, b'{"context": "test"}', False),
        # What builds a megabyte or a document, and what is no API path.
        ("/v3/openapi-entreprise.yaml", None, None, False),
        ("/v3//openapi-entreprise.yaml/", None, None, False),
        ("/siade/1796688540-aebd5d608b3b2bcf1169e3c793c3-attestation_fiscale_dgfip.pdf", None, None, False),
        ("/proxy/inpi/download/eyJ0YXJnZXQiOiJleHRyYWl0In0", None, None, False),
        ("/__admin/health", None, None, False),
        ("/__admin/requests", None, None, False),
        ("/__console/", None, None, False),
        ("/openapi/v3.json", None, None, False),
        ("/mcp", None, None, False),
        ("/", None, None, False),
    ],
)
def test_only_what_nothing_waits_on_is_answered_at_once(app, path, headers, body, at_once):
    assert app.extensions["at_once"](environ(path, headers, body)) is at_once


def test_a_forcing_sends_every_request_to_a_thread(app):
    at_once, forced = app.extensions["at_once"], app.extensions["state"].forced
    forced.set(Forcing("not_found", times=1))
    assert not at_once(environ(UNITE_LEGALE))
    forced.clear()
    assert at_once(environ(UNITE_LEGALE))
