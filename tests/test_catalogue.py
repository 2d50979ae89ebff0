"""The catalogue serves every data set of the "aides publiques" seed list (CONTRACT §2)."""

from mockserver.catalogue import ENDPOINTS, RATE_LIMITS

# Data set of the seed list -> the v2 routes that serve it. The document data sets join this
# table as their routes land.
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
    "cotisation_retraite_probtp": ("/v2/eligibilites_cotisation_retraite_probtp/{siret}",),
    "certificats_opqibi": ("/v2/certificats_opqibi/{siren}",),
    "extraits_courts_inpi": ("/v2/extraits_courts_inpi/{siren}",),
}


def test_every_seed_data_set_is_served():
    paths = {endpoint.path for endpoint in ENDPOINTS}
    missing = {data_set: path for data_set, routes in SEED_DATA_SETS.items() for path in routes if path not in paths}
    assert not missing, f"data sets without their route in the catalogue: {missing}"


def test_names_are_unique_and_groups_are_declared():
    names = [endpoint.name for endpoint in ENDPOINTS]
    assert len(names) == len(set(names))
    assert {endpoint.rate_group for endpoint in ENDPOINTS if endpoint.rate_group} <= set(RATE_LIMITS)
