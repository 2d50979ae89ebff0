"""``/v2/entreprises`` and ``/v2/etablissements``: shapes, types, coherence, non-diffusion."""

import random

import pytest

from mockserver import world
from mockserver.catalogue.schemas import validator
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import paris_timestamp
from mockserver.world.randomness import upper_ascii

from .ordinary import drawn

SWEEP = 1000


@pytest.fixture(scope="module")
def sirens():
    return drawn(SWEEP, 2024)


def test_octo_matches_its_swagger_label(get):
    body = get("/v2/entreprises/418166096").json
    entreprise = body["entreprise"]
    assert entreprise["raison_sociale"] == "OCTO-TECHNOLOGY"
    assert entreprise["numero_tva_intracommunautaire"] == "FR16418166096"
    assert entreprise["forme_juridique"] == "SA à directoire (s.a.i.)"
    assert entreprise["siret_siege_social"] == "41816609600051"
    assert "diffusable_commercialement" not in entreprise
    assert body["etablissement_siege"]["siret"] == "41816609600051"
    assert body["gateway_error"] is False


def test_octo_secondary_establishment(get):
    etablissement = get("/v2/etablissements/41816609600069").json["etablissement"]
    assert etablissement["siege_social"] is False
    assert etablissement["adresse"]["l1"] == "OCTO-TECHNOLOGY"
    assert etablissement["naf"] == "6202A"


@pytest.mark.sweep
def test_entreprises_sweep_is_schema_valid(get, sirens):
    check = validator("v2/entreprises.json")
    for siren in sirens:
        response = get(f"/v2/entreprises/{siren}")
        assert response.status_code == 200, siren
        errors = [e.message for e in check.iter_errors(response.json)]
        assert not errors, (siren, errors)


@pytest.mark.sweep
def test_etablissements_sweep_is_schema_valid(get, sirens):
    check = validator("v2/etablissements.json")
    rng = random.Random(7)
    for siren in sirens:
        siret = with_check_digit(siren + f"{rng.randint(1, 9999):04d}")
        response = get(f"/v2/etablissements/{siret}")
        assert response.status_code == 200, siret
        assert not list(check.iter_errors(response.json)), siret


@pytest.mark.sweep
@pytest.mark.parametrize("siren", drawn(200, 99))
def test_entreprise_is_coherent(get, siren):
    entreprise = get(f"/v2/entreprises/{siren}").json["entreprise"]
    assert entreprise["forme_juridique"] == nom.LEGAL_FORMS[entreprise["forme_juridique_code"]]
    assert entreprise["libelle_naf_entreprise"] == nom.NAF[entreprise["naf_entreprise"]]
    tranche = entreprise["tranche_effectif_salarie_entreprise"]
    assert (tranche["de"], tranche["a"], tranche["intitule"]) == nom.HEADCOUNT_BANDS[tranche["code"]]
    assert tranche["code"] == entreprise["code_effectif_entreprise"]
    key = (12 + 3 * (int(siren) % 97)) % 97
    assert entreprise["numero_tva_intracommunautaire"] == f"FR{key:02d}{siren}"
    assert entreprise["siret_siege_social"].startswith(siren)
    is_pp = entreprise["forme_juridique_code"] == "1000"
    assert (entreprise["nom"] is not None) is is_pp
    assert (entreprise["capital_social"] is None) is (
        is_pp or entreprise["forme_juridique_code"] in nom.ASSOCIATION_FORMS
    )
    if is_pp:
        assert entreprise["raison_sociale"].startswith(f"{entreprise['nom']}*")
        assert entreprise["mandataires_sociaux"] == []
    for director in entreprise["mandataires_sociaux"]:
        if director["type"] == "PP":
            assert director["date_naissance_timestamp"] < entreprise["date_creation"] or director["fonction"] in (
                "PRESIDENT",
                "TRESORIER",
            )
    ceased = entreprise["etat_administratif"]
    assert (ceased["value"] == "C") is (ceased["date_cessation"] is not None)
    if ceased["date_cessation"]:
        assert ceased["date_cessation"] > entreprise["date_creation"]


@pytest.mark.sweep
@pytest.mark.parametrize("siren", drawn(100, 5))
def test_head_office_is_the_same_in_both_routes(get, siren):
    body = get(f"/v2/entreprises/{siren}").json
    siret = body["entreprise"]["siret_siege_social"]
    etablissement = get(f"/v2/etablissements/{siret}").json["etablissement"]
    assert etablissement == body["etablissement_siege"]
    assert etablissement["siege_social"] is True
    assert etablissement["date_creation_etablissement"] == body["entreprise"]["date_creation"]


@pytest.mark.sweep
@pytest.mark.parametrize("siren", drawn(100, 11))
def test_address_is_coherent(get, siren):
    siret = world.company(siren).siege_siret
    etablissement = get(f"/v2/etablissements/{siret}").json["etablissement"]
    adresse = etablissement["adresse"]
    if etablissement["pays_implantation"]["code"] != "FR":
        # Only a company of foreign law has its head office abroad: no French postcode, commune nor region.
        assert get(f"/v2/entreprises/{siren}").json["entreprise"]["forme_juridique_code"] == "3120"
        assert (adresse["code_postal"], adresse["code_insee_localite"], adresse["cedex"]) == (None, None, None)
        assert etablissement["region_implantation"] == {"code": None, "value": None}
        assert adresse["l6"] == adresse["localite"] == etablissement["commune_implantation"]["value"]
        assert adresse["l7"] == etablissement["pays_implantation"]["value"] != "FRANCE"
        return
    communes = {c[0]: c for c in nom.COMMUNES}
    code_insee, code_postal, localite, region = communes[adresse["code_insee_localite"]]
    assert (adresse["code_postal"], adresse["localite"]) == (code_postal, localite)
    assert etablissement["commune_implantation"] == {"code": code_insee, "value": localite}
    assert etablissement["region_implantation"] == {"code": region, "value": nom.REGIONS[region]}
    # A CEDEX replaces the postcode line; its code keeps the department's digits.
    if adresse["cedex"]:
        assert adresse["cedex"][:2] == code_postal[:2]
        assert adresse["l6"] == f"{adresse['cedex']} {'PARIS' if code_insee.startswith('751') else localite} CEDEX"
        assert adresse["l5"]
    else:
        assert adresse["l6"].startswith(code_postal + " ")
    # Line 4: number, repetition index (bis, ter...) if any, street type, street name.
    number = adresse["numero_voie"]
    street = f"{upper_ascii(nom.STREET_TYPES[adresse['type_voie']])} {adresse['nom_voie']}"
    assert adresse["l4"] in {f"{number} {street}", *(f"{number} {index} {street}" for index in "BTQ")}
    assert adresse["l7"] == "FRANCE"


def test_secondary_establishment_belongs_to_its_company(get):
    siren = "552049447"
    siret = with_check_digit(siren + "9876")
    site = world.establishment(siret)
    assert not site.is_siege
    etablissement = get(f"/v2/etablissements/{siret}").json["etablissement"]
    company = get(f"/v2/entreprises/{siren}").json["entreprise"]
    assert etablissement["naf"] == company["naf_entreprise"]
    assert etablissement["date_creation_etablissement"] >= company["date_creation"]
    siege = get(f"/v2/etablissements/{company['siret_siege_social']}").json["etablissement"]
    assert etablissement["adresse"]["l1"] == siege["adresse"]["l1"]


def test_dates_are_paris_midnight_timestamps():
    company = world.company("418166096")
    assert paris_timestamp(company.created_on) == 891381600  # 1998-04-01, as in the API's own sample


def test_non_diffusible_gets_451_without_the_option(get):
    for path, message in [
        (
            "/v2/entreprises/005572466",
            "Le SIREN est non diffusable, pour y accéder référez-vous à notre documentation.",
        ),
        (
            "/v2/etablissements/00557246600026",
            "Le SIRET est non diffusable, pour y accéder référez-vous à notre documentation.",
        ),
    ]:
        response = get(path)
        assert response.status_code == 451
        assert response.json == {"errors": [message], "gateway_error": True}


def test_non_diffusible_with_the_option_gets_the_data_flagged(get):
    body = get("/v2/entreprises/005572466", params={"non_diffusables": "true"}).json
    assert body["entreprise"]["diffusable_commercialement"] is False
    assert body["etablissement_siege"]["diffusable_commercialement"] is False
    etablissement = get("/v2/etablissements/00557246600026", params={"non_diffusables": "true"}).json
    assert etablissement["etablissement"]["diffusable_commercialement"] is False
    assert etablissement["etablissement"]["siege_social"] is True


@pytest.mark.parametrize("value", ["True", "1", "yes", ""])
def test_only_the_exact_string_true_enables_the_option(get, value):
    assert get("/v2/entreprises/005572466", params={"non_diffusables": value}).status_code == 451


def test_misspelled_option_is_ignored(get):
    assert get("/v2/entreprises/005572466", params={"non_diffusable": "true"}).status_code == 451


def test_diffusible_company_with_the_option_says_so(get):
    entreprise = get("/v2/entreprises/418166096", params={"non_diffusables": "true"}).json["entreprise"]
    assert entreprise["diffusable_commercialement"] is True


def test_json_content_type(get):
    assert get("/v2/entreprises/418166096").content_type == "application/json; charset=utf-8"
