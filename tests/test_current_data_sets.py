"""The other current data sets: schemas over a sweep, v2/v3 coherence, scenarios, parameters, documents."""

import io
import random
import zipfile

import pytest

from mockserver import world
from mockserver.catalogue import BY_NAME as ROUTES
from mockserver.catalogue.schemas import validator
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules.errors import PROVIDER_CODES
from mockserver.rules.identifiers import with_check_digit

from .current_ids import KNOWN, known_path
from .helpers import RECIPIENT, TRACEABILITY, fetch, path_of

NEW = [ROUTES[name] for name in KNOWN]


@pytest.fixture(scope="module")
def app():
    """One application for the module: these tests only read."""
    return create_app(Settings(slow_provider_seconds=0.05, rate_limit_factor=0))


def sweep_ids(count, seed):
    """Return (siren, head office siret) pairs drawn at random."""
    rng = random.Random(seed)
    sirens = [with_check_digit(f"{rng.randint(10000000, 89999999):08d}") for _ in range(count)]
    return [(siren, world.company(siren).siege_siret) for siren in sirens]


# Schemas -----------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", NEW, ids=lambda e: e.name)
def test_sweep_is_schema_valid_and_unknowns_are_the_providers_404(v3, endpoint):
    check = validator(endpoint.schema)
    statuses = set()
    for siren, siret in [*sweep_ids(25, 77), (None, None)]:
        path = known_path(endpoint) if siren is None else path_of(endpoint, siren=siren, siret=siret)
        response = v3(path)
        statuses.add(response.status_code)
        if response.status_code == 200:
            assert response.content_type == "application/vnd.api+json"
            errors = [e.message for e in check.iter_errors(response.json)]
            assert not errors, (path, errors)
        else:
            assert response.status_code == 404, (path, response.json)
            assert response.json["errors"][0]["code"] == PROVIDER_CODES[endpoint.provider] + "003"
    assert 200 in statuses


# v2 / v3 coherence -------------------------------------------------------------------------


def test_turnover_is_the_same_in_v2_and_v3(v3, get):
    siret = KNOWN["api_entreprise_v3_dgfip_chiffres_affaires"]["siret"]
    current = v3(f"/v3/dgfip/etablissements/{siret}/chiffres_affaires").json["data"]
    legacy = get(f"/v2/exercices/{siret}").json["exercices"]
    assert [str(item["data"]["chiffre_affaires"]) for item in current] == [year["ca"] for year in legacy]
    assert [item["data"]["date_fin_exercice"] for item in current] == [y["date_fin_exercice"][:10] for y in legacy]


def test_tax_returns_hold_the_same_figures_in_v2_and_v3(v3, get):
    siren, year = "306138900", "2024"
    current = v3(f"/v3/dgfip/unites_legales/{siren}/liasses_fiscales/{year}").json
    legacy = get(f"/v2/liasses_fiscales_dgfip/{year}/declarations/{siren}").json
    v2_values = {}
    for declaration in legacy["declarations"]:
        donnees = declaration["imprime"]["donnees"]
        for datum in donnees if isinstance(donnees, list) else [donnees]:
            v2_values[datum["code_nref"]] = datum["valeur"]
    v3_values = {d["code_nref"]: d["valeurs"][0] for decl in current["data"]["declarations"] for d in decl["donnees"]}
    assert v3_values == v2_values
    assert current["meta"]["internal_id_itip"] == legacy["entreprise"]["itip"]


def test_banque_de_france_figures_are_the_same_in_v2_and_v3(v3, get):
    siren = KNOWN["api_entreprise_v3_banque_de_france_bilans_entreprise"]["siren"]
    current = v3(f"/v3/banque_de_france/unites_legales/{siren}/bilans").json
    legacy = get(f"/v2/bilans_entreprises_bdf/{siren}").json["bilans"]
    assert current["meta"]["count"] == len(legacy) == len(current["data"])
    for item, sheet in zip(current["data"], legacy, strict=True):
        computed = item["data"]["valeurs_calculees"][0]
        assert item["data"]["date_arrete_exercice"] == sheet["date_arret_exercice"]
        for field in ("disponibilites", "valeur_ajoutee_bdf", "capacite_autofinancement", "total_dettes_stables"):
            assert computed[field]["valeur"] == sheet[field]


@pytest.mark.parametrize(
    ("v2_path", "v3_name", "v2_value", "v3_value"),
    [
        (
            "/v2/conventions_collectives/{siret}",
            "api_entreprise_v3_fabrique_numerique_ministeres_sociaux_conventions_collectives",
            lambda body: [c["numero"] for c in body["conventions"]],
            lambda body: [item["data"]["numero_idcc"] for item in body["data"]],
        ),
        (
            "/v2/cotisations_msa/{siret}",
            "api_entreprise_v3_msa_conformites_cotisations",
            lambda body: "up_to_date" if body["a_jour"] else "outdated",
            lambda body: body["data"]["status"],
        ),
        (
            "/v2/eligibilites_cotisation_retraite_probtp/{siret}",
            "api_entreprise_v3_probtp_conformites_cotisations_retraite",
            lambda body: body["eligible"],
            lambda body: body["data"]["eligible"],
        ),
        (
            "/v2/certificats_opqibi/{siren}",
            "api_entreprise_v3_opqibi_certifications_ingenierie",
            lambda body: [body["numero_certificat"], [q["code_qualification"] for q in body["qualifications"]]],
            lambda body: [
                body["data"]["numero_certificat"],
                [q["code_qualification"] for q in body["data"]["qualifications"]],
            ],
        ),
    ],
)
def test_the_same_facts_in_v2_and_v3(v3, get, v2_path, v3_name, v2_value, v3_value):
    params = KNOWN[v3_name]
    legacy = get(v2_path.format(**params))
    current = v3(known_path(ROUTES[v3_name]))
    assert (legacy.status_code, current.status_code) == (200, 200)
    assert v2_value(legacy.json) == v3_value(current.json)


# v2 document route -> the current route and the key of its URL, for the same identifier.
DOCUMENT_TWINS = [
    ("/v2/attestations_fiscales_dgfip/{siren}", "api_entreprise_v3_dgfip_attestations_fiscales"),
    ("/v2/attestations_fiscales_dgfip/{siren}", "api_entreprise_v4_dgfip_attestations_fiscales"),
    ("/v2/attestations_sociales_acoss/{siren}", "api_entreprise_v3_acoss_attestations_sociales"),
    ("/v2/attestations_sociales_acoss/{siren}", "api_entreprise_v4_acoss_attestations_sociales"),
    (
        "/v2/attestations_cotisation_retraite_probtp/{siret}",
        "api_entreprise_v3_probtp_attestations_cotisation_retraite",
    ),
    ("/v2/cartes_professionnelles_fntp/{siren}", "api_entreprise_v3_fntp_carte_professionnelle_travaux_publics"),
    (
        "/v2/certificats_cnetp/{siren}",
        "api_entreprise_v3_cnetp_attestation_cotisations_conges_payes_chomage_intemperies",
    ),
    ("/v2/certificats_qualibat/{siret}", "api_entreprise_v3_qualibat_certifications_batiment"),
    ("/v2/certificats_qualibat/{siret}", "api_entreprise_v4_qualibat_certifications_batiment"),
]


@pytest.mark.parametrize(("v2_path", "v3_name"), DOCUMENT_TWINS, ids=lambda x: x if isinstance(x, str) else "")
def test_documents_are_the_same_pdf_in_v2_and_v3(client, v3, get, v2_path, v3_name):
    params = KNOWN[v3_name]
    legacy = get(v2_path.format(**params), params={"type_attestation": None}).json["url"]
    current = v3(known_path(ROUTES[v3_name])).json["data"]
    expires = current.get("expires_in", current.get("document_url_expires_in"))
    assert expires == Settings().document_ttl_seconds
    old, new = fetch(client, legacy), fetch(client, current["document_url"])
    assert (old.status_code, new.status_code) == (200, 200)
    assert old.content_type == new.content_type == "application/pdf"
    assert old.data == new.data


def test_rge_certificates_are_the_same_in_v2_and_v3(client, v3, get):
    siret = KNOWN["api_entreprise_v3_ademe_certificats_rge"]["siret"]
    legacy = get(f"/v2/certificats_rge_ademe/{siret}").json["qualifications"]
    current = v3(f"/v3/ademe/etablissements/{siret}/certification_rge").json["data"]
    assert [q["nom_certificat"] for q in legacy] == [item["data"]["nom_certificat"] for item in current]
    assert fetch(client, legacy[0]["url_certificat"]).data == fetch(client, current[0]["data"]["url"]).data


def test_rne_deposits_are_the_pdfs_of_the_v2_archives(client, v3, get):
    siren = KNOWN["api_entreprise_v3_inpi_rne_actes_bilans"]["siren"]
    current = v3(f"/v3/inpi/rne/unites_legales/open_data/{siren}/actes_bilans").json["data"]
    for kind, v2_route in (("actes", "actes_inpi"), ("bilans", "bilans_inpi")):
        legacy = get(f"/v2/{v2_route}/{siren}").json
        # The same deposits in the same order (the staging example's carry the RNE's own ids, not the v2 file ids).
        assert [d["date_depot"].replace("-", "") for d in current[kind]] == [e["date_depot"] for e in legacy[kind]]
        archive = zipfile.ZipFile(io.BytesIO(fetch(client, legacy["url_documents"]).data))
        pdfs = {archive.read(name) for name in archive.namelist() if name.endswith(".pdf")}
        assert {fetch(client, d["url"]).data for d in current[kind]} == pdfs
        assert pdfs


def test_djepva_shows_the_rna_record_and_its_deposits(client, v3, get):
    siren = KNOWN["api_entreprise_v4_mi_unites_legales"]["siren_or_rna"]
    current = v3(f"/v4/djepva/api-association/associations/{siren}").json
    siret = current["data"]["siret_siege"]
    record = get(f"/v2/associations/{siret}").json["association"]
    deposits = get(f"/v2/documents_associations/{siret}").json["documents"]
    assert current["data"]["rna"] == record["id"]
    assert current["data"]["nom"] == record["titre"]
    assert current["data"]["date_creation"] == record["date_creation"]
    assert [fetch(client, d["url"]).data for d in current["data"]["documents_rna"]] == [
        fetch(client, d["url"]).data for d in deposits
    ]
    unit = v3(f"/v3/insee/sirene/unites_legales/{siren}").json["data"]
    assert current["data"]["nom"] == unit["personne_morale_attributs"]["raison_sociale"]
    # The open-data twin leaves out people and deposits.
    open_data = v3(f"/v4/djepva/api-association/associations/open_data/{siren}").json["data"]
    assert "documents_rna" not in open_data
    assert "representants_legaux" not in open_data["etablissements"][0]
    # The legal representatives are the head office's, where the DJEPVA lists it (this staging example does not).
    assert all(not site["siege"] for site in current["data"]["etablissements"])
    head_office = v3("/v4/djepva/api-association/associations/775672272").json["data"]["etablissements"][0]
    assert head_office["siege"] and head_office["representants_legaux"]


@pytest.mark.parametrize(
    ("identifier", "regime", "has_siren"),
    [("424179364", "Alsace-Moselle", True), ("W604004799", "Loi 1901", False), ("W751004076", "Loi 1901", True)],
)
def test_djepva_answers_by_siren_or_rna(v3, identifier, regime, has_siren):
    data = v3(f"/v4/djepva/api-association/associations/{identifier}").json["data"]
    assert data["regime"] == regime
    assert (data["siren"] is not None) == has_siren
    assert (data["alsace_moselle"]["tribunal_instance"] is not None) == (regime == "Alsace-Moselle")


# Scenarios of v2 on their v3 twins ---------------------------------------------------------

SCENARIO_CASES = [
    ("api_entreprise_v3_msa_conformites_cotisations", "msa_not_up_to_date", 200, {"status": "outdated"}),
    (
        "api_entreprise_v3_msa_conformites_cotisations",
        "msa_analysis_in_progress",
        200,
        {"status": "under_investigation"},
    ),
    ("api_entreprise_v3_probtp_conformites_cotisations_retraite", "probtp_not_eligible", 200, {"eligible": False}),
    ("api_entreprise_v3_dgfip_attestations_fiscales", "dgfip_not_in_order", 404, "03003"),
    ("api_entreprise_v4_dgfip_attestations_fiscales", "dgfip_not_in_order", 404, "03003"),
    ("api_entreprise_v3_acoss_attestations_sociales", "acoss_refusal", 404, "04003"),
    ("api_entreprise_v4_acoss_attestations_sociales", "acoss_refusal", 404, "04003"),
    ("api_entreprise_v3_dgfip_chiffres_affaires", "dgfip_not_subject_to_is", 404, "03003"),
    ("api_entreprise_v3_dgfip_liasses_fiscales", "dgfip_not_subject_to_is", 404, "03003"),
    ("api_entreprise_v3_banque_de_france_bilans_entreprise", "bdf_too_few_bilans", 404, "17003"),
    ("api_entreprise_v3_banque_de_france_bilans_entreprise", "provider_maintenance", 503, "17020"),
    ("api_entreprise_v4_mi_unites_legales", "association_without_documents", 200, None),
    ("api_entreprise_v4_mi_unites_legales", "dissolved_association", 200, None),
    ("api_entreprise_v4_acoss_attestations_sociales", "urssaf_refusal", 200, None),
]


@pytest.mark.parametrize(("name", "scenario", "status", "expected"), SCENARIO_CASES)
def test_v2_scenarios_play_on_the_current_twin(get, name, scenario, status, expected):
    response = get(known_path(ROUTES[name]), params={"recipient": RECIPIENT}, headers={"X-Mock-Scenario": scenario})
    assert response.status_code == status, response.json
    if status != 200:
        assert response.json["errors"][0]["code"] == expected
        return
    assert not list(validator(ROUTES[name].schema).iter_errors(response.json))
    data = response.json["data"]
    if scenario == "association_without_documents":
        assert data["documents_rna"] == []
    elif scenario == "dissolved_association":
        assert (data["active"], data["date_dissolution"] is not None) == (False, True)
    elif scenario == "urssaf_refusal":
        assert (data["entity_status"]["code"], data["document_url"]) == ("refus_de_delivrance", None)
    else:
        assert data == expected


def test_urssaf_refusal_has_its_reserved_siren(v3):
    data = v3("/v4/urssaf/unites_legales/999990716/attestation_vigilance").json["data"]
    assert data["entity_status"]["code"] == "refus_de_delivrance"
    assert v3("/v3/urssaf/unites_legales/999990716/attestation_vigilance").status_code == 200


# Parameters and the order of their checks --------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/v3/dgfip/unites_legales/306138900/liasses_fiscales/20x4", {}, 422, "00307"),
        ("/v3/dgfip/unites_legales/306138900/liasses_fiscales/2005", {}, 422, "00315"),
        ("/v3/dgfip/unites_legales/306138900/liasses_fiscales/2006", {}, 404, "03003"),
        ("/v3/dgfip/unites_legales/306138900/liasses_fiscales/2025", {}, 422, "00315"),
        # The SIREN is checked before the year.
        ("/v3/dgfip/unites_legales/306138901/liasses_fiscales/2005", {}, 422, "00301"),
        # Parameters come before the identifiers, the scope before both.
        ("/v3/dgfip/unites_legales/306138901/liasses_fiscales/2005", {"recipient": "x"}, 422, "00210"),
        ("/v3/ademe/etablissements/81140745100145/certification_rge", {"limit": "0"}, 422, "00313"),
        ("/v3/ademe/etablissements/81140745100145/certification_rge", {"limit": "1001"}, 422, "00313"),
        ("/v3/ademe/etablissements/81140745100145/certification_rge", {"limit": "deux"}, 422, "00313"),
        ("/v3/ademe/etablissements/81140745100146/certification_rge", {"limit": "0"}, 422, "00302"),
        ("/v4/djepva/api-association/associations/W12", {}, 422, "00333"),
        ("/v4/djepva/api-association/associations/552049448", {}, 422, "00333"),
        ("/v4/djepva/api-association/associations/552049447", {}, 404, "29003"),
    ],
)
def test_parameters_are_checked_in_order(v3, path, params, status, code):
    response = v3(path, **params)
    assert (response.status_code, response.json["errors"][0]["code"]) == (status, code)


def test_limit_keeps_the_first_certificates(app, v3, monkeypatch):
    # The certificates' URLs carry the second they were issued at: the three answers are compared at one instant.
    monkeypatch.setattr(app.extensions["state"], "clock", lambda: 1_800_000_000.0)
    # ADEME's staging example lists four certificates.
    path = "/v3/ademe/etablissements/13002526500013/certification_rge"
    every = v3(path).json["data"]
    assert len(every) == 4
    assert v3(path, limit="1").json["data"] == every[:1]
    assert v3(path, limit="1000").json["data"] == every


def test_document_routes_count_in_the_current_throttle_groups(token):
    client = create_app(Settings(rate_limit_factor=0.4)).test_client()
    query = {**TRACEABILITY, "recipient": RECIPIENT}
    headers = {"Authorization": f"Bearer {token}"}
    v3 = client.get("/v3/dgfip/unites_legales/418166096/attestation_fiscale", query_string=query, headers=headers)
    v4 = client.get("/v4/dgfip/unites_legales/418166096/attestation_fiscale", query_string=query, headers=headers)
    # 5 a minute for the DGFIP attestation, v3 and v4 counted together.
    assert (v3.headers["RateLimit-Limit"], v4.headers["RateLimit-Remaining"]) == ("2", "0")
    urssaf = client.get(
        "/v4/urssaf/unites_legales/418166096/attestation_vigilance", query_string=query, headers=headers
    )
    assert urssaf.headers["RateLimit-Limit"] == "40"
