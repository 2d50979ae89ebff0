"""The INPI RNE documents' proxy: production's links, its answers in its order, the hour a link lives, garbage."""

import base64
import io
import json
import re
import time
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from mockserver.config import DEFAULT_SECRET
from mockserver.documents.inpi_proxy import InpiProxy, ProxyLink
from mockserver.rules.auth import load_presets

from .current_ids import KNOWN

SIREN = KNOWN["api_entreprise_v3_inpi_rne_actes_bilans"]["siren"]
ACTES_BILANS = f"/v3/inpi/rne/unites_legales/open_data/{SIREN}/actes_bilans"
EXTRAIT_SIREN = KNOWN["api_entreprise_v3_inpi_rne_extrait_rne"]["siren"]
EXTRAIT = f"/v3/inpi/rne/unites_legales/{EXTRAIT_SIREN}/extrait_rne"
PROXY = "/proxy/inpi/download/"
# Production's answers, from siade config/errors.yml and INPIProxyController (render json: is application/json).
JSON = "application/json; charset=utf-8"
INVALID_UUID = {
    "errors": [
        {
            "code": "00314",
            "title": "Entité non traitable",
            "detail": "Le paramètre uuid n'est pas correctement formatté",
            "source": {"parameter": "uuid"},
            "meta": {},
        }
    ]
}
EXPIRED = {
    "errors": [{"code": "00403", "title": "Lien expiré", "detail": "Le lien de téléchargement est expiré.", "meta": {}}]
}
# Production's file names of the documents its proxy stores (siade */UploadDocument#filename).
FILE_NAMES = {"actes": "actes_download_inpi", "bilans": "bilans_download_inpi", "extrait": "extrait_rne_download_inpi"}


def links(get) -> dict[str, dict]:
    """Return the first link of each target, with the id the listing gives its document."""
    deposits = get(ACTES_BILANS).json["data"]
    extrait = get(EXTRAIT).json["data"]
    return {
        "actes": {"url": deposits["actes"][0]["url"], "id": deposits["actes"][0]["id"]},
        "bilans": {"url": deposits["bilans"][0]["url"], "id": deposits["bilans"][0]["id"]},
        "extrait": {"url": extrait["document_url"], "id": EXTRAIT_SIREN},
    }


def sealed_fields(url: str) -> dict:
    """Return the JSON a link's uuid carries (its tag cut off)."""
    uuid = urlsplit(url).path.removeprefix(PROXY)
    return json.loads(base64.urlsafe_b64decode(uuid)[:-16])


@pytest.mark.parametrize("target", ["actes", "bilans", "extrait"])
def test_a_link_leads_through_the_proxy_to_the_pdf_under_productions_name(client, get, target):
    link = links(get)[target]
    assert link["url"].startswith(f"http://localhost{PROXY}")
    answer = client.get(urlsplit(link["url"]).path)  # no token, no traceability parameter: the link is enough
    assert (answer.status_code, answer.content_type) == (200, JSON)
    assert list(answer.json) == ["data", "links", "meta"]
    assert list(answer.json["data"]) == ["document_url", "expires_in"]
    assert answer.json["data"]["expires_in"] == 86400  # UploadDocumentOrganizer#expires_in: a day
    assert (answer.json["links"], answer.json["meta"]) == ({}, {})
    document_url = answer.json["data"]["document_url"]
    assert re.fullmatch(rf"http://localhost/siade/[0-9]+-[0-9a-f]+-{FILE_NAMES[target]}\.pdf", document_url)
    document = client.get(urlsplit(document_url).path)
    assert (document.status_code, document.content_type) == (200, "application/pdf")
    assert document.data.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(document.data), strict=True).pages) >= 1
    assert document.headers["Content-Disposition"].endswith(f'-{FILE_NAMES[target]}.pdf"')


def test_a_link_seals_productions_fields(get):
    before = int(time.time())
    found = links(get)
    after = int(time.time())
    jti = load_presets()["default"]["jti"]
    for target, link in found.items():
        fields = sealed_fields(link["url"])
        assert (fields["target"], fields["document_id"], fields["token_id"]) == (target, link["id"], jti)
        assert before <= fields["timestamp"] <= after


def test_the_extract_and_the_deposits_are_the_documents_of_their_unit(client, get):
    for target, link in links(get).items():
        answer = client.get(urlsplit(link["url"]).path).json["data"]["document_url"]
        text = PdfReader(io.BytesIO(client.get(urlsplit(answer).path).data)).pages[0].extract_text()
        assert (EXTRAIT_SIREN if target == "extrait" else SIREN) in text.replace(" ", "")


def _flipped(url: str) -> str:
    """Return a link's uuid with one character of its middle changed."""
    uuid = urlsplit(url).path.removeprefix(PROXY)
    middle = len(uuid) // 2
    return uuid[:middle] + ("A" if uuid[middle] != "A" else "B") + uuid[middle + 1 :]


def _untagged(url: str) -> str:
    """Return a link's JSON without its tag, as a forger who knows the format would send it."""
    return base64.urlsafe_b64encode(json.dumps(sealed_fields(url)).encode()).decode()


def _other_secret(url: str) -> str:
    """Return the same link sealed with another secret (another sandbox's, or a forged one)."""
    return InpiProxy("another secret").uuid(ProxyLink(**sealed_fields(url)))


@pytest.mark.parametrize(
    "garble",
    [
        lambda url: "invalid_stuff",  # production's own example (siade inpi_proxy_controller_spec.rb)
        _flipped,
        _other_secret,
        _untagged,
        lambda url: urlsplit(url).path.removeprefix(PROXY).rstrip("=")[:-3],
        lambda url: "====",
        lambda url: "%00",
    ],
    ids=["production_example", "flipped", "other_secret", "untagged", "truncated", "padding", "nul"],
)
def test_a_uuid_that_does_not_open_is_productions_422(client, get, garble):
    uuid = garble(links(get)["actes"]["url"])
    answer = client.get(PROXY + uuid)
    assert (answer.status_code, answer.content_type, answer.json) == (422, JSON, INVALID_UUID)


def test_a_link_lives_an_hour_then_is_410_and_409_while_its_key_is_held(app, client, get):
    state = app.extensions["state"]
    issued = int(time.time())
    state.clock = lambda: issued + 0.5
    path = urlsplit(links(get)["bilans"]["url"]).path
    state.clock = lambda: issued + 3600.9  # 3600 whole seconds: still good (production compares > 1.hour)
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # the key is cleared once the document is answered
    state.clock = lambda: issued + 3601
    expired = client.get(path)
    assert (expired.status_code, expired.content_type, expired.json) == (410, JSON, EXPIRED)
    entry = client.get("/__admin/requests").json["requests"][-1]
    assert (entry["path"], entry["status"], entry["endpoint"]) == (path, 410, "inpi_proxy")
    (found,) = entry["violations"]
    assert found["rule"] == "inpi_link_expired"
    assert found["detail"] == "followed 3601 s after the call that gave it; it lives 3600 s"
    assert found["real_answer"] == {"status": 410, "body": EXPIRED}
    # Production halts before its action, so the request's in-flight key stays a minute: 409 meanwhile.
    again = client.get(path)
    assert (again.status_code, again.json["errors"][0]["code"]) == (409, "00015")


def test_the_links_carry_the_time_of_the_call_and_are_never_replayed(app, client, get):
    state = app.extensions["state"]
    issued = int(time.time())
    stamps = set()
    for second in range(3):
        state.clock = lambda second=second: issued + second
        stamps.add(sealed_fields(links(get)["actes"]["url"])["timestamp"])
    assert stamps == {issued, issued + 1, issued + 2}


def test_a_link_to_a_deposit_the_register_does_not_hold_is_the_inpis_404(client):
    forged = InpiProxy(DEFAULT_SECRET).uuid(ProxyLink("actes", "0" * 24, SIREN, int(time.time()), None, "2025-06-30"))
    answer = client.get(PROXY + forged)
    assert (answer.status_code, answer.content_type) == (404, JSON)
    (error,) = answer.json["errors"]
    assert error["code"] == "34003"
    assert error["detail"].startswith("L'identifiant indiqué n'existe pas, n'est pas connu")
    assert error["meta"] == {"provider": "INPI - RNE"}


BASE64_GARBAGE = st.binary(max_size=300).map(lambda raw: base64.urlsafe_b64encode(raw).decode())


@pytest.mark.sweep
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.one_of(st.text(max_size=300), BASE64_GARBAGE))
def test_garbage_is_a_4xx_in_the_apis_shape_never_a_500(client, garbage):
    answer = client.get(PROXY + quote(garbage, safe=""))
    assert answer.content_type.startswith("application/json")
    if not garbage or "/" in garbage:  # no uuid segment: no route, the sandbox's own 404
        assert answer.status_code == 404
    else:
        assert (answer.status_code, answer.json) == (422, INVALID_UUID)
