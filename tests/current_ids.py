"""Identifiers each current route of the non-identity data sets answers 200 for: its provider knows them.

Most are official staging identifiers (CONTRACT §5.3) or curated entities; the others are
world entities a sweep found in the provider's population (RGE, Banque de France).
"""

from .helpers import path_of

KNOWN = {
    "api_entreprise_v4_mi_unites_legales": {"siren_or_rna": "389486242"},
    "api_entreprise_v4_mi_unites_legales_open_data": {"siren_or_rna": "389486242"},
    "api_entreprise_v3_inpi_rne_actes_bilans": {"siren": "130025265"},
    "api_entreprise_v3_dgfip_chiffres_affaires": {"siret": "30613890001294"},
    "api_entreprise_v3_dgfip_liasses_fiscales": {"siren": "306138900", "year": "2024"},
    "api_entreprise_v3_dgfip_attestations_fiscales": {"siren": "418166096"},
    "api_entreprise_v4_dgfip_attestations_fiscales": {"siren": "418166096"},
    "api_entreprise_v3_acoss_attestations_sociales": {"siren": "418166096"},
    "api_entreprise_v4_acoss_attestations_sociales": {"siren": "418166096"},
    "api_entreprise_v3_msa_conformites_cotisations": {"siret": "20005379100014"},
    "api_entreprise_v3_probtp_conformites_cotisations_retraite": {"siret": "30613890001294"},
    "api_entreprise_v3_probtp_attestations_cotisation_retraite": {"siret": "30613890001294"},
    "api_entreprise_v3_fntp_carte_professionnelle_travaux_publics": {"siren": "130025265"},
    "api_entreprise_v3_cnetp_attestation_cotisations_conges_payes_chomage_intemperies": {"siren": "130025265"},
    "api_entreprise_v3_ademe_certificats_rge": {"siret": "81140745100145"},
    "api_entreprise_v3_qualibat_certifications_batiment": {"siret": "30613890001294"},
    "api_entreprise_v4_qualibat_certifications_batiment": {"siret": "30613890001294"},
    "api_entreprise_v3_opqibi_certifications_ingenierie": {"siren": "130025265"},
    "api_entreprise_v3_fabrique_numerique_ministeres_sociaux_conventions_collectives": {"siret": "30613890001294"},
    "api_entreprise_v3_banque_de_france_bilans_entreprise": {"siren": "138930151"},
    # The rest of the current file: the official staging examples (some known by their provider as staging
    # cases, ``fixtures/staging_cases.json``).
    "api_entreprise_v3_carif_oref_certifications_qualiopi_france_competences": {"siret": "30613890001294"},
    "api_entreprise_v3_cibtp_attestation_cotisations_conges_payes_chomage_intemperies": {"siret": "13002526500013"},
    "api_entreprise_v3_data_subvention_subventions": {"siren_or_siret_or_rna": "W751234567"},
    "api_entreprise_v3_dgddi_eori": {"siret_or_eori": "30613890001294"},
    "api_entreprise_v3_dgfip_liens_capitalistiques": {"siren": "552049447", "year": "2022"},
    "api_entreprise_v3_gip_mds_effectifs_annuels_entreprise": {"siren": "130025265", "year": "2024"},
    "api_entreprise_v3_gip_mds_effectifs_mensuels_etablissement": {
        "siret": "13002526500013",
        "month": "06",
        "year": "2024",
    },
    "api_entreprise_v3_inpi_rne_beneficiaires_effectifs": {"siren": "552049447"},
    "api_entreprise_v3_inpi_rne_beneficiaires_effectifs_open_data": {"siren": "552049447"},
    "api_entreprise_v3_inpi_rne_extrait_rne": {"siren": "552049447"},
    "api_entreprise_v3_insee_successions": {"siret": "30613890001286"},
    "api_entreprise_v3_mi_associations": {"siret_or_rna": "W751234567"},
    "api_entreprise_v3_mi_documents_associations": {"siret_or_rna": "W751234567"},
    "api_entreprise_v3_qualifelec_certificats": {"siret": "77567227221138"},
    "api_entreprise_v3_rnm_entreprises_artisanales": {"siren": "552049447"},
}


def known_path(endpoint) -> str:
    """Return the path of ``endpoint`` on identifiers its provider knows."""
    return path_of(endpoint, **KNOWN[endpoint.name])
