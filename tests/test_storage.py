"""The document storage: signed names, stateless regeneration, determinism, expiry, tampering."""

import hashlib
import json
import re
import subprocess
import sys
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver.config import Settings
from mockserver.documents.store import NOT_FOUND_PAGE, DocumentRef, DocumentStore
from mockserver.http.app import create_app

from .helpers import TRACEABILITY

# One document of each kind, by route, on the identifiers docs/documents.md offers to try.
ISSUING = [
    "/v2/attestations_fiscales_dgfip/418166096",
    "/v2/attestations_sociales_acoss/418166096",
    "/v2/actes_inpi/418166096",
    "/v2/bilans_inpi/418166096",
    "/v2/documents_associations/58121821100034",
    "/v2/documents_associations/W581218211",
    "/v2/documents_associations/W751212517",
    "/v2/certificats_qualibat/62067331900377",
    "/v2/certificats_rge_ademe/62067331900377",
    "/v2/attestations_cotisation_retraite_probtp/62067331900377",
    "/v2/cartes_professionnelles_fntp/127011799",
    "/v2/certificats_cnetp/127011799",
]


def document_paths(get):
    """Return the storage path of the first document each issuing route answers."""
    paths = []
    for route in ISSUING:
        url = re.search(r"https?://[^\"]+/siade/[^\"]+", get(route).data.decode())[0]
        paths.append(urlsplit(url).path)
    return paths


FETCH = """
import hashlib, json, sys
from mockserver.http.app import create_app
from mockserver.config import Settings
client = create_app(Settings(clock="2025-06-30")).test_client()
print(json.dumps([hashlib.sha256(client.get(path).data).hexdigest() for path in json.loads(sys.argv[1])]))
"""


def digests_in_fresh_process(paths, seed):
    result = subprocess.run(
        [sys.executable, "-c", FETCH, json.dumps(paths)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(result.stdout)


@pytest.mark.system
def test_other_processes_rebuild_the_same_bytes_from_the_name_alone(client, get):
    """A name issued here is served, byte for byte, by two replicas that never saw it issued."""
    paths = document_paths(get)
    local = [hashlib.sha256(client.get(path).data).hexdigest() for path in paths]
    assert all(client.get(path).status_code == 200 for path in paths)
    assert digests_in_fresh_process(paths, 1) == local
    assert digests_in_fresh_process(paths, 2) == local


def test_two_fetches_and_two_issues_give_the_same_bytes(client, get):
    first, second = document_paths(get), document_paths(get)
    for one, other in zip(first, second, strict=True):
        assert client.get(one).data == client.get(one).data == client.get(other).data


def test_head_answers_the_headers_without_the_body(client, get):
    path = document_paths(get)[0]
    full = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["Content-Length"] == str(len(full.data))
    assert head.headers["Content-Type"] == "application/pdf"
    assert head.headers["ETag"] == full.headers["ETag"]


def test_the_storage_asks_for_no_token_and_no_traceability(client, get):
    path = document_paths(get)[0]
    assert client.get(path).status_code == 200


def test_names_follow_the_real_pattern_and_hide_what_they_carry():
    store = DocumentStore("secret", 86400)
    name = store.name(DocumentRef("attestation_fiscale_dgfip", "418166096"), 1569156756)
    timestamp, sealed, rest = name.split("-", 2)
    assert timestamp == "1569156756"
    assert rest == "attestation_fiscale_dgfip.pdf"
    # The tag (10 bytes), then "418166096/" + part "" + "/" + the world's day as a count of days (5 digits).
    assert len(sealed) == 2 * (10 + 10 + 1 + 5) and int(sealed, 16) >= 0
    assert b"418166096".hex() not in sealed
    assert store.name(DocumentRef("attestation_fiscale_dgfip", "418166096"), 1569156756) == name
    assert store.name(DocumentRef("attestation_fiscale_dgfip", "552049447"), 1569156756) != name


def _issue(get, app):
    url = get("/v2/attestations_fiscales_dgfip/418166096").json["url"]
    path = urlsplit(url).path
    return path, int(path.rsplit("/", 1)[1].split("-")[0]), app.extensions["state"].documents


def test_links_answer_for_their_lifetime_then_404(client, get, app):
    path, issued, store = _issue(get, app)
    assert store.ttl_seconds == 86400
    assert client.get(path).headers["X-Delete-At"] == str(issued + 86400)
    store.clock = lambda: issued + 86400 - 1
    assert client.get(path).status_code == 200
    store.clock = lambda: issued + 86400
    expired = client.get(path)
    assert expired.status_code == 404
    assert expired.data == NOT_FOUND_PAGE


def test_the_lifetime_is_configurable(token):
    app = create_app(Settings(rate_limit_factor=0, document_ttl_seconds=60))
    client = app.test_client()
    url = client.get(
        "/v2/certificats_cnetp/516018496", query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}
    ).json["url"]
    path = urlsplit(url).path
    issued = int(path.rsplit("/", 1)[1].split("-")[0])
    assert client.get(path).headers["X-Delete-At"] == str(issued + 60)
    app.extensions["state"].documents.clock = lambda: issued + 60
    assert client.get(path).status_code == 404
    assert Settings.from_env({"MOCKSERVER_DOCUMENT_TTL_SECONDS": "3600"}).document_ttl_seconds == 3600


def _altered(path):
    """Return altered copies of a storage path: each part of the name changed in turn."""
    directory, name = path.rsplit("/", 1)
    timestamp, sealed, rest = name.split("-", 2)
    flip = "0" if sealed[12] != "0" else "1"
    return [
        f"{directory}/{int(timestamp) + 1}-{sealed}-{rest}",
        f"{directory}/{timestamp}-{sealed[:12]}{flip}{sealed[13:]}-{rest}",
        f"{directory}/{timestamp}-{sealed}00-{rest}",
        f"{directory}/{timestamp}-{sealed}-certificat_cnetp.pdf",
        f"{directory}/{timestamp}-{sealed}-{rest.replace('.pdf', '.zip')}",
        f"{directory}/{timestamp}-{sealed[:-2]}-{rest}",
        f"{directory}/{timestamp}-{sealed}0-{rest}",
    ]


def test_altered_names_are_404(client, get, app):
    path, _, _ = _issue(get, app)
    for altered in _altered(path):
        response = client.get(altered)
        assert response.status_code == 404, altered
        assert response.data == NOT_FOUND_PAGE


def test_a_name_signed_with_another_secret_is_404(client, get):
    foreign = DocumentStore("another secret", 86400).name(DocumentRef("attestation_fiscale_dgfip", "418166096"), 4e9)
    assert client.get(f"/siade/{foreign}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/siade/",
        "/siade/../etc/passwd",
        "/siade/..%2F..%2Fetc%2Fpasswd",
        "/siade/%2e%2e/%2e%2e/etc/passwd",
        "/siade/....//....//etc/passwd",
        "/siade//etc/passwd",
        "/siade/1569156756-f6b7779f99fa95cd60dc03c04fcb-attestation_fiscale_dgfip.pdf",
        "/siade/1569156756-f6b7779f99fa95cd60dc03c04fcb-attestation_fiscale_dgfip.pdf/../../app.py",
        "/siade/9999999999-" + "ab" * 20 + "-unknown_label.pdf",
        "/siade/%00",
    ],
)
def test_traversal_and_unknown_names_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.data == NOT_FOUND_PAGE


@pytest.mark.sweep
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=300))
def test_any_name_gets_the_storage_404_never_a_5xx(client, name):
    response = client.get("/siade/" + quote(name, safe=""))
    assert response.status_code == 404
    assert response.data == NOT_FOUND_PAGE
