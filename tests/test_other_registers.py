"""The rest of the official catalogue: the 14 current and 6 v2 routes the seed lacked.

Each route's facts come from the same entity as the other routes' (headcounts and INSEE's band,
beneficial owners and the RCS officers, grants and the DJEPVA's associations, successions and
INSEE's establishments), each provider knows only its population, and bad input gets the real
API's 422 (siade's validators), never a 500.
"""

import random
from urllib.parse import urlsplit

import pytest

from mockserver import world
from mockserver.catalogue import BY_NAME
from mockserver.catalogue.schemas import validator
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import douanes, qualifelec, rnm

from .helpers import TODAY
from .ordinary import drawn

V3 = "application/vnd.api+json"


def sirens(count, seed):
    return drawn(count, seed, 30_000_000, 89_999_999)


def answered(v3, route, params, **query):
    """Return the route's answer for ``params``, checked against its schema when it is a 200."""
    endpoint = BY_NAME[route]
    response = v3(endpoint.path.format(**params), **query)
    if response.status_code == 200:
        assert not list(validator(endpoint.schema).iter_errors(response.json)), response.json
    else:
        assert response.status_code == 404, response.json
    return response


# Bad input: the real API's 422 --------------------------------------------------------------

MENSUELS = "/v3/gip_mds/etablissements/13002526500013/effectifs_mensuels/{month}/annee/{year}"
COVID = "/v2/effectifs_mensuels_acoss_covid/{year}/{month}/etablissement/13002526500013"


@pytest.mark.parametrize(
    ("path", "query", "code"),
    [
        (MENSUELS.format(month="13", year="2024"), {}, "00305"),
        (MENSUELS.format(month="6", year="2024"), {}, "00305"),
        (MENSUELS.format(month="00", year="2024"), {}, "00305"),
        (MENSUELS.format(month="06", year="1899"), {}, "00307"),
        (MENSUELS.format(month="06", year="2026"), {}, "00307"),
        (MENSUELS.format(month="06", year="24"), {}, "00307"),
        (MENSUELS.format(month="06", year="2024"), {"profondeur": "14"}, "00390"),
        (MENSUELS.format(month="06", year="2024"), {"profondeur": "-1"}, "00390"),
        (MENSUELS.format(month="06", year="2024"), {"profondeur": "deux"}, "00390"),
        ("/v3/gip_mds/unites_legales/130025265/effectifs_annuels/1899", {}, "00307"),
        ("/v3/gip_mds/unites_legales/130025265/effectifs_annuels/2026", {}, "00307"),
        ("/v3/dgfip/unites_legales/552049447/liens_capitalistiques/2005", {}, "00315"),
        # The DGFIP serves the years up to the one before the world's.
        ("/v3/dgfip/unites_legales/552049447/liens_capitalistiques/2025", {}, "00315"),
        ("/v3/dgfip/unites_legales/552049447/liens_capitalistiques/20a2", {}, "00307"),
        ("/v3/douanes/etablissements/FR123/immatriculations_eori", {}, "00304"),
        ("/v3/douanes/etablissements/fr30613890001294/immatriculations_eori", {}, "00304"),
        ("/v3/douanes/etablissements/30613890001295/immatriculations_eori", {}, "00304"),
        ("/v3/data_subvention/associations/W12/subventions", {}, "00330"),
        ("/v3/ministere_interieur/rna/associations/W12", {}, "00303"),
        ("/v3/cma_france/rnm/unites_legales/invalid", {}, "00301"),
        ("/v3/insee/sirene/etablissements/3061389000128/successions", {}, "00302"),
    ],
)
def test_bad_input_gets_the_real_apis_422(v3, path, query, code):
    response = v3(path, **query)
    assert response.status_code == 422
    assert [error["code"] for error in response.json["errors"]] == [code]
    assert response.content_type == V3


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (COVID.format(year="2024", month="13"), "Le format du mois n'est pas valide"),
        (COVID.format(year="1899", month="06"), "L'année n'est pas correctement formatée"),
        ("/v2/effectifs_mensuels_acoss_covid/2024/13/entreprise/130025265", "Le format du mois n'est pas valide"),
        ("/v2/effectifs_mensuels_acoss_covid/1899/06/entreprise/130025265", "L'année n'est pas correctement formatée"),
        ("/v2/eori_douanes/FR123", "Le numéro de siret ou le numéro EORI n'est pas correctement formatté"),
    ],
)
def test_v2_bad_input_gets_a_v2_422(get, path, message):
    response = get(path)
    assert (response.status_code, response.json) == (422, {"errors": [message]})


def test_the_depth_goes_up_to_thirteen_months_before(v3):
    response = v3(MENSUELS.format(month="06", year="2024"), profondeur="13")
    months = {(row["annee"], row["mois"]) for row in response.json["data"]["effectifs_mensuels"]}
    assert len(months) == 14
    assert ("2023", "05") in months and ("2024", "06") in months


def test_another_member_states_eori_is_well_formed_but_unknown(v3):
    response = v3("/v3/douanes/etablissements/DE123456789012345/immatriculations_eori")
    assert response.status_code == 404
    assert response.json["errors"][0]["code"] == "16003"


# One entity everywhere ----------------------------------------------------------------------


def test_yearly_headcounts_fall_in_inseees_band_and_the_msa_sets_the_regime(v3):
    seen = 0
    for siren in sirens(60, 1):
        response = answered(
            v3, "api_entreprise_v3_gip_mds_effectifs_annuels_entreprise", {"siren": siren, "year": "2023"}
        )
        if response.status_code != 200:
            continue
        seen += 1
        band = v3(f"/v3/insee/sirene/unites_legales/{siren}").json["data"]["tranche_effectif_salarie"]
        (declared,) = [row for row in response.json["data"]["effectifs_annuel"] if row["value"] is not None]
        assert band["de"] <= declared["value"] < (band["a"] or band["de"] * 2) + 1
        farm = world.company(siren).naf.startswith(("01", "8130Z"))
        assert declared["regime"] == ("regime_agricole" if farm else "regime_general")
    assert seen >= 20


def test_disabled_workers_reach_the_quota_in_the_years_the_agefiph_counts_compliant():
    checked = 0
    for siren in sirens(400, 2):
        record = world.agefiph_record(siren + "00000", TODAY)
        if record is None:
            continue
        for year in (2022, 2023, 2024):
            average = world.yearly_headcounts(siren, year, "moyen", TODAY)
            boeth = world.yearly_headcounts(siren, year, "boeth", TODAY)
            if average is None or average[0].value is None and average[1].value is None:
                continue
            staff = next(f.value for f in average if f.value is not None)
            disabled = next(f.value for f in boeth if f.value is not None)
            assert (disabled >= 0.06 * staff - 0.01) == (year <= record.last_compliant_year)
            checked += 1
    assert checked >= 20


def test_a_unit_without_employees_is_unknown_to_the_gip_mds(v3):
    for siren in sirens(80, 3):
        if world.company(siren).headcount_band in ("NN", "00"):
            response = v3(f"/v3/gip_mds/unites_legales/{siren}/effectifs_annuels/2023")
            assert response.status_code == 404
            assert response.json["errors"][0]["code"] == "31003"


def test_the_v2_covid_figure_is_the_v3_yearly_average(v3, get):
    siren = "130025265"
    legacy = get(f"/v2/effectifs_annuels_acoss_covid/{siren}").json
    current = v3(f"/v3/gip_mds/unites_legales/{siren}/effectifs_annuels/{legacy['annee']}").json["data"]
    (value,) = [row["value"] for row in current["effectifs_annuel"] if row["value"] is not None]
    assert legacy == {"siren": siren, "annee": "2024", "effectifs_annuels": f"{value:.2f}"}


def test_beneficial_owners_are_the_rcs_officers_and_the_dgfips_shareholders(v3):
    seen = 0
    for siren in sirens(40, 4):
        owners = answered(v3, "api_entreprise_v3_inpi_rne_beneficiaires_effectifs", {"siren": siren})
        if owners.status_code != 200:
            assert world.company(siren).capital is None or not world.company(siren).directors
            continue
        company = world.company(siren)
        year = min(2024, company.ceased_on.year) if company.ceased_on else 2024
        liens = v3(f"/v3/dgfip/unites_legales/{siren}/liens_capitalistiques/{year}")
        # Production reads the links from the liasse: without the year's returns, both routes answer 404.
        liasses = v3(f"/v3/dgfip/unites_legales/{siren}/liasses_fiscales/{year}")
        assert liens.status_code == liasses.status_code
        if liens.status_code != 200:
            continue
        seen += 1
        officers = v3(f"/v3/infogreffe/rcs/unites_legales/{siren}/mandataires_sociaux").json["data"]
        names = {(o["data"]["nom"], o["data"]["prenom"]) for o in officers if o["data"]["type"] == "personne_physique"}
        capital = liens.json["data"]["capital"]
        stakes = {
            a["personne_physique_attributes"]["nom_patronymique_et_prenoms"].split()[0]: a["pourcentage"]
            for a in capital["actionnaires"]
            if a["type"] == "personne_physique"
        }
        for owner in owners.json["data"]:
            data = owner["data"]
            assert (data["nom"], data["prenoms"][0]) in names
            assert stakes[data["nom"]] == data["modalites"]["detention_de_capital"]["parts_totale"]
        assert sum(a["pourcentage"] for a in capital["actionnaires"]) == pytest.approx(100.0, abs=0.2)
    assert seen >= 15


def test_a_sole_trader_and_an_association_have_no_capital_links(v3):
    for siren in sirens(60, 5):
        company = world.company(siren)
        if company.is_personne_physique or company.is_association:
            response = v3(f"/v3/dgfip/unites_legales/{siren}/liens_capitalistiques/2024")
            assert response.status_code == 404
            assert response.json["errors"][0]["code"] == "03003"


def test_grants_go_to_associations_the_djepva_knows(v3):
    seen = 0
    for siren in sirens(600, 6):
        response = answered(v3, "api_entreprise_v3_data_subvention_subventions", {"siren_or_siret_or_rna": siren})
        if response.status_code != 200:
            continue
        seen += 1
        association = v3(f"/v4/djepva/api-association/associations/{siren}")
        assert association.status_code == 200
        for grant in response.json["data"]:
            request = grant["data"]["demande_subvention"]
            paid = sum(p["montant_verse"] for p in grant["data"]["paiements"])
            assert paid <= request["instruction"]["montant_accorde"]
            assert request["instruction"]["montant_accorde"] <= request["subvention_demandee"]["montant_demande"]
    assert seen >= 3


def test_a_company_gets_no_grant(v3):
    for siren in sirens(30, 7):
        if not world.company(siren).is_association:
            response = v3(f"/v3/data_subvention/associations/{siren}/subventions")
            assert response.status_code == 404
            assert response.json["errors"][0]["code"] == "52003"


def test_successions_link_establishments_of_the_world_both_ways(v3):
    seen = 0
    rng = random.Random(8)
    for siren in sirens(300, 8):
        siret = with_check_digit(siren + f"{rng.randint(1, 30):04d}")
        response = answered(v3, "api_entreprise_v3_insee_successions", {"siret": siret})
        if response.status_code != 200:
            continue
        seen += 1
        for link in response.json["data"]["successeurs"]:
            other = v3(f"/v3/insee/sirene/etablissements/{link['siret']}/successions").json["data"]
            assert siret in [p["siret"] for p in other["predecesseurs"]]
            assert link["siret"][:9] == siren
            closed = v3(f"/v3/insee/sirene/etablissements/{siret}").json["data"]
            assert closed["etat_administratif"] == "F"
            assert world.establishment(siret).closed_on.isoformat() == link["date_succession"]
    assert seen >= 10


def test_the_rnm_enters_craft_businesses_only(v3, get):
    for siren in sirens(150, 9):
        company = world.company(siren)
        current = answered(v3, "api_entreprise_v3_rnm_entreprises_artisanales", {"siren": siren})
        legacy = get(f"/v2/entreprises_artisanales_cma/{siren}")
        craft = company.naf in rnm.CRAFT_ACTIVITIES and company.legal_form in rnm.CRAFT_FORMS
        assert (current.status_code, legacy.status_code) == ((200, 200) if craft else (404, 404))
        if craft:
            entry = legacy.json["entreprise"]
            assert current.json["data"]["modalite_exercice"] == entry["modalite_exercice"]
            assert entry["code_nafa_principal"].startswith(company.naf)
            assert entry["adresse_code_postal"] == company.address.code_postal


def test_qualifelec_certifies_electrical_trades_only(v3):
    rng = random.Random(10)
    certified = 0
    for siren in sirens(400, 10):
        siret = world.company(siren).siege_siret if rng.random() < 0.5 else with_check_digit(siren + "0002")
        response = answered(v3, "api_entreprise_v3_qualifelec_certificats", {"siret": siret})
        if response.status_code == 200:
            certified += 1
            assert world.establishment(siret).naf in qualifelec.ELECTRICAL_NAF
    assert certified >= 1


def test_eori_numbers_belong_to_traders_head_offices(v3, get):
    traders = 0
    for siren in sirens(200, 11):
        company = world.company(siren)
        response = answered(v3, "api_entreprise_v3_dgddi_eori", {"siret_or_eori": company.siege_siret})
        if response.status_code == 200:
            traders += 1
            assert response.json["data"]["id"] == "FR" + company.siege_siret
            assert douanes.is_trader(company)
            by_number = v3(f"/v3/douanes/etablissements/FR{company.siege_siret}/immatriculations_eori").json
            assert by_number == response.json
            legacy = get(f"/v2/eori_douanes/FR{company.siege_siret}").json
            assert legacy["numero_eori"] == response.json["data"]["id"]
            secondary = with_check_digit(siren + "0099")
            assert v3(f"/v3/douanes/etablissements/{secondary}/immatriculations_eori").status_code == 404
    assert traders >= 5


def test_the_rna_routes_of_v3_show_the_v2_record(v3, get):
    rna = "W751234567"
    current = v3(f"/v3/ministere_interieur/rna/associations/{rna}").json["data"]
    legacy = get(f"/v2/associations/{rna}").json["association"]
    assert current["titre"] == legacy["titre"] and current["rna_id"] == legacy["id"]
    assert current["etat"] is (legacy["etat"] == "true")
    documents = v3(f"/v3/ministere_interieur/rna/associations/{rna}/documents").json
    legacy_documents = get(f"/v2/documents_associations/{rna}").json
    assert documents["meta"]["nombre_documents"] == legacy_documents["nombre_documents"]
    assert [d["data"]["type"] for d in documents["data"]] == [d["type"] for d in legacy_documents["documents"]]


# Documents are real files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v3/inpi/rne/unites_legales/552049447/extrait_rne", "document_url"),
        (
            "/v3/cibtp/etablissements/13002526500013/attestation_cotisations_conges_payes_chomage_intemperies",
            "document_url",
        ),
    ],
)
def test_documents_are_pdfs_in_the_storage(v3, client, path, field):
    url = v3(path).json["data"][field]
    if urlsplit(url).path.startswith("/proxy/inpi/download/"):
        url = client.get(urlsplit(url).path).json["data"]["document_url"]
    document = client.get(urlsplit(url).path)
    assert document.status_code == 200
    assert document.content_type == "application/pdf"
    assert document.data.startswith(b"%PDF-")


def test_every_qualifelec_certificate_and_rna_document_is_a_pdf(v3, client):
    certificates = v3("/v3/qualifelec/etablissements/77567227221138/certificats").json["data"]
    deposits = v3("/v3/ministere_interieur/rna/associations/W751234567/documents").json["data"]
    urls = [c["data"]["document_url"] for c in certificates] + [d["data"]["url"] for d in deposits]
    assert len(urls) >= 2
    for url in urls:
        assert client.get(urlsplit(url).path).data.startswith(b"%PDF-")


def test_the_official_staging_succession_chain(v3):
    data = v3("/v3/insee/sirene/etablissements/30613890001286/successions").json["data"]
    assert [p["siret"] for p in data["predecesseurs"]] == ["30613890001278"]
    assert [s["siret"] for s in data["successeurs"]] == ["30613890001294"]
    assert data["predecesseurs"][0]["date_succession"] < data["successeurs"][0]["date_succession"]
