"""The routes of the last catalogue against production's code (datagouv/apistration, siade/), route by route.

Each expected value is read from the real server: its routes file, the route's organizer (which
validators, in which order, and whether they answer together), its ``ValidateResponse``, its
``UploadDocument`` (file name and lifetime) and ``config/errors.yml``; not from the sandbox.
"""

import pytest

from mockserver.documents.store import DocumentRef, DocumentStore

PERIMETER = " Veuillez vérifier que votre recherche est couverte par le périmètre de l'API."
CIBTP = "/v3/cibtp/etablissements/41816609600051/attestation_cotisations_conges_payes_chomage_intemperies"


def errors(response):
    return [(e["code"], e.get("source")) for e in response.json["errors"]]


# siade ValidateParamsOrganizer (wait_to_fail): the organizers of these routes check every parameter, then
# fail with all the errors found, in their order (ValidateSiren/Siret, ValidateYear, ValidateMonth, ValidateDepth).
CHECKED_TOGETHER = [
    (
        "/v3/gip_mds/etablissements/4181660960005/effectifs_mensuels/13/annee/20x4",
        {"profondeur": "14"},
        [("00302", {"parameter": "siret"}), ("00307", None), ("00305", {"parameter": "month"}), ("00390", None)],
    ),
    (
        "/v3/gip_mds/unites_legales/41816609/effectifs_annuels/1899",
        {},
        [("00301", {"parameter": "siren"}), ("00307", None)],
    ),
    (
        "/v3/dgfip/unites_legales/41816609/liasses_fiscales/2099",
        {},
        [("00301", {"parameter": "siren"}), ("00315", None)],
    ),
    (
        "/v3/dgfip/unites_legales/41816609/liens_capitalistiques/20x3",
        {},
        [("00301", {"parameter": "siren"}), ("00307", None)],
    ),
    # One fault alone is one error.
    (
        "/v3/gip_mds/etablissements/41816609600051/effectifs_mensuels/00/annee/2024",
        {},
        [("00305", {"parameter": "month"})],
    ),
]


@pytest.mark.parametrize(
    ("path", "params", "expected"), CHECKED_TOGETHER, ids=lambda v: v if isinstance(v, str) else ""
)
def test_parameters_checked_together_answer_together(get, path, params, expected):
    response = get(path, params=params)
    assert response.status_code == 422
    assert errors(response) == expected
    assert {e["title"] for e in response.json["errors"]} == {"Entité non traitable"}


# The other new routes validate one identifier (ValidateSiret, ValidateSiren, ValidateSiretOrEORI,
# ValidateSirenOrSiretOrRNA, ValidateSiretOrRNA): one error, UnprocessableEntityError's code and errors.yml's source.
ONE_IDENTIFIER = [
    ("/v3/carif_oref/etablissements/4181660960005/certifications_qualiopi_france_competences", "00302", "siret"),
    (CIBTP.replace("41816609600051", "41816609600052"), "00302", "siret"),
    (
        "/v3/cnetp/unites_legales/41816609/attestation_cotisations_conges_payes_chomage_intemperies",
        "00301",
        "siren",
    ),
    ("/v3/data_subvention/associations/W12345/subventions", "00330", "id"),
    ("/v3/douanes/etablissements/FR4181660960005/immatriculations_eori", "00304", "id"),
    ("/v3/inpi/rne/unites_legales/41816609/beneficiaires_effectifs", "00301", "siren"),
    ("/v3/inpi/rne/unites_legales/41816609/extrait_rne", "00301", "siren"),
    ("/v3/insee/sirene/etablissements/41816609600052/successions", "00302", "siret"),
    ("/v3/ministere_interieur/rna/associations/W1234/documents", "00303", "id"),
    ("/v3/ministere_interieur/rna/associations/W1234", "00303", "id"),
    ("/v3/qualifelec/etablissements/4181660960005/certificats", "00302", "siret"),
    ("/v3/cma_france/rnm/unites_legales/41816609", "00301", "siren"),
]


@pytest.mark.parametrize(("path", "code", "parameter"), ONE_IDENTIFIER, ids=[p for p, _, _ in ONE_IDENTIFIER])
def test_one_identifier_one_error(get, path, code, parameter):
    response = get(path)
    assert response.status_code == 422
    assert errors(response) == [(code, {"parameter": parameter})]
    assert response.content_type == "application/vnd.api+json"


def test_qualifelec_words_a_404_with_the_generic_detail(get):
    # siade Qualifelec::Certificats::ValidateResponse#resource_not_found!: NotFoundError without a message.
    (error,) = get("/v3/qualifelec/etablissements/00000000000000/certificats").json["errors"]
    assert error["title"] == "Entité non trouvée"
    assert error["detail"] == (
        "Le ou les paramètre(s) d'entrée n'existent pas, ne sont pas connus, ou ne comportent aucune information "
        "pour cet appel." + PERIMETER
    )


def test_the_cibtp_certificate_is_named_and_kept_as_production_keeps_it(get, client):
    # siade CIBTP UploadDocument: filename 'certificat_cibtp', file_type pdf, expires_in 10 minutes.
    data = get(CIBTP, headers={"X-Mock-Scenario": "known_by_provider"}).json["data"]
    assert data["expires_in"] == 600
    name = data["document_url"].rsplit("/", 1)[1]
    assert name.endswith("-certificat_cibtp.pdf")
    stored = client.get(f"/siade/{name}")
    assert stored.status_code == 200
    assert int(stored.headers["X-Delete-At"]) == int(name.split("-", 1)[0]) + 600


def test_the_cibtp_certificate_is_gone_after_ten_minutes_others_after_a_day():
    now = [1_000_000.0]
    store = DocumentStore("secret", 86400, clock=lambda: now[0])
    cibtp = store.name(DocumentRef("certificat_cibtp", "41816609600051", "known"), 1_000_000)
    cnetp = store.name(DocumentRef("certificat_cnetp", "418166096"), 1_000_000)
    now[0] = 1_000_599.0
    assert store.resolve(cibtp) is not None
    now[0] = 1_000_600.0
    assert store.resolve(cibtp) is None and store.expired(cibtp)
    assert store.resolve(cnetp) is not None
    # A storage set to keep documents less than ten minutes keeps the CIBTP's no longer.
    assert DocumentStore("secret", 60).lifetime("certificat_cibtp") == 60


def test_the_cnetp_certificate_keeps_productions_name_and_day(get):
    # siade CNETP UploadDocument: filename 'certificat_cnetp', the organizer's default day.
    path = "/v3/cnetp/unites_legales/130025265/attestation_cotisations_conges_payes_chomage_intemperies"
    data = get(path).json["data"]
    assert data["document_url"].endswith("-certificat_cnetp.pdf")
    assert data["expires_in"] == 86400


def test_an_association_without_a_deposit_is_a_404(get):
    # siade MI::Associations::Documents::ValidateResponse: no document (nbDocRna 0) is
    # resource_not_found!(:siret_or_rna).
    response = get(
        "/v3/ministere_interieur/rna/associations/W751000001/documents",
        headers={"X-Mock-Scenario": "association_without_documents"},
    )
    assert response.status_code == 404
    (error,) = response.json["errors"]
    assert (error["code"], error["title"]) == ("21003", "Entité non trouvée")
    assert error["detail"].startswith("Le siret ou l'identifiant RNA indiqué n'existe pas")
    assert error["meta"] == {"provider": "MI"}


def test_an_associations_documents_count_no_deficient_one(get):
    # siade MI::Associations::Documents::BuildResourceCollection#items_context: nombre_documents_deficients 0.
    metas = [
        (response.json["meta"], len(response.json["data"]))
        for rna in ("W751000001", "W751000002", "W751000003", "W751000004", "W751000005", "W751000006")
        if (response := get(f"/v3/ministere_interieur/rna/associations/{rna}/documents")).status_code == 200
    ]
    assert len(metas) >= 3
    for meta, count in metas:
        assert meta == {"nombre_documents": count, "nombre_documents_deficients": 0}


@pytest.mark.parametrize(
    ("siren", "headers"),
    [("418166096", {"X-Mock-Scenario": "dgfip_not_subject_to_is"}), ("120027016", {})],
    ids=["scenario", "a company outside corporate tax"],
)
def test_the_liens_capitalistiques_answer_the_liasses_404(get, siren, headers):
    # siade DGFIP::LiensCapitalistiques: the liasse's request and DGFIP::LiassesFiscales::ValidateResponse, whose
    # 404 (no declarations) is resource_not_found!(:siren); 120027016 has shareholders but files no IS returns.
    liens = get(f"/v3/dgfip/unites_legales/{siren}/liens_capitalistiques/2023", headers=headers)
    liasses = get(f"/v3/dgfip/unites_legales/{siren}/liasses_fiscales/2023", headers=headers)
    assert liens.status_code == liasses.status_code == 404
    assert liens.json["errors"] == liasses.json["errors"]
    assert liens.json["errors"][0]["detail"].startswith("Le siren indiqué n'existe pas")


@pytest.mark.parametrize(("depth", "status"), [("", 422), ("0", 200), ("13", 200), ("14", 422), ("-1", 422)])
def test_a_blank_depth_is_malformed_a_blank_limit_absent(get, depth, status):
    # siade GIPMDS::Effectifs::ValidateDepth: nil passes, '' is invalid, 0 to 13 pass; Ademe::CertificatsRGE
    # gives a blank limit its default.
    path = "/v3/gip_mds/etablissements/41816609600051/effectifs_mensuels/01/annee/2024"
    response = get(path, params={"profondeur": depth})
    assert response.status_code == status
    if status == 422:
        assert errors(response) == [("00390", None)]
    limit = get("/v3/ademe/etablissements/41816609600051/certification_rge", params={"limit": ""})
    assert limit.status_code != 422


def test_a_site_behind_with_its_cibtp_contributions(get):
    # siade CIBTP ValidateResponse#missing_payments_error! (the fund's 422): CIBTPMissingPaymentsError, a
    # NotFoundError (404) of subcode 422, its own title and detail, without the perimeter sentence.
    behind = "/v3/cibtp/etablissements/30001170700043/attestation_cotisations_conges_payes_chomage_intemperies"
    response = get(behind)
    assert response.status_code == 404
    assert response.json["errors"] == [
        {
            "code": "38422",
            "title": "Attestation non disponible",
            "detail": "L'attestation ne peut être délivrée car l'entreprise n'est pas en règle de ses "
            "cotisations CIBTP.",
            "meta": {"provider": "CIBTP"},
        }
    ]
    # A site no fund covers is the plain 404 (the fund answers 404: resource_not_found!).
    (error,) = get(CIBTP).json["errors"]
    assert (error["code"], error["title"]) == ("38003", "Entité non trouvée")


def test_an_electrical_contractor_without_a_certificate(get):
    # siade Qualifelec::Certificats::ValidateResponse#siret_without_certificates!: Qualifelec answers [] for a
    # SIRET it knows without certificates; a NotFoundError with its own message, then the perimeter sentence.
    (error,) = get("/v3/qualifelec/etablissements/30001092300195/certificats").json["errors"]
    assert (error["code"], error["title"], error["meta"]) == ("32003", "Entité non trouvée", {"provider": "Qualifelec"})
    assert (
        error["detail"] == "Le SIRET existe chez Qualifelec mais ne possède pas de certificats Qualifelec." + PERIMETER
    )


def test_a_head_office_partially_diffusible_by_its_data_is_answered(get):
    # No unit of the world is diffused to nobody by its data: 350042925 opposed diffusion (statut P). The
    # head-office search finds its head office (siade INSEE::SiegeUniteLegale: a 404 only when INSEE finds none)
    # and the protected route shows it as partially diffusible; only the never_diffused scenario is a 404 there.
    response = get("/v3/insee/sirene/unites_legales/350042925/siege_social")
    assert response.status_code == 200
    assert response.json["data"]["siret"] == "35004292500031"
    assert response.json["data"]["status_diffusion"] == "partiellement_diffusible"
