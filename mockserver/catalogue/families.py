"""Catalogue families: the groups of the official API Entreprise catalogue, and each route's.

The families and their order are the tags of the official OpenAPI files (informations
générales, financières, attestations, certifications, propriété intellectuelle, subventions
des associations; v2 adds "API complémentaires" for ``/v2/privileges``). ``ROUTE_FAMILIES`` is the one place where a
catalogue row gets its family: adding a route is adding one line here. A row missing from
it still loads and is listed under ``UNCLASSIFIED`` (a test names such rows).
"""

INFORMATIONS_GENERALES = "informations_generales"
INFORMATIONS_FINANCIERES = "informations_financieres"
ATTESTATIONS = "attestations_sociales_et_fiscales"
CERTIFICATIONS = "certifications_professionnelles"
PROPRIETE_INTELLECTUELLE = "propriete_intellectuelle"
SUBVENTIONS = "subventions_des_associations"
API_COMPLEMENTAIRES = "api_complementaires"
UNCLASSIFIED = "non_classees"

# Family -> its label, in the catalogue's order.
FAMILIES = {
    INFORMATIONS_GENERALES: "Informations générales",
    INFORMATIONS_FINANCIERES: "Informations financières",
    ATTESTATIONS: "Attestations sociales et fiscales",
    CERTIFICATIONS: "Certifications professionnelles",
    PROPRIETE_INTELLECTUELLE: "Propriété intellectuelle",
    SUBVENTIONS: "Subventions des associations",
    API_COMPLEMENTAIRES: "API complémentaires",
    UNCLASSIFIED: "Routes non classées",
}

# Catalogue route name -> family (the tag of the route in the official OpenAPI files).
ROUTE_FAMILIES = {
    "entreprises": INFORMATIONS_GENERALES,
    "etablissements": INFORMATIONS_GENERALES,
    "privileges": API_COMPLEMENTAIRES,
    "documents_associations": INFORMATIONS_GENERALES,
    "actes_inpi": INFORMATIONS_GENERALES,
    "bilans_inpi": INFORMATIONS_FINANCIERES,
    "attestations_fiscales_dgfip": ATTESTATIONS,
    "attestations_sociales_acoss": ATTESTATIONS,
    "attestations_cotisation_retraite_probtp": ATTESTATIONS,
    "cartes_professionnelles_fntp": ATTESTATIONS,
    "certificats_cnetp": ATTESTATIONS,
    "certificats_rge_ademe": CERTIFICATIONS,
    "certificats_qualibat": CERTIFICATIONS,
    "extraits_rcs_infogreffe": INFORMATIONS_GENERALES,
    "associations": INFORMATIONS_GENERALES,
    "conventions_collectives": INFORMATIONS_GENERALES,
    "exercices": INFORMATIONS_FINANCIERES,
    "bilans_entreprises_bdf": INFORMATIONS_FINANCIERES,
    "liasses_fiscales_dgfip_declarations": INFORMATIONS_FINANCIERES,
    "liasses_fiscales_dgfip_dictionnaire": INFORMATIONS_FINANCIERES,
    "liasses_fiscales_dgfip_complete": INFORMATIONS_FINANCIERES,
    "attestations_agefiph": ATTESTATIONS,
    "cotisations_msa": ATTESTATIONS,
    "eligibilites_cotisation_retraite_probtp": ATTESTATIONS,
    "certificats_opqibi": CERTIFICATIONS,
    "extraits_courts_inpi": PROPRIETE_INTELLECTUELLE,
    "api_entreprise_v3_insee_unites_legales": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_sieges_unites_legales": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_etablissements": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_adresses_etablissements": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_unites_legales_diffusables": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_sieges_diffusables_unites_legales": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_etablissements_diffusables": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_adresses_etablissements_diffusables": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_unites_legales": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_sieges_unites_legales": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_etablissements": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_unites_legales_diffusables": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_sieges_diffusables_unites_legales": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_etablissements_diffusables": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_adresses_etablissements": INFORMATIONS_GENERALES,
    "api_entreprise_v4_insee_adresses_etablissements_diffusables": INFORMATIONS_GENERALES,
    "api_entreprise_v3_infogreffe_extraits_rcs": INFORMATIONS_GENERALES,
    "api_entreprise_v3_infogreffe_mandataires_sociaux": INFORMATIONS_GENERALES,
    "api_entreprise_v3_european_commission_vies": INFORMATIONS_GENERALES,
    "api_entreprise_privileges": API_COMPLEMENTAIRES,
    "api_entreprise_v4_mi_unites_legales": INFORMATIONS_GENERALES,
    "api_entreprise_v4_mi_unites_legales_open_data": INFORMATIONS_GENERALES,
    "api_entreprise_v3_inpi_rne_actes_bilans": INFORMATIONS_GENERALES,
    "api_entreprise_v3_fabrique_numerique_ministeres_sociaux_conventions_collectives": INFORMATIONS_GENERALES,
    "api_entreprise_v3_dgfip_chiffres_affaires": INFORMATIONS_FINANCIERES,
    "api_entreprise_v3_dgfip_liasses_fiscales": INFORMATIONS_FINANCIERES,
    "api_entreprise_v3_banque_de_france_bilans_entreprise": INFORMATIONS_FINANCIERES,
    "api_entreprise_v3_dgfip_attestations_fiscales": ATTESTATIONS,
    "api_entreprise_v4_dgfip_attestations_fiscales": ATTESTATIONS,
    "api_entreprise_v3_acoss_attestations_sociales": ATTESTATIONS,
    "api_entreprise_v4_acoss_attestations_sociales": ATTESTATIONS,
    "api_entreprise_v3_msa_conformites_cotisations": ATTESTATIONS,
    "api_entreprise_v3_probtp_conformites_cotisations_retraite": ATTESTATIONS,
    "api_entreprise_v3_probtp_attestations_cotisation_retraite": ATTESTATIONS,
    "api_entreprise_v3_fntp_carte_professionnelle_travaux_publics": ATTESTATIONS,
    "api_entreprise_v3_cnetp_attestation_cotisations_conges_payes_chomage_intemperies": ATTESTATIONS,
    "api_entreprise_v3_ademe_certificats_rge": CERTIFICATIONS,
    "api_entreprise_v3_qualibat_certifications_batiment": CERTIFICATIONS,
    "api_entreprise_v4_qualibat_certifications_batiment": CERTIFICATIONS,
    "api_entreprise_v3_opqibi_certifications_ingenierie": CERTIFICATIONS,
    "entreprises_artisanales_cma": INFORMATIONS_GENERALES,
    "effectifs_annuels_acoss_covid": INFORMATIONS_GENERALES,
    "effectifs_mensuels_acoss_covid_entreprise": INFORMATIONS_GENERALES,
    "effectifs_mensuels_acoss_covid_etablissement": INFORMATIONS_GENERALES,
    "certificats_agence_bio": CERTIFICATIONS,
    "eori_douanes": INFORMATIONS_GENERALES,
    "api_entreprise_v3_carif_oref_certifications_qualiopi_france_competences": CERTIFICATIONS,
    "api_entreprise_v3_cibtp_attestation_cotisations_conges_payes_chomage_intemperies": ATTESTATIONS,
    "api_entreprise_v3_data_subvention_subventions": SUBVENTIONS,
    "api_entreprise_v3_dgddi_eori": INFORMATIONS_GENERALES,
    "api_entreprise_v3_dgfip_liens_capitalistiques": INFORMATIONS_FINANCIERES,
    "api_entreprise_v3_gip_mds_effectifs_annuels_entreprise": INFORMATIONS_GENERALES,
    "api_entreprise_v3_gip_mds_effectifs_mensuels_etablissement": INFORMATIONS_GENERALES,
    "api_entreprise_v3_inpi_rne_beneficiaires_effectifs": INFORMATIONS_GENERALES,
    "api_entreprise_v3_inpi_rne_beneficiaires_effectifs_open_data": INFORMATIONS_GENERALES,
    "api_entreprise_v3_inpi_rne_extrait_rne": INFORMATIONS_GENERALES,
    "api_entreprise_v3_insee_successions": INFORMATIONS_GENERALES,
    "api_entreprise_v3_mi_associations": INFORMATIONS_GENERALES,
    "api_entreprise_v3_mi_documents_associations": INFORMATIONS_GENERALES,
    "api_entreprise_v3_qualifelec_certificats": CERTIFICATIONS,
    "api_entreprise_v3_rnm_entreprises_artisanales": INFORMATIONS_GENERALES,
}


def family_of(route_name: str) -> str:
    """Return the family of a catalogue route (``UNCLASSIFIED`` until it is in the table)."""
    return ROUTE_FAMILIES.get(route_name, UNCLASSIFIED)
