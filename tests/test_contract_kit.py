"""The conformance suite's own parts: PDF/ZIP readers, and checks that catch a drifted sandbox."""

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter
from schemathesis.core.failures import FailureGroup

from contract_tests import checks, target
from contract_tests.documents import document_urls, read_pdf, read_zip
from mockserver import documents
from mockserver.catalogue import ENDPOINTS
from mockserver.http import stages
from mockserver.http.app import create_app
from mockserver.renderers.call import Call, Reply
from mockserver.rules.ratelimit import Budget

from .helpers import TRACEABILITY
from .servers import running_server

ROOT = Path(__file__).resolve().parent.parent
OUR_CHECKS = [
    checks.no_unrequested_server_error,
    checks.error_body_in_requested_format,
    checks.rate_limit_headers_consistent,
    checks.document_urls_resolve,
]


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_readers_open_real_documents():
    assert read_pdf(pdf_bytes())["pages"] == 1
    assert read_zip(zip_bytes({"acte.pdf": pdf_bytes(), "acte.xml": b"<acte/>"}))["members"] == ["acte.pdf", "acte.xml"]


@pytest.mark.parametrize(
    ("reader", "content"),
    [
        (read_pdf, b"<html>not found</html>"),
        (read_pdf, pdf_bytes()[:200]),
        (read_zip, b"PK\x03\x04 truncated"),
        (read_zip, zip_bytes({})),
    ],
)
def test_readers_reject_broken_documents(reader, content):
    with pytest.raises(Exception):  # noqa: B017 - pypdf and zipfile raise errors of their own
        reader(content)


def test_a_corrupt_zip_member_is_caught():
    content = bytearray(zip_bytes({"a.pdf": b"%PDF-1.4 some bytes to corrupt"}))
    content[content.index(b"some")] ^= 0xFF
    with pytest.raises(ValueError, match="bad CRC"):
        read_zip(bytes(content))


def test_document_urls_are_the_storage_urls_of_an_answer():
    body = {
        "url": "https://storage.entreprise.api.gouv.fr/siade/1-ab-attestation_fiscale_dgfip.pdf",
        "documents": [{"type": "Statuts", "url": "http://localhost/siade/2-cd-statuts.pdf", "timestamp": "1"}],
        "qualifications": [{"url_certificat": "Le certificat n'a pas pu être récupéré"}],
        "data": {"document_url": "http://localhost/siade/3-ef-acte.zip", "expires_in": 86400},
        "fiche": "http://opqibi.com/fiche.php?id=1093",
        "url_documents": None,
        "siret": "41816609600051",
        "actes": [{"url": "https://entreprise.api.gouv.fr/proxy/inpi/download/eyJ0YXJnZXQiOiJhY3RlcyJ9"}],
    }
    assert document_urls(body) == [
        "https://storage.entreprise.api.gouv.fr/siade/1-ab-attestation_fiscale_dgfip.pdf",
        "http://localhost/siade/2-cd-statuts.pdf",
        "http://localhost/siade/3-ef-acte.zip",
        "https://entreprise.api.gouv.fr/proxy/inpi/download/eyJ0YXJnZXQiOiJhY3RlcyJ9",
    ]


def run_case(app, check, query=None, headers=None, schema=None, route=("/v2/entreprises/{siren}", "418166096")):
    """Send one request of the suite to a SIREN ``route`` of ``app`` (entreprises) and run one check on it."""
    path, siren = route
    operation = (schema or target.load("v2", app))[path]["GET"]
    case = operation.Case(
        path_parameters={"siren": siren},
        query={**TRACEABILITY, **(query or {})},
        headers={"Authorization": f"Bearer {target.TOKEN}", **(headers or {})},
    )
    response = case.call()
    case.validate_response(response, checks=[check])
    return response


def test_the_sandbox_passes_the_checks():
    app = create_app(target.APP_SETTINGS)
    schema = target.load("v2", app)
    for check in OUR_CHECKS:
        for scenario in ("nominal", "provider_error", "rate_limited"):
            run_case(app, check, {"error_format": "json_api"}, {"X-Mock-Scenario": scenario}, schema)


def test_missing_rate_limit_headers_are_caught(monkeypatch):
    monkeypatch.setattr(Budget, "headers", lambda self, now: {})
    with pytest.raises(FailureGroup, match="RateLimit-Limit/Remaining/Reset missing"):
        run_case(create_app(target.APP_SETTINGS), checks.rate_limit_headers_consistent)


def test_an_inconsistent_retry_after_is_caught(monkeypatch):
    monkeypatch.setattr(Budget, "retry_after", lambda self, now: 3600)
    with pytest.raises(FailureGroup, match="Retry-After 3600 s disagrees"):
        run_case(
            create_app(target.APP_SETTINGS),
            checks.rate_limit_headers_consistent,
            headers={"X-Mock-Scenario": "rate_limited"},
        )


def test_an_unrequested_server_error_is_caught(monkeypatch):
    def broken(endpoint, call, slow_seconds):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(stages, "render", broken)
    with pytest.raises(FailureGroup, match="500 although no scenario asked for it"):
        run_case(create_app(target.APP_SETTINGS), checks.no_unrequested_server_error)


def test_a_requested_server_error_passes():
    response = run_case(
        create_app(target.APP_SETTINGS),
        checks.no_unrequested_server_error,
        headers={"X-Mock-Scenario": "provider_timeout"},
    )
    assert response.status_code == 504


def test_flat_errors_despite_json_api_are_caught(monkeypatch):
    monkeypatch.setattr(Call, "json_api_errors", property(lambda self: False))
    with pytest.raises(FailureGroup, match="JSON:API errors expected"):
        run_case(
            create_app(target.APP_SETTINGS),
            checks.error_body_in_requested_format,
            query={"error_format": "json_api"},
            headers={"X-Mock-Scenario": "not_found"},
        )


ATTESTATION_FISCALE = ("/v2/attestations_fiscales_dgfip/{siren}", "418166096")
ACTES = ("/v2/actes_inpi/{siren}", "418166096")


def test_a_document_url_the_storage_does_not_know_is_caught(monkeypatch):
    monkeypatch.setattr(stages, "render", lambda *_: Reply({"url": "http://localhost/siade/1-00-statuts.pdf"}))
    with pytest.raises(FailureGroup, match="answered 404 text/html, not a PDF or ZIP"):
        run_case(create_app(target.APP_SETTINGS), checks.document_urls_resolve, route=ATTESTATION_FISCALE)


def test_an_expired_document_url_is_caught():
    app = create_app(target.APP_SETTINGS)
    app.extensions["state"].documents.ttl_seconds = 0
    with pytest.raises(FailureGroup, match="answered 404"):
        run_case(app, checks.document_urls_resolve, route=ATTESTATION_FISCALE)


@pytest.mark.parametrize(
    ("route", "media_type"), [(ATTESTATION_FISCALE, "application/pdf"), (ACTES, "application/zip")]
)
def test_a_document_that_does_not_open_is_caught(monkeypatch, route, media_type):
    monkeypatch.setattr(documents, "build", lambda *_: b"%PDF-1.4 broken" if "pdf" in media_type else b"PK broken")
    with pytest.raises(FailureGroup, match=f"{media_type} that does not open"):
        run_case(create_app(target.APP_SETTINGS), checks.document_urls_resolve, route=route)


@pytest.mark.parametrize("route", [ATTESTATION_FISCALE, ACTES])
def test_the_sandbox_documents_open(route):
    response = run_case(create_app(target.APP_SETTINGS), checks.document_urls_resolve, route=route)
    assert document_urls(response.json())


RNE_DEPOSITS = ("/v3/inpi/rne/unites_legales/open_data/{siren}/actes_bilans", "130025265")


def test_the_inpi_proxy_links_are_followed_to_their_pdfs():
    app = create_app(target.APP_SETTINGS)
    response = run_case(app, checks.document_urls_resolve, schema=target.load("v3", app), route=RNE_DEPOSITS)
    urls = document_urls(response.json())
    assert urls and all("/proxy/inpi/download/" in url for url in urls)


def test_a_proxy_link_that_does_not_open_is_caught(monkeypatch):
    garbled = Reply(
        {"data": {"actes": [], "bilans": []}, "links": {}, "meta": {"url": "http://localhost/proxy/inpi/download/x"}}
    )
    monkeypatch.setattr(stages, "render", lambda *_: garbled)
    app = create_app(target.APP_SETTINGS)
    with pytest.raises(FailureGroup, match="the proxy link http://localhost/proxy/inpi/download/x answered 422"):
        run_case(app, checks.document_urls_resolve, schema=target.load("v3", app), route=RNE_DEPOSITS)


# The remote run on a few routes of each document: the in-process run covers them all.
REMOTE_ROUTES = ("entreprises", "attestations_fiscales", "extrait_kbis")


@pytest.mark.system
def test_the_suite_runs_against_a_base_url():
    # No access log: nobody reads the server's stdout here, and a full pipe would stall it.
    server = ("--slow-provider-seconds", "0", "--rate-limit-factor", "20", "--access-log", "off")
    with running_server(*server) as (base, _):
        env = {**os.environ, "API_ENTREPRISE_BASE_URL": base, "API_ENTREPRISE_MAX_EXAMPLES": "3"}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "contract_tests",
                "-p",
                "no:cacheprovider",
                "-k",
                " or ".join(REMOTE_ROUTES),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 0, result.stdout[-3000:]
    selected = [e for e in ENDPOINTS if any(word in e.path for word in REMOTE_ROUTES)]
    assert {e.version for e in selected} == {"v2", "v3"}
    assert f"{len(selected)} passed" in result.stdout
