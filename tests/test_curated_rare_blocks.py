"""The curated entities named for a rare block show it: a tester finds each case by its identifier."""

import json

import pytest

from mockserver import world
from mockserver.paths import FIXTURES_DIR

from .helpers import TRACEABILITY

DJEPVA = "/v4/djepva/api-association/associations/{siren}"
DJEPVA_OPEN_DATA = "/v4/djepva/api-association/associations/open_data/{siren}"
# Block -> the route that shows it, and the properties that must have a value there.
BLOCKS = {
    "pseudonym": ("/v3/insee/sirene/unites_legales/{siren}", ["data.personne_physique_attributs.pseudonyme"]),
    "married_name": ("/v3/insee/sirene/unites_legales/{siren}", ["data.personne_physique_attributs.nom_usage"]),
    "four_names": ("/v3/insee/sirene/unites_legales/{siren}", ["data.personne_physique_attributs.prenom_4"]),
    "cedex": (
        "/v3/insee/sirene/unites_legales/{siren}/siege_social",
        ["data.adresse.distribution_speciale", "data.adresse.code_cedex", "data.adresse.libelle_cedex"],
    ),
    "repetition": ("/v3/insee/sirene/unites_legales/{siren}/siege_social", ["data.adresse.indice_repetition_voie"]),
    "abroad": (
        "/v3/insee/sirene/etablissements/{siret}",
        ["data.adresse.code_pays_etranger", "data.adresse.libelle_pays_etranger"],
    ),
    "approvals_network": (DJEPVA, ["data.agrements.0.attributeur", "data.composition_reseau.0.nom"]),
    "affiliation": (DJEPVA, ["data.reseaux_affiliation.0.nombre_licencies.total"]),
    "local_law": (DJEPVA, ["data.alsace_moselle.tribunal_instance", "data.alsace_moselle.volume"]),
    "public_utility": (DJEPVA, ["data.date_publication_reconnue_utilite_publique"]),
    "staff_accounts": (
        DJEPVA,
        ["data.etablissements.0.rhs.0.nombre_benevoles", "data.etablissements.0.comptes.0.annee"],
    ),
    "secondary_sites": (DJEPVA, ["data.etablissements.1.siret"]),
    "association_delivery": (DJEPVA_OPEN_DATA, ["data.etablissements.2.adresse.distribution"]),
    "qualibat_policy": (
        "/v4/qualibat/etablissements/{siret}/certification_batiment",
        ["data.entity.assurance_responsabilite_civile.identifiant"],
    ),
    "seat_abroad": (
        "/v3/insee/sirene/unites_legales/{siren}/siege_social",
        [
            "data.adresse.code_pays_etranger",
            "data.adresse.libelle_pays_etranger",
            "data.adresse.libelle_commune_etranger",
        ],
    ),
    "duplicate": ("/v3/insee/sirene/unites_legales/{siren}", ["meta.redirect_from_siren"]),
    "duplicate_siret": ("/v3/insee/sirene/etablissements/{siret}", ["meta.redirect_from_siret"]),
    "eirl": ("/v2/entreprises_artisanales_cma/{siren}", ["entreprise.eirl_denomination", "entreprise.eirl_date_depot"]),
    "kbis_cedex": (
        "/v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis",
        ["data.personne_physique.adresse.ligne_2", "data.personne_physique.adresse.bureau_distributeur"],
    ),
    "organic_suspended": ("/v2/certificats_agence_bio/{siret}", ["0.certificats.0.date_suspension"]),
    "subsidiary_hamlet": (
        "/v3/dgfip/unites_legales/{siren}/liens_capitalistiques/2024",
        ["data.participations.filiales.0.adresse.lieu_dit_hameau"],
    ),
    "bdf_ratio": (
        "/v3/banque_de_france/unites_legales/{siren}/bilans",
        ["data.0.data.valeurs_calculees.0.ratio_fonds_roulement_net_global_sur_besoin_en_fonds_de_roulement.evolution"],
    ),
}
NAMED = [
    (entry, block)
    for entry in json.loads((FIXTURES_DIR / "entities.json").read_text(encoding="utf-8"))["entities"]
    for block in entry.get("shows", ())
]


def value_at(body, path: str):
    """Return the value at a dotted path (list indexes as numbers), or None when it is not there."""
    for key in path.split("."):
        if isinstance(body, list):
            body = body[int(key)] if int(key) < len(body) else None
        elif isinstance(body, dict):
            body = body.get(key)
        if body is None:
            return None
    return body


def test_every_block_has_a_named_entity():
    assert {block for _, block in NAMED} == set(BLOCKS)


@pytest.mark.parametrize(("entry", "block"), NAMED, ids=lambda value: value if isinstance(value, str) else "")
def test_a_named_entity_shows_its_block(v3_get, entry, block):
    path, properties = BLOCKS[block]
    siret = entry.get("siret") or world.company(entry["siren"]).siege_siret
    response = v3_get(path.format(siren=entry["siren"], siret=siret))
    assert response.status_code == 200, response.data[:200]
    assert entry["company"] == {}, "an entity named for its block overrides nothing"
    for prop in properties:
        assert value_at(response.json, prop) not in (None, ""), prop


def test_the_documentation_names_every_entity():
    text = (FIXTURES_DIR.parent / "docs" / "curated-entities.md").read_text(encoding="utf-8")
    for entry, _ in NAMED:
        assert entry["siren"] in text and entry["label"] in text


@pytest.fixture
def v3_get(client, token):
    """GET a current route with the default token and valid traceability parameters."""

    def call(path):
        return client.get(path, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})

    return call
