"""The catalogue serves every data set of the "aides publiques" seed list (CONTRACT §2)."""

from mockserver.catalogue import ENDPOINTS, RATE_LIMITS

# The 22 data sets of the seed list -> the v2 routes that serve them.
SEED_DATA_SETS = {
    "entreprises": ("/v2/entreprises/{siren}",),
    "etablissements": ("/v2/etablissements/{siret}",),
    "extraits_rcs_infogreffe": ("/v2/extraits_rcs_infogreffe/{siren}",),
    "associations": ("/v2/associations/{id}",),
    "conventions_collectives": ("/v2/conventions_collectives/{siret}",),
    "exercices": ("/v2/exercices/{siret}",),
    "bilans_entreprises_bdf": ("/v2/bilans_entreprises_bdf/{siren}",),
    "liasses_fiscales_dgfip": (
        "/v2/liasses_fiscales_dgfip/{annee}/declarations/{siren}",
        "/v2/liasses_fiscales_dgfip/{annee}/dictionnaire",
        "/v2/liasses_fiscales_dgfip/{annee}/complete/{siren}",
    ),
    "attestations_agefiph": ("/v2/attestations_agefiph/{siret}",),
    "cotisations_msa": ("/v2/cotisations_msa/{siret}",),
    "cotisation_retraite_probtp": (
        "/v2/eligibilites_cotisation_retraite_probtp/{siret}",
        "/v2/attestations_cotisation_retraite_probtp/{siret}",
    ),
    "certificats_opqibi": ("/v2/certificats_opqibi/{siren}",),
    "extraits_courts_inpi": ("/v2/extraits_courts_inpi/{siren}",),
    "documents_associations": ("/v2/documents_associations/{id}",),
    "actes_inpi": ("/v2/actes_inpi/{siren}",),
    "bilans_inpi": ("/v2/bilans_inpi/{siren}",),
    "attestations_fiscales_dgfip": ("/v2/attestations_fiscales_dgfip/{siren}",),
    "attestations_sociales_acoss": ("/v2/attestations_sociales_acoss/{siren}",),
    "cartes_professionnelles_fntp": ("/v2/cartes_professionnelles_fntp/{siren}",),
    "certificats_cnetp": ("/v2/certificats_cnetp/{siren}",),
    "certificats_rge_ademe": ("/v2/certificats_rge_ademe/{siret}",),
    "certificats_qualibat": ("/v2/certificats_qualibat/{siret}",),
}


def test_the_seed_list_has_its_22_data_sets():
    assert len(SEED_DATA_SETS) == 22


def test_every_seed_data_set_is_served():
    paths = {endpoint.path for endpoint in ENDPOINTS}
    missing = {data_set: path for data_set, routes in SEED_DATA_SETS.items() for path in routes if path not in paths}
    assert not missing, f"data sets without their route in the catalogue: {missing}"


def test_names_are_unique_and_groups_are_declared():
    names = [endpoint.name for endpoint in ENDPOINTS]
    assert len(names) == len(set(names))
    assert {endpoint.rate_group for endpoint in ENDPOINTS if endpoint.rate_group} <= set(RATE_LIMITS)
