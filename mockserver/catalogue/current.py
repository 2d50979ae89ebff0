"""The current routes (v3 and v4, CONTRACT §3-4), named by their official operation ids: one row each.

A route served in both versions is one description turned into its two rows by ``twins``:
only the name, the path, the renderer's version and the schema differ (and whatever the
description overrides in v4). The sixteen INSEE routes are one table of eight such twins.
"""

from dataclasses import replace
from functools import partial

from mockserver.catalogue.endpoint import Endpoint, QueryOption
from mockserver.renderers import (
    attestations_v3,
    carif_oref_v3,
    certifications_v3,
    cibtp_v3,
    cma_france,
    conventions_v3,
    data_subvention_v3,
    djepva_v4,
    douanes,
    european_commission_v3,
    extrait_rne_v3,
    finances_v3,
    gip_mds_v3,
    infogreffe_v3,
    inpi_rne_v3,
    insee_v3,
    mi_v3,
    ownership_v3,
    privileges,
    qualifelec_v3,
    successions_v3,
)
from mockserver.rules.errors import (
    INSEE_SIEGE_NOT_FOUND_DETAIL,
    NEVER_DIFFUSED_SIREN_DETAIL,
    NEVER_DIFFUSED_SIRET_DETAIL,
    not_found_detail,
)
from mockserver.rules.maintenance import SCENARIO as MAINTENANCE_SCENARIO
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER, PROVIDER_SCENARIOS
from mockserver.world.gip_mds import NATURES

# The routes of a provider with a maintenance window play it on request (fixtures/maintenances.json).
MAINTENANCE = frozenset({MAINTENANCE_SCENARIO})
# v3 and v4 routes: one provider each, so no partial answer; a duplicate answers 200 with meta.redirect_from_*.
CURRENT_SCENARIOS = PROVIDER_SCENARIOS | {"insufficient_privileges"}
INSEE_CURRENT_SCENARIOS = CURRENT_SCENARIOS | {"non_diffusible", "never_diffused", "redirected"}
# Scopes of the current routes (config/siade_authorizations_2026-03.yml): a v2-era scope or the current one.
UNITES_LEGALES_SCOPES = ("entreprises", "unites_legales_etablissements_insee")
ETABLISSEMENTS_SCOPES = ("etablissements", "unites_legales_etablissements_insee")
# The other current routes' own scenarios: v2's business outcomes where the current route can produce them.
DGFIP_CURRENT_SCENARIOS = CURRENT_SCENARIOS | {"dgfip_not_subject_to_is"} | MAINTENANCE
CNETP_SCOPES = (
    "certificat_cnetp",
    "certification_cnetp",
    "attestation_cotisations_conges_payes_chomage_intemperies_cibtp_cnetp",
)
# How each current route's provider words a 404 or a 451 (siade's ValidateResponse of the route's organizer):
# the identifier it names, or the INSEE's own sentences. A route without words answers the catalogue's.
IDENTIFIANT_WORDS = {"not_found": not_found_detail("L'identifiant")}
SIREN_WORDS = {"not_found": not_found_detail("Le siren")}
SIRET_WORDS = {"not_found": not_found_detail("Le siret")}
SIRET_OR_SIREN_WORDS = {"not_found": not_found_detail("Le siret ou le siren")}
SIREN_OR_RNA_WORDS = {"not_found": not_found_detail("Le siren ou l'identifiant RNA")}
SIRET_OR_RNA_WORDS = {"not_found": not_found_detail("Le siret ou l'identifiant RNA")}
# INSEE: the unit and establishment searches name the identifier; the head-office search finds no head
# office for a unit no one may see, a 404 in its own words rather than a 451.
INSEE_WORDS = {
    "siren": {**IDENTIFIANT_WORDS, "never_diffused": NEVER_DIFFUSED_SIREN_DETAIL},
    "siret": {**IDENTIFIANT_WORDS, "never_diffused": NEVER_DIFFUSED_SIRET_DETAIL},
    "siege": {"not_found": INSEE_SIEGE_NOT_FOUND_DETAIL},
}
INSEE_SIEGE_FAILURES = {"never_diffused": "not_found"}
# What a provider adds to meta: the URSSAF's own error list, Infogreffe's return code and message.
ACOSS_NOT_FOUND_META = {
    "not_found": {
        "provider_errors": [
            {
                "code": "FUNC517",
                "message": "Le Siren est inconnu",
                "description": "Le siren est inconnu du SI Attestations, radié ou hors périmètre",
            }
        ]
    }
}
INFOGREFFE_NOT_FOUND_META = {
    "not_found": {"provider_error": {"code": "006", "message": "DOSSIER NON TROUVE DANS LA BASE DE GREFFES"}}
}
# The GIP-MDS routes' choice of figure: the average headcount by default, or the disabled-workers quota's.
NATURE_EFFECTIF = QueryOption("nature_effectif", NATURES)


def twins(name: str, path: str, render, schemas: tuple[str, str], v4: dict | None = None, **row) -> list[Endpoint]:
    """Return the v3 and v4 rows of one route: ``path`` without its version, ``render`` told the version.

    ``schemas`` are the v3 and the v4 body's; ``v4`` overrides fields of the v4 row only.
    """
    v3_row, v4_row = (
        Endpoint(
            name=f"api_entreprise_{version}_{name}",
            path=f"/{version}{path}",
            render=partial(render, version=version),
            schema=schema,
            version=version,
            **row,
        )
        for version, schema in zip(("v3", "v4"), schemas, strict=True)
    )
    return [v3_row, replace(v4_row, **(v4 or {}))]


# The INSEE routes: (name, path after /insee/sirene, renderer, schema file, scopes). The diffusibles routes
# answer open-data tokens with what a unit lets be published; the others answer protected data.
INSEE_ROUTES = (
    ("unites_legales", "/unites_legales/{siren}", insee_v3.unite_legale, "insee_unite_legale", UNITES_LEGALES_SCOPES),
    (
        "sieges_unites_legales",
        "/unites_legales/{siren}/siege_social",
        insee_v3.siege_social,
        "insee_etablissement",
        ETABLISSEMENTS_SCOPES,
    ),
    ("etablissements", "/etablissements/{siret}", insee_v3.etablissement, "insee_etablissement", ETABLISSEMENTS_SCOPES),
    (
        "adresses_etablissements",
        "/etablissements/{siret}/adresse",
        insee_v3.adresse,
        "insee_adresse",
        ETABLISSEMENTS_SCOPES,
    ),
    (
        "unites_legales_diffusables",
        "/unites_legales/diffusibles/{siren}",
        insee_v3.unite_legale,
        "insee_unite_legale",
        ("entreprises", "open_data"),
    ),
    (
        "sieges_diffusables_unites_legales",
        "/unites_legales/diffusibles/{siren}/siege_social",
        insee_v3.siege_social,
        "insee_etablissement",
        ("etablissements", "open_data"),
    ),
    (
        "etablissements_diffusables",
        "/etablissements/diffusibles/{siret}",
        insee_v3.etablissement,
        "insee_etablissement",
        ("etablissements", "open_data"),
    ),
    (
        "adresses_etablissements_diffusables",
        "/etablissements/diffusibles/{siret}/adresse",
        insee_v3.adresse,
        "insee_adresse",
        ("etablissements", "open_data"),
    ),
)
# v4 payloads link to the address in v4, which the real API refuses (00402): a link target with the v3 body.
INSEE_REFUSED_IN_V4 = {"adresses_etablissements", "adresses_etablissements_diffusables"}


def insee_twins(name: str, path: str, render, schema: str, scopes: tuple[str, ...]) -> list[Endpoint]:
    """Return the v3 and v4 rows of one INSEE route of the table."""
    kind = "siren" if "{siren}" in path else "siret"
    siege = path.endswith("/siege_social")
    refused = name in INSEE_REFUSED_IN_V4
    v4_schema = f"v3/{schema}.json" if refused else f"v4/{schema}.json"
    return twins(
        f"insee_{name}",
        f"/insee/sirene{path}",
        partial(render, open_data="/diffusibles/" in path),
        (f"v3/{schema}.json", v4_schema),
        v4={"supported": False} if refused else None,
        provider="INSEE",
        scopes=scopes,
        identifiers=((kind, kind),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        details=INSEE_WORDS["siege" if siege else kind],
        failures=INSEE_SIEGE_FAILURES if siege else {},
    )


INSEE_TWINS = [insee_twins(*route) for route in INSEE_ROUTES]

CURRENT_ENDPOINTS = (
    *(v3_row for v3_row, _ in INSEE_TWINS),
    # The routes v4 refuses come last.
    *sorted((v4_row for _, v4_row in INSEE_TWINS), key=lambda row: not row.supported),
    Endpoint(
        name="api_entreprise_v3_infogreffe_extraits_rcs",
        path="/v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis",
        provider="Infogreffe",
        scopes=("extraits_rcs", "open_data"),
        render=infogreffe_v3.extrait_kbis,
        schema="v3/infogreffe_extrait_kbis.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=SIREN_WORDS,
        error_meta=INFOGREFFE_NOT_FOUND_META,
    ),
    Endpoint(
        name="api_entreprise_v3_infogreffe_mandataires_sociaux",
        path="/v3/infogreffe/rcs/unites_legales/{siren}/mandataires_sociaux",
        provider="Infogreffe",
        scopes=("entreprises", "mandataires_sociaux_infogreffe"),
        render=infogreffe_v3.mandataires_sociaux,
        schema="v3/infogreffe_mandataires_sociaux.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=SIREN_WORDS,
        error_meta=INFOGREFFE_NOT_FOUND_META,
    ),
    Endpoint(
        name="api_entreprise_v3_european_commission_vies",
        path="/v3/european_commission/unites_legales/{siren}/numero_tva",
        provider="Commission Européenne",
        # The authorization table grants this route to any valid token.
        scopes=(),
        render=european_commission_v3.numero_tva,
        schema="v3/european_commission_numero_tva.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_privileges",
        path="/privileges",
        provider="API Entreprise",
        scopes=(),
        render=privileges.current_privileges,
        schema="v3/privileges.json",
        scenarios=frozenset(),
        traceability=False,
        version="v3",
    ),
    # --- The other current data sets (CONTRACT §4 rows 4-21), from the same world as their v2 twins. ---
    Endpoint(
        name="api_entreprise_v4_mi_unites_legales",
        path="/v4/djepva/api-association/associations/{siren_or_rna}",
        provider="DJEPVA",
        scopes=("associations_donnees_protegees", "associations_djepva"),
        render=partial(djepva_v4.association, open_data=False),
        schema="v4/djepva_association.json",
        identifiers=(("siren_or_rna", "siren_or_rna"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {"association_without_documents", "dissolved_association"},
        version="v4",
        details=SIREN_OR_RNA_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v4_mi_unites_legales_open_data",
        path="/v4/djepva/api-association/associations/open_data/{siren_or_rna}",
        provider="DJEPVA",
        scopes=("associations", "open_data"),
        render=partial(djepva_v4.association, open_data=True),
        schema="v4/djepva_association_open_data.json",
        identifiers=(("siren_or_rna", "siren_or_rna"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {"association_without_documents", "dissolved_association"},
        version="v4",
        details=SIREN_OR_RNA_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_inpi_rne_actes_bilans",
        path="/v3/inpi/rne/unites_legales/open_data/{siren}/actes_bilans",
        provider="INPI - RNE",
        scopes=("open_data",),
        render=inpi_rne_v3.actes_bilans,
        schema="v3/inpi_rne_actes_bilans.json",
        identifiers=(("siren", "siren"),),
        rate_group="inpi_rne_actes_bilans",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_dgfip_chiffres_affaires",
        path="/v3/dgfip/etablissements/{siret}/chiffres_affaires",
        provider="DGFIP - Adélie",
        scopes=("exercices", "chiffre_affaires_dgfip"),
        render=finances_v3.chiffres_affaires,
        schema="v3/dgfip_chiffres_affaires.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=DGFIP_CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_dgfip_liasses_fiscales",
        path="/v3/dgfip/unites_legales/{siren}/liasses_fiscales/{year}",
        provider="DGFIP - Adélie",
        scopes=("liasse_fiscale", "liasses_fiscales_dgfip"),
        render=finances_v3.liasses_fiscales,
        schema="v3/dgfip_liasses_fiscales.json",
        # A year must read as one (00307), then be one the DGFIP serves (00315).
        identifiers=(("siren", "siren"), ("year", "year"), ("year", "dgfip_year")),
        rate_group="json_resources_entreprise",
        scenarios=DGFIP_CURRENT_SCENARIOS,
        version="v3",
        details=SIREN_WORDS,
        checks_together=True,
    ),
    *twins(
        "dgfip_attestations_fiscales",
        "/dgfip/unites_legales/{siren}/attestation_fiscale",
        attestations_v3.attestation_fiscale,
        ("v3/document_url.json", "v4/dgfip_attestation_fiscale.json"),
        provider="DGFIP - Adélie",
        scopes=("attestations_fiscales", "attestation_fiscale_dgfip"),
        identifiers=(("siren", "siren"),),
        rate_group="dgfip_attestations_fiscales",
        scenarios=CURRENT_SCENARIOS | {"dgfip_not_in_order"} | MAINTENANCE,
        details=IDENTIFIANT_WORDS,
    ),
    *twins(
        "acoss_attestations_sociales",
        "/urssaf/unites_legales/{siren}/attestation_vigilance",
        attestations_v3.attestation_vigilance,
        ("v3/document_url.json", "v4/urssaf_attestation_vigilance.json"),
        # v4 tells a company behind with its contributions apart (entity_status refus_de_delivrance).
        v4={"scenarios": CURRENT_SCENARIOS | {"acoss_refusal", "urssaf_refusal"}},
        provider="ACOSS",
        scopes=("attestations_sociales", "attestation_sociale_urssaf"),
        identifiers=(("siren", "siren"),),
        rate_group="urssaf_attestation_sociales",
        scenarios=CURRENT_SCENARIOS | {"acoss_refusal"},
        error_meta=ACOSS_NOT_FOUND_META,
    ),
    Endpoint(
        name="api_entreprise_v3_msa_conformites_cotisations",
        path="/v3/msa/etablissements/{siret}/conformite_cotisations",
        provider="MSA",
        scopes=("msa_cotisations", "cotisations_msa"),
        render=attestations_v3.conformite_msa,
        schema="v3/msa_conformite_cotisations.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS
        | {"msa_not_up_to_date", "msa_analysis_in_progress", "msa_up_to_date"}
        | MAINTENANCE,
        version="v3",
        details=SIRET_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_probtp_conformites_cotisations_retraite",
        path="/v3/probtp/etablissements/{siret}/conformite_cotisations_retraite",
        provider="ProBTP",
        scopes=("probtp", "cotisations_probtp"),
        render=attestations_v3.conformite_probtp,
        schema="v3/probtp_conformite_cotisations_retraite.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {"probtp_not_eligible"},
        version="v3",
        details=SIRET_OR_SIREN_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_probtp_attestations_cotisation_retraite",
        path="/v3/probtp/etablissements/{siret}/attestation_cotisations_retraite",
        provider="ProBTP",
        scopes=("probtp", "cotisations_probtp"),
        render=attestations_v3.attestation_probtp,
        schema="v3/document_url.json",
        identifiers=(("siret", "siret"),),
        rate_group="low_latency_documents",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=SIRET_OR_SIREN_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_fntp_carte_professionnelle_travaux_publics",
        path="/v3/fntp/unites_legales/{siren}/carte_professionnelle_travaux_publics",
        provider="FNTP",
        scopes=("fntp_carte_pro", "open_data"),
        render=attestations_v3.carte_fntp,
        schema="v3/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="low_latency_documents",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=SIRET_OR_SIREN_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_cnetp_attestation_cotisations_conges_payes_chomage_intemperies",
        path="/v3/cnetp/unites_legales/{siren}/attestation_cotisations_conges_payes_chomage_intemperies",
        provider="CNETP",
        scopes=CNETP_SCOPES,
        render=attestations_v3.attestation_cnetp,
        schema="v3/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="low_latency_documents",
        scenarios=CURRENT_SCENARIOS | MAINTENANCE,
        version="v3",
        details=SIRET_OR_SIREN_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_ademe_certificats_rge",
        path="/v3/ademe/etablissements/{siret}/certification_rge",
        provider="ADEME",
        scopes=("certificat_rge_ademe", "open_data"),
        render=certifications_v3.certification_rge,
        schema="v3/ademe_certification_rge.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {"rge_certified"},
        version="v3",
        query_options=(QueryOption("limit", kind="limit"),),
        details=SIRET_WORDS,
    ),
    *twins(
        "qualibat_certifications_batiment",
        "/qualibat/etablissements/{siret}/certification_batiment",
        certifications_v3.certification_qualibat,
        ("v3/document_url.json", "v4/qualibat_certification_batiment.json"),
        provider="Qualibat",
        scopes=("qualibat", "open_data"),
        identifiers=(("siret", "siret"),),
        rate_group="low_latency_documents",
        scenarios=CURRENT_SCENARIOS,
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_opqibi_certifications_ingenierie",
        path="/v3/opqibi/unites_legales/{siren}/certification_ingenierie",
        provider="OPQIBI",
        scopes=("certificat_opqibi", "certification_opqibi", "open_data"),
        render=certifications_v3.certification_opqibi,
        schema="v3/opqibi_certification_ingenierie.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=SIREN_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_fabrique_numerique_ministeres_sociaux_conventions_collectives",
        path="/v3/fabrique_numerique_ministeres_sociaux/etablissements/{siret}/conventions_collectives",
        provider="Fabrique numérique des Ministères Sociaux",
        scopes=("conventions_collectives", "open_data"),
        render=conventions_v3.conventions_collectives,
        schema="v3/conventions_collectives.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_banque_de_france_bilans_entreprise",
        path="/v3/banque_de_france/unites_legales/{siren}/bilans",
        provider="Banque de France",
        scopes=("bilans_entreprise_bdf", "bilans_bdf"),
        render=finances_v3.bilans_bdf,
        schema="v3/banque_de_france_bilans.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {"bdf_too_few_bilans"} | MAINTENANCE,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    # --- The rest of the current official file, from the same world (one module per register). ---
    Endpoint(
        name="api_entreprise_v3_carif_oref_certifications_qualiopi_france_competences",
        path="/v3/carif_oref/etablissements/{siret}/certifications_qualiopi_france_competences",
        provider="CARIF-OREF",
        scopes=("certifications_qualiopi_france_competences",),
        render=carif_oref_v3.certifications,
        schema="v3/carif_oref_certifications_qualiopi.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {KNOWN_BY_PROVIDER},
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_cibtp_attestation_cotisations_conges_payes_chomage_intemperies",
        path="/v3/cibtp/etablissements/{siret}/attestation_cotisations_conges_payes_chomage_intemperies",
        provider="CIBTP",
        scopes=CNETP_SCOPES,
        render=cibtp_v3.attestation,
        schema="v3/document_url.json",
        identifiers=(("siret", "siret"),),
        rate_group="cibtp_attestations",
        scenarios=CURRENT_SCENARIOS | {KNOWN_BY_PROVIDER},
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_data_subvention_subventions",
        path="/v3/data_subvention/associations/{siren_or_siret_or_rna}/subventions",
        provider="DataSubvention",
        scopes=("data_subvention_subventions",),
        render=data_subvention_v3.subventions,
        schema="v3/data_subvention_subventions.json",
        identifiers=(("siren_or_siret_or_rna", "siren_or_siret_or_rna"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {KNOWN_BY_PROVIDER},
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_dgddi_eori",
        path="/v3/douanes/etablissements/{siret_or_eori}/immatriculations_eori",
        provider="DGDDI",
        scopes=("eori_douanes", "open_data"),
        render=douanes.immatriculation_eori,
        schema="v3/douanes_immatriculation_eori.json",
        identifiers=(("siret_or_eori", "siret_or_eori"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {KNOWN_BY_PROVIDER},
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_dgfip_liens_capitalistiques",
        path="/v3/dgfip/unites_legales/{siren}/liens_capitalistiques/{year}",
        provider="DGFIP - Adélie",
        scopes=("liasse_fiscale", "liasses_fiscales_dgfip", "liens_capitalistiques_dgfip"),
        render=ownership_v3.liens_capitalistiques,
        schema="v3/dgfip_liens_capitalistiques.json",
        # The liasses' checks: a year must read as one (00307), then be one the DGFIP serves (00315).
        identifiers=(("siren", "siren"), ("year", "year"), ("year", "dgfip_year")),
        rate_group="json_resources_entreprise",
        scenarios=DGFIP_CURRENT_SCENARIOS,
        version="v3",
        details=SIREN_WORDS,
        checks_together=True,
    ),
    Endpoint(
        name="api_entreprise_v3_gip_mds_effectifs_annuels_entreprise",
        path="/v3/gip_mds/unites_legales/{siren}/effectifs_annuels/{year}",
        provider="GIP-MDS",
        scopes=("effectifs_urssaf",),
        render=gip_mds_v3.effectifs_annuels,
        schema="v3/gip_mds_effectifs_annuels.json",
        identifiers=(("siren", "siren"), ("year", "current_year")),
        rate_group="gip_mds",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
        query_options=(NATURE_EFFECTIF,),
        checks_together=True,
    ),
    Endpoint(
        name="api_entreprise_v3_gip_mds_effectifs_mensuels_etablissement",
        path="/v3/gip_mds/etablissements/{siret}/effectifs_mensuels/{month}/annee/{year}",
        provider="GIP-MDS",
        scopes=("effectifs_urssaf",),
        render=gip_mds_v3.effectifs_mensuels,
        schema="v3/gip_mds_effectifs_mensuels.json",
        # The real server checks the SIRET, the year (1900 to this year), the month, then the depth.
        identifiers=(("siret", "siret"), ("year", "current_year"), ("month", "month")),
        rate_group="gip_mds",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
        query_options=(QueryOption("profondeur", kind="depth"), NATURE_EFFECTIF),
        checks_together=True,
    ),
    Endpoint(
        name="api_entreprise_v3_inpi_rne_beneficiaires_effectifs",
        path="/v3/inpi/rne/unites_legales/{siren}/beneficiaires_effectifs",
        provider="INPI - RNE",
        scopes=("beneficiaires_effectifs_inpi",),
        render=ownership_v3.beneficiaires_effectifs,
        schema="v3/inpi_rne_beneficiaires_effectifs.json",
        identifiers=(("siren", "siren"),),
        rate_group="inpi_rne_beneficiaires_effectifs",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    # The same controller and serializer under an open-data path, granted by either scope, counted apart.
    Endpoint(
        name="api_entreprise_v3_inpi_rne_beneficiaires_effectifs_open_data",
        path="/v3/inpi/rne/unites_legales/open_data/{siren}/beneficiaires_effectifs",
        provider="INPI - RNE",
        scopes=("open_data", "beneficiaires_effectifs_inpi"),
        render=ownership_v3.beneficiaires_effectifs,
        schema="v3/inpi_rne_beneficiaires_effectifs.json",
        identifiers=(("siren", "siren"),),
        rate_group="inpi_rne_beneficiaires_effectifs_open_data",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_inpi_rne_extrait_rne",
        path="/v3/inpi/rne/unites_legales/{siren}/extrait_rne",
        provider="INPI - RNE",
        scopes=("unites_legales_etablissements_insee",),
        render=extrait_rne_v3.extrait_rne,
        schema="v3/inpi_rne_extrait_rne.json",
        identifiers=(("siren", "siren"),),
        rate_group="inpi_rne_extrait_rne",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_successions",
        path="/v3/insee/sirene/etablissements/{siret}/successions",
        provider="INSEE",
        scopes=("etablissements", "open_data"),
        render=successions_v3.successions,
        schema="v3/insee_successions.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {KNOWN_BY_PROVIDER},
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    # Deprecated in the official file, still routed in production.
    Endpoint(
        name="api_entreprise_v3_mi_associations",
        path="/v3/ministere_interieur/rna/associations/{siret_or_rna}",
        provider="MI",
        scopes=("associations", "open_data"),
        render=mi_v3.association,
        schema="v3/mi_association.json",
        identifiers=(("siret_or_rna", "siret_or_rna"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {"dissolved_association"},
        version="v3",
        details=SIRET_OR_RNA_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_mi_documents_associations",
        path="/v3/ministere_interieur/rna/associations/{siret_or_rna}/documents",
        provider="MI",
        scopes=("associations", "open_data"),
        render=mi_v3.documents,
        schema="v3/mi_documents_association.json",
        identifiers=(("siret_or_rna", "siret_or_rna"),),
        rate_group="low_latency_documents",
        scenarios=CURRENT_SCENARIOS | {"association_without_documents"},
        version="v3",
        details=SIRET_OR_RNA_WORDS,
        # Production's ValidateResponse answers an association without a deposit with its 404.
        failures={"association_without_documents": "not_found"},
    ),
    Endpoint(
        name="api_entreprise_v3_qualifelec_certificats",
        path="/v3/qualifelec/etablissements/{siret}/certificats",
        provider="Qualifelec",
        scopes=("open_data",),
        render=qualifelec_v3.certificats,
        schema="v3/qualifelec_certificats.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {KNOWN_BY_PROVIDER},
        version="v3",
    ),
    Endpoint(
        name="api_entreprise_v3_rnm_entreprises_artisanales",
        path="/v3/cma_france/rnm/unites_legales/{siren}",
        provider="CMA France",
        scopes=("entreprises_artisanales", "open_data"),
        render=cma_france.rnm,
        schema="v3/cma_france_rnm.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=CURRENT_SCENARIOS | {KNOWN_BY_PROVIDER},
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
)
