"""Document routes: JSON shapes, storage URLs, real PDFs and ZIPs, the providers' own outcomes."""

import io
import json
import random
import re
import zipfile
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from mockserver import world
from mockserver.catalogue import ENDPOINTS
from mockserver.catalogue.schemas import validator
from mockserver.documents.pdf import entity_name
from mockserver.rules.errors import ERRORS, PROVIDER_CODES

from .helpers import PROVIDER_FAILURES, TODAY, fetch, path_of
from .ordinary import ordinary_sirens

ENDPOINT = {e.name: e for e in ENDPOINTS}
NAME = re.compile(r"/siade/(?P<issued>[0-9]{10})-(?P<hex>[0-9a-f]{40,84})-(?P<label>[a-z_]+)\.(?P<ext>pdf|zip)")


def _registry(siren):
    return world.registration(siren)


# Route -> (label of its files, identifier kind, whether the provider knows the entity of an identifier).
ROUTES = {
    "documents_associations": ("document_asso", "siret", lambda siret: world.association_file(siret) is not None),
    "actes_inpi": ("all_documents", "siren", lambda siren: bool(_registry(siren) and _registry(siren).acts)),
    "bilans_inpi": ("all_documents", "siren", lambda siren: bool(_registry(siren) and _registry(siren).accounts)),
    "attestations_fiscales_dgfip": (
        "attestation_fiscale_dgfip",
        "siren",
        lambda siren: world.tax_attestation(siren, TODAY) is not None,
    ),
    "attestations_sociales_acoss": (
        "attestation_vigilance_acoss",
        "siren",
        lambda siren: world.vigilance_attestation(siren, TODAY) is not None,
    ),
    "attestations_cotisation_retraite_probtp": (
        "attestation_cotisation_retraite_probtp",
        "siret",
        lambda siret: world.probtp_attestation(siret, TODAY) is not None,
    ),
    "cartes_professionnelles_fntp": (
        "carte_professionnelle_fntp",
        "siren",
        lambda siren: world.professional_card(siren, TODAY) is not None,
    ),
    "certificats_cnetp": ("certificat_cnetp", "siren", lambda siren: world.cnetp_certificate(siren, TODAY) is not None),
    "certificats_rge_ademe": (
        "certificat_rge_ademe",
        "siret",
        lambda siret: bool(world.rge_certificates(siret[:9], TODAY)),
    ),
    "certificats_qualibat": (
        "certificat_qualibat",
        "siret",
        lambda siret: world.qualibat_certificate(siret[:9], TODAY) is not None,
    ),
}
NOT_FOUND_DETAIL = {
    "attestations_fiscales_dgfip": ERRORS["not_found_dgfip"].detail,
    "attestations_sociales_acoss": ERRORS["not_found_acoss"].detail,
}


def _sirens(seed):
    return ordinary_sirens(random.Random(seed))


def sweep(route, count, known=True, seed=4):
    """Return ``count`` identifiers of the route's kind whose entity the provider knows (or not)."""
    _, kind, knows = ROUTES[route]
    found = []
    for siren in _sirens(seed):
        identifier = world.company(siren).siege_siret if kind == "siret" else siren
        if knows(identifier) is known:
            found.append(identifier)
            if len(found) == count:
                return found


def storage_urls(body):
    """Return every storage URL of a JSON answer, in order."""
    text = json.dumps(body)
    return re.findall(r"https?://[^\"]+/siade/[^\"]+", text)


def entity_of(route, identifier):
    """Return the name and identifier a document of the route must show."""
    if route == "documents_associations":
        return world.association_file(identifier).association.titre, identifier
    return entity_name(world.company(identifier[:9])), identifier


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_json_answers_follow_their_schema_on_a_sweep(get, route):
    check = validator(ENDPOINT[route].schema)
    label = ROUTES[route][0]
    for identifier in sweep(route, 40):
        response = get(path_of(ENDPOINT[route], identifier))
        assert response.status_code == 200, (identifier, response.json)
        assert not [e.message for e in check.iter_errors(response.json)], identifier
        urls = storage_urls(response.json)
        assert urls, identifier
        assert {NAME.search(url)["label"] for url in urls} == {label}


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_unknown_to_the_provider_is_404_in_its_words(get, route):
    detail = NOT_FOUND_DETAIL.get(route, ERRORS["not_found"].detail)
    for identifier in sweep(route, 5, known=False):
        response = get(path_of(ENDPOINT[route], identifier))
        assert response.status_code == 404, identifier
        assert response.json == {"errors": [detail]}


PDF_ROUTES = sorted(route for route, (label, _, _) in ROUTES.items() if label != "all_documents")


@pytest.mark.parametrize("route", PDF_ROUTES)
def test_every_pdf_opens_and_names_its_entity(client, get, route):
    for identifier in sweep(route, 4, seed=11):
        name, shown = entity_of(route, identifier)
        for url in storage_urls(get(path_of(ENDPOINT[route], identifier)).json):
            document = fetch(client, url)
            assert document.status_code == 200, url
            assert document.content_type == "application/pdf"
            assert int(document.headers["Content-Length"]) == len(document.data)
            assert document.headers["Content-Disposition"] == f'inline; filename="{url.rsplit("/", 1)[1]}"'
            assert document.data.startswith(b"%PDF-")
            text = pdf_text(document.data)
            assert " ".join(name.split()) in text, (url, name)
            assert shown in text
            assert "DOCUMENT FICTIF" in text
            assert PdfReader(io.BytesIO(document.data)).metadata.title.endswith("DOCUMENT FICTIF")


@pytest.mark.parametrize(
    ("route", "list_key", "prefix"), [("actes_inpi", "actes", "ACTE"), ("bilans_inpi", "bilans", "BILAN")]
)
def test_inpi_archives_hold_each_pdf_with_its_metadata_and_an_index(client, get, route, list_key, prefix):
    for siren in sweep(route, 3, seed=12):
        body = get(path_of(ENDPOINT[route], siren)).json
        document = fetch(client, body["url_documents"])
        assert document.status_code == 200
        assert document.content_type == "application/zip"
        assert document.headers["Content-Disposition"].startswith("attachment; filename=")
        archive = zipfile.ZipFile(io.BytesIO(document.data))
        assert archive.testzip() is None
        index = json.loads(archive.read("Response.json"))
        assert [entry["idFichier"] for entry in index] == [item["id_fichier"] for item in body[list_key]]
        pdfs = {entry["nomFichier"] for entry in index}
        assert set(archive.namelist()) == pdfs | {entry["nomFichierMetadonnees"] for entry in index} | {"Response.json"}
        name = entity_of(route, siren)[0]
        for entry in index:
            assert re.fullmatch(rf"{prefix}_{siren}_[0-9]{{8}}_{entry['idFichier']}\.pdf", entry["nomFichier"])
            assert entry["nomFichierMetadonnees"] == entry["nomFichier"].removesuffix(".pdf") + ".xml"
            metadata = ElementTree.fromstring(archive.read(entry["nomFichierMetadonnees"]))
            assert metadata.findtext("idFichier") == str(entry["idFichier"])
            assert metadata.findtext("siren") == siren
            text = pdf_text(archive.read(entry["nomFichier"]))
            assert siren in text and " ".join(name.split()) in text


def test_inpi_lists_agree_with_the_company_file(get):
    siren = sweep("bilans_inpi", 1, seed=13)[0]
    registry = world.registration(siren)
    bilans = get(path_of(ENDPOINT["bilans_inpi"], siren)).json["bilans"]
    assert [b["date_cloture"][:10] for b in bilans] == [a.closed_on.isoformat() for a in registry.accounts]
    assert {b["numero_gestion"] for b in bilans} == {registry.numero_gestion}
    assert {b["code_greffe"] for b in bilans} == {int(registry.greffe.code)}
    actes = get(path_of(ENDPOINT["actes_inpi"], siren)).json["actes"]
    dates = [a["date_depot"] for a in actes]
    assert dates == sorted(dates)


def test_association_documents_are_the_same_by_siret_and_by_rna(get):
    siret = sweep("documents_associations", 1, seed=14)[0]
    rna = world.association_file(siret).association.rna_id
    by_siret = get(path_of(ENDPOINT["documents_associations"], siret)).json
    by_rna = get(path_of(ENDPOINT["documents_associations"], rna)).json
    assert [(d["type"], d["timestamp"]) for d in by_siret["documents"]] == [
        (d["type"], d["timestamp"]) for d in by_rna["documents"]
    ]
    assert by_siret["nombre_documents"] == len(by_siret["documents"])


def test_an_association_known_to_the_rna_only_has_documents(client, get):
    response = get("/v2/documents_associations/W751212517")
    assert response.status_code == 200
    document = fetch(client, response.json["documents"][0]["url"])
    assert "W751212517" in pdf_text(document.data)


@pytest.mark.parametrize(
    ("route", "identifier", "code"),
    [
        ("documents_associations", "W12345", "00303"),
        ("documents_associations", "418166096", "00303"),
        ("actes_inpi", "418166097", "00301"),
        ("attestations_fiscales_dgfip", "12345678", "00301"),
        ("attestations_cotisation_retraite_probtp", "41816609600068", "00302"),
        ("certificats_rge_ademe", "418166096", "00302"),
    ],
)
def test_malformed_identifiers_are_422(get, route, identifier, code):
    response = get(path_of(ENDPOINT[route], identifier), params={"error_format": "json_api"})
    assert response.status_code == 422
    assert response.json["errors"][0]["code"] == code


@pytest.mark.parametrize(
    ("route", "params", "status", "code"),
    [
        ("attestations_fiscales_dgfip", {"siren_is": "418166097"}, 422, "00311"),
        ("attestations_fiscales_dgfip", {"siren_tva": "abc"}, 422, "00312"),
        ("attestations_fiscales_dgfip", {"siren_is": "1", "siren_tva": "2"}, 422, "00311"),
        ("attestations_fiscales_dgfip", {"siren_is": "418166096", "siren_tva": "552049447"}, 200, None),
        ("attestations_fiscales_dgfip", {"user_id": "anything", "email": "not-checked"}, 200, None),
        ("attestations_sociales_acoss", {"type_attestation": "AMP_UR"}, 422, "00310"),
        ("attestations_sociales_acoss", {"type_attestation": "AVG_UR"}, 200, None),
    ],
)
def test_optional_parameters_are_checked_when_given(get, route, params, status, code):
    response = get(path_of(ENDPOINT[route], "418166096"), params={**params, "error_format": "json_api"})
    assert response.status_code == status
    if code:
        assert response.json["errors"][0]["code"] == code


def test_identifier_is_checked_before_the_options(get):
    response = get("/v2/attestations_fiscales_dgfip/418166097", params={"siren_is": "x", "error_format": "json_api"})
    assert response.json["errors"][0]["code"] == "00301"


def test_skip_pdf_leaves_the_certificates_urls_null(get):
    siret = sweep("certificats_rge_ademe", 1)[0]
    body = get(path_of(ENDPOINT["certificats_rge_ademe"], siret), params={"skip_pdf": "true"}).json
    assert {q["url_certificat"] for q in body["qualifications"]} == {None}
    assert not list(validator("v2/certificats_rge_ademe.json").iter_errors(body))


def test_urls_are_built_on_the_host_the_request_came_to(client, token):
    response = client.get(
        "/v2/attestations_fiscales_dgfip/418166096",
        base_url="http://sandbox.example:8443",
        query_string={"context": "c", "recipient": "13002526500013", "object": "o"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.json["url"].startswith("http://sandbox.example:8443/siade/")


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize(
    ("scenario", "status", "subcode"),
    PROVIDER_FAILURES,
)
def test_provider_failures_on_every_document_route(get, route, scenario, status, subcode):
    identifier = sweep(route, 1)[0]
    response = get(
        path_of(ENDPOINT[route], identifier), headers={"X-Mock-Scenario": scenario}, params={"error_format": "json_api"}
    )
    assert response.status_code == status
    error = response.json["errors"][0]
    assert error["code"] == PROVIDER_CODES[ENDPOINT[route].provider] + subcode
    assert error["meta"] == {"provider": ENDPOINT[route].provider}
