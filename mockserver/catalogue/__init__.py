"""The endpoint catalogue: one row per route, and the rate-limit groups they share.

A row says everything the pipeline needs: where the route is, which identifiers it takes
and of what kind, which scope grants it, which rate-limit group counts it, which provider
answers it (the prefix of its error codes), which scenarios it plays, which schema its
body follows and which renderer builds it. Adding an endpoint is adding a row.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from mockserver.catalogue.families import family_of
from mockserver.renderers import (
    attestations_v3,
    bdf_v2,
    certifications_v3,
    conventions_v3,
    dgfip_v2,
    djepva_v4,
    documents_v2,
    european_commission_v3,
    finances_v3,
    infogreffe_v2,
    infogreffe_v3,
    inpi_rne_v3,
    inpi_v2,
    insee_v2,
    insee_v3,
    opqibi_v2,
    privileges,
    rna_v2,
    social_v2,
)
from mockserver.renderers.call import Call, Reply
from mockserver.rules.errors import (
    CURRENT_ERRORS,
    INSEE_SIEGE_NOT_FOUND_DETAIL,
    NEVER_DIFFUSED_SIREN_DETAIL,
    NEVER_DIFFUSED_SIRET_DETAIL,
    not_found_detail,
)
from mockserver.rules.maintenance import SCENARIO as MAINTENANCE_SCENARIO
from mockserver.rules.scenarios import PROVIDER_SCENARIOS, RATE_LIMITED, SCENARIOS

# Per-token rate limits, requests per minute (CONTRACT §1.6; reference throttle table).
RATE_LIMITS = {
    "json_resources": 250,
    # AGEFIPH's group: the real one also holds COVID headcount routes the sandbox does not serve.
    "very_low_latency_json_resources": 250,
    # Document routes: one counter shared by each group, as in the v2-era throttle table.
    "low_latency_documents": 50,
    "high_latency_documents": 5,
    # The current throttle table's JSON group (config/throttle_2026-04.yml), shared by v3 and v4.
    "json_resources_entreprise": 250,
    # The current table's groups of one route each (throttle_2026-04.yml, by_single_endpoint); a v4 route
    # counts with its v3 twin. The current low_latency_documents group shares the v2-era one's counter.
    "dgfip_attestations_fiscales": 5,
    "urssaf_attestation_sociales": 100,
    "inpi_rne_actes_bilans": 15,
}
# The traceability parameters every data route requires (CONTRACT §1.3), with the error of each.
TRACEABILITY_PARAMS = (("context", "missing_context"), ("recipient", "missing_recipient"), ("object", "missing_object"))
INSEE_SCENARIOS = PROVIDER_SCENARIOS | {"non_diffusible", "never_diffused", "redirected", "partial_content"}
DGFIP_SCENARIOS = PROVIDER_SCENARIOS | {"dgfip_not_subject_to_is"}
# Outcomes of the DGFIP and the ACOSS in their own words: an unknown SIREN is one they refuse.
DGFIP_FAILURES = {"not_found": "not_found_dgfip", "dgfip_not_in_order": "not_found_dgfip"}
ACOSS_FAILURES = {"not_found": "not_found_acoss", "acoss_refusal": "not_found_acoss"}
# v3 and v4 routes: one provider each, so no partial answer; a duplicate answers 200 with meta.redirect_from_*.
CURRENT_SCENARIOS = PROVIDER_SCENARIOS | {"insufficient_privileges"}
# Scenarios v3 and v4 answer with data: a duplicate (meta.redirect_from_*), a unit shown partially.
CURRENT_SUCCESSES = frozenset({"redirected", "non_diffusible"})
INSEE_CURRENT_SCENARIOS = CURRENT_SCENARIOS | {"non_diffusible", "never_diffused", "redirected"}
# Scopes of the current routes (config/siade_authorizations_2026-03.yml): a v2-era scope or the current one.
UNITES_LEGALES_SCOPES = ("entreprises", "unites_legales_etablissements_insee")
ETABLISSEMENTS_SCOPES = ("etablissements", "unites_legales_etablissements_insee")
# The other current routes' own scenarios: v2's business outcomes where the current route can produce them.
DGFIP_CURRENT_SCENARIOS = CURRENT_SCENARIOS | {"dgfip_not_subject_to_is"}
CNETP_SCOPES = (
    "certificat_cnetp",
    "certification_cnetp",
    "attestation_cotisations_conges_payes_chomage_intemperies_cibtp_cnetp",
)
# The routes of a provider with a maintenance window play it on request (fixtures/maintenances.json).
MAINTENANCE = frozenset({MAINTENANCE_SCENARIO})
CURRENT_NOT_FOUND = {"dgfip_not_in_order": "not_found", "acoss_refusal": "not_found"}
# How each current route's provider words a 404 or a 451 (siade's ValidateResponse of the route's organizer):
# the identifier it names, or the INSEE's own sentences. A route without words answers the catalogue's.
IDENTIFIANT_WORDS = {"not_found": not_found_detail("L'identifiant")}
SIREN_WORDS = {"not_found": not_found_detail("Le siren")}
SIRET_WORDS = {"not_found": not_found_detail("Le siret")}
SIRET_OR_SIREN_WORDS = {"not_found": not_found_detail("Le siret ou le siren")}
INSEE_UNITE_LEGALE_WORDS = {**IDENTIFIANT_WORDS, "never_diffused": NEVER_DIFFUSED_SIREN_DETAIL}
INSEE_ETABLISSEMENT_WORDS = {**IDENTIFIANT_WORDS, "never_diffused": NEVER_DIFFUSED_SIRET_DETAIL}
INSEE_SIEGE_WORDS = {"not_found": INSEE_SIEGE_NOT_FOUND_DETAIL}
# The head-office search finds no head office for a unit no one may see: a 404 in its words, not a 451.
INSEE_SIEGE_FAILURES = {"never_diffused": "not_found"}
# What a provider adds to meta: the ACOSS's own error list, Infogreffe's return code and message.
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


@dataclass(frozen=True)
class QueryOption:
    """An optional query parameter of a route.

    ``values`` lists what it takes (none: free text); ``kind`` names the rule of
    ``identifiers.KINDS`` it is checked against when given (None: unchecked).
    """

    name: str
    values: tuple[str, ...] = ()
    kind: str | None = None


# Options every v2 route reads (CONTRACT §1.5), and the INSEE routes' own (§1.9).
V2_QUERY_OPTIONS = (QueryOption("error_format", ("json_api",)),)
NON_DIFFUSABLES = QueryOption("non_diffusables", ("true",))


@dataclass(frozen=True)
class Endpoint:
    """One route of the API."""

    name: str
    path: str
    provider: str
    scopes: tuple[str, ...]
    render: Callable[[Call], Reply]
    schema: str
    identifiers: tuple[tuple[str, str], ...] = ()
    rate_group: str | None = None
    scenarios: frozenset[str] = PROVIDER_SCENARIOS
    traceability: bool = True
    gateway_error: bool = False
    version: str = "v2"
    query_options: tuple[QueryOption, ...] = ()
    # Scenario -> error key, where this route's provider answers in its own words.
    failures: Mapping[str, str] = field(default_factory=dict)
    # False for a version the real API routes but refuses with 00402: a link target, never data.
    supported: bool = True
    # Error key -> this route's provider's detail, and what it adds to ``meta`` (current routes).
    details: Mapping[str, str] = field(default_factory=dict)
    error_meta: Mapping[str, dict] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        """Return the Flask URL rule of the path (``{siren}`` becomes ``<siren>``)."""
        return self.path.replace("{", "<").replace("}", ">")

    @property
    def all_scenarios(self) -> frozenset[str]:
        """Return every scenario the route plays: its own, plus the rate limit on a throttled route."""
        return (self.scenarios | {RATE_LIMITED}) if self.rate_group else self.scenarios

    def scenario_status(self, name: str) -> int:
        """Return the status the route answers scenario ``name`` with: v3 and v4 answer some anew (504, 200)."""
        key = self.failures.get(name, name)
        if self.version != "v2" and key in CURRENT_ERRORS:
            return CURRENT_ERRORS[key].status
        if self.version != "v2" and name in CURRENT_SUCCESSES:
            return 200
        return SCENARIOS[name].status

    @property
    def family(self) -> str:
        """Return the route's family in the official catalogue (see ``families.ROUTE_FAMILIES``)."""
        return family_of(self.name)

    @property
    def options(self) -> tuple[QueryOption, ...]:
        """Return every optional query parameter the route reads: its version's, then its own."""
        return (V2_QUERY_OPTIONS if self.version == "v2" else ()) + self.query_options


ENDPOINTS = (
    Endpoint(
        name="entreprises",
        path="/v2/entreprises/{siren}",
        provider="INSEE",
        scopes=("entreprises",),
        render=insee_v2.entreprise,
        schema="v2/entreprises.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources",
        scenarios=INSEE_SCENARIOS,
        gateway_error=True,
        query_options=(NON_DIFFUSABLES,),
    ),
    Endpoint(
        name="etablissements",
        path="/v2/etablissements/{siret}",
        provider="INSEE",
        scopes=("etablissements",),
        render=insee_v2.etablissement,
        schema="v2/etablissements.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources",
        scenarios=INSEE_SCENARIOS,
        gateway_error=True,
        query_options=(NON_DIFFUSABLES,),
    ),
    Endpoint(
        name="privileges",
        path="/v2/privileges",
        provider="API Entreprise",
        scopes=(),
        render=privileges.privileges,
        schema="v2/privileges.json",
        scenarios=frozenset(),
        traceability=False,
    ),
    # Document routes (CONTRACT §1.8, §2.5-2.20): JSON answers carrying storage URLs.
    Endpoint(
        name="documents_associations",
        path="/v2/documents_associations/{id}",
        provider="RNA",
        scopes=("documents_association",),
        render=documents_v2.documents_associations,
        schema="v2/documents_associations.json",
        identifiers=(("id", "siret_or_rna"),),
        rate_group="low_latency_documents",
        scenarios=PROVIDER_SCENARIOS | {"association_without_documents"},
    ),
    Endpoint(
        name="actes_inpi",
        path="/v2/actes_inpi/{siren}",
        provider="INPI",
        scopes=("actes_inpi",),
        render=documents_v2.actes_inpi,
        schema="v2/actes_inpi.json",
        identifiers=(("siren", "siren"),),
        rate_group="high_latency_documents",
    ),
    Endpoint(
        name="bilans_inpi",
        path="/v2/bilans_inpi/{siren}",
        provider="INPI",
        scopes=("bilans_inpi",),
        render=documents_v2.bilans_inpi,
        schema="v2/bilans_inpi.json",
        identifiers=(("siren", "siren"),),
        rate_group="high_latency_documents",
    ),
    Endpoint(
        name="attestations_fiscales_dgfip",
        path="/v2/attestations_fiscales_dgfip/{siren}",
        provider="DGFIP",
        scopes=("attestations_fiscales",),
        render=documents_v2.attestations_fiscales_dgfip,
        schema="v2/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="high_latency_documents",
        scenarios=PROVIDER_SCENARIOS | {"dgfip_not_in_order"},
        query_options=(
            QueryOption("siren_is", kind="siren_is"),
            QueryOption("siren_tva", kind="siren_tva"),
            QueryOption("user_id"),
            QueryOption("email"),
        ),
        failures=DGFIP_FAILURES,
    ),
    Endpoint(
        name="attestations_sociales_acoss",
        path="/v2/attestations_sociales_acoss/{siren}",
        provider="ACOSS",
        scopes=("attestations_sociales",),
        render=documents_v2.attestations_sociales_acoss,
        schema="v2/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="low_latency_documents",
        scenarios=PROVIDER_SCENARIOS | {"acoss_daily_cap", "acoss_refusal"},
        query_options=(QueryOption("type_attestation", ("AVG_UR",), kind="type_attestation"),),
        failures=ACOSS_FAILURES,
    ),
    Endpoint(
        name="attestations_cotisation_retraite_probtp",
        path="/v2/attestations_cotisation_retraite_probtp/{siret}",
        provider="ProBTP",
        scopes=("probtp",),
        render=documents_v2.attestations_cotisation_retraite_probtp,
        schema="v2/document_url.json",
        identifiers=(("siret", "siret"),),
        rate_group="low_latency_documents",
    ),
    Endpoint(
        name="cartes_professionnelles_fntp",
        path="/v2/cartes_professionnelles_fntp/{siren}",
        provider="FNTP",
        scopes=("fntp_carte_pro",),
        render=documents_v2.cartes_professionnelles_fntp,
        schema="v2/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="low_latency_documents",
    ),
    Endpoint(
        name="certificats_cnetp",
        path="/v2/certificats_cnetp/{siren}",
        provider="CNETP",
        scopes=("certificat_cnetp",),
        render=documents_v2.certificats_cnetp,
        schema="v2/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="low_latency_documents",
        scenarios=PROVIDER_SCENARIOS | MAINTENANCE,
    ),
    Endpoint(
        name="certificats_rge_ademe",
        path="/v2/certificats_rge_ademe/{siret}",
        provider="ADEME",
        scopes=("certificat_rge_ademe",),
        render=documents_v2.certificats_rge_ademe,
        schema="v2/certificats_rge_ademe.json",
        identifiers=(("siret", "siret"),),
        rate_group="low_latency_documents",
        scenarios=PROVIDER_SCENARIOS | {"rge_pdf_unavailable"},
        query_options=(QueryOption("skip_pdf", ("true",)),),
    ),
    Endpoint(
        name="certificats_qualibat",
        path="/v2/certificats_qualibat/{siret}",
        provider="Qualibat",
        scopes=("qualibat",),
        render=documents_v2.certificats_qualibat,
        schema="v2/document_url.json",
        identifiers=(("siret", "siret"),),
        rate_group="low_latency_documents",
    ),
    # The other v2 JSON data sets, each rendered from the same fictional entity.
    Endpoint(
        name="extraits_rcs_infogreffe",
        path="/v2/extraits_rcs_infogreffe/{siren}",
        provider="Infogreffe",
        scopes=("extraits_rcs",),
        render=infogreffe_v2.extrait_rcs,
        schema="v2/extraits_rcs_infogreffe.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources",
    ),
    Endpoint(
        name="associations",
        path="/v2/associations/{id}",
        provider="RNA",
        scopes=("associations",),
        render=rna_v2.association,
        schema="v2/associations.json",
        identifiers=(("id", "siret_or_rna"),),
        rate_group="json_resources",
        scenarios=PROVIDER_SCENARIOS | {"dissolved_association"},
    ),
    Endpoint(
        name="conventions_collectives",
        path="/v2/conventions_collectives/{siret}",
        provider="Fabrique numérique des Ministères Sociaux",
        scopes=("conventions_collectives",),
        render=social_v2.conventions_collectives,
        schema="v2/conventions_collectives.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources",
    ),
    Endpoint(
        name="exercices",
        path="/v2/exercices/{siret}",
        provider="DGFIP - Adélie",
        scopes=("exercices",),
        render=dgfip_v2.exercices,
        schema="v2/exercices.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources",
        scenarios=DGFIP_SCENARIOS | MAINTENANCE,
    ),
    Endpoint(
        name="bilans_entreprises_bdf",
        path="/v2/bilans_entreprises_bdf/{siren}",
        provider="Banque de France",
        scopes=("bilans_entreprise_bdf",),
        render=bdf_v2.bilans,
        schema="v2/bilans_entreprises_bdf.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources",
        scenarios=PROVIDER_SCENARIOS | {"bdf_too_few_bilans"} | MAINTENANCE,
    ),
    Endpoint(
        name="liasses_fiscales_dgfip_declarations",
        path="/v2/liasses_fiscales_dgfip/{annee}/declarations/{siren}",
        provider="DGFIP - Adélie",
        scopes=("liasse_fiscale",),
        render=dgfip_v2.liasses_declarations,
        schema="v2/liasses_fiscales_dgfip_declarations.json",
        # The real server checks the SIREN before the year.
        identifiers=(("siren", "siren"), ("annee", "annee")),
        rate_group="json_resources",
        scenarios=DGFIP_SCENARIOS | MAINTENANCE,
    ),
    Endpoint(
        name="liasses_fiscales_dgfip_dictionnaire",
        path="/v2/liasses_fiscales_dgfip/{annee}/dictionnaire",
        provider="DGFIP - Adélie",
        scopes=("liasse_fiscale",),
        render=dgfip_v2.liasses_dictionnaire,
        schema="v2/liasses_fiscales_dgfip_dictionnaire.json",
        identifiers=(("annee", "annee"),),
        rate_group="json_resources",
        scenarios=PROVIDER_SCENARIOS | MAINTENANCE,
    ),
    Endpoint(
        name="liasses_fiscales_dgfip_complete",
        path="/v2/liasses_fiscales_dgfip/{annee}/complete/{siren}",
        provider="DGFIP - Adélie",
        scopes=("liasse_fiscale",),
        render=dgfip_v2.liasses_complete,
        schema="v2/liasses_fiscales_dgfip_complete.json",
        identifiers=(("siren", "siren"), ("annee", "annee")),
        rate_group="json_resources",
        scenarios=DGFIP_SCENARIOS | MAINTENANCE,
    ),
    Endpoint(
        name="attestations_agefiph",
        path="/v2/attestations_agefiph/{siret}",
        provider="Agefiph",
        scopes=("attestations_agefiph",),
        render=social_v2.agefiph,
        schema="v2/attestations_agefiph.json",
        identifiers=(("siret", "siret"),),
        rate_group="very_low_latency_json_resources",
        scenarios=PROVIDER_SCENARIOS | {"agefiph_never_compliant"},
    ),
    Endpoint(
        name="cotisations_msa",
        path="/v2/cotisations_msa/{siret}",
        provider="MSA",
        scopes=("msa_cotisations",),
        render=social_v2.cotisations_msa,
        schema="v2/cotisations_msa.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources",
        scenarios=PROVIDER_SCENARIOS
        | {"msa_not_up_to_date", "msa_analysis_in_progress", "msa_up_to_date"}
        | MAINTENANCE,
    ),
    Endpoint(
        name="eligibilites_cotisation_retraite_probtp",
        path="/v2/eligibilites_cotisation_retraite_probtp/{siret}",
        provider="ProBTP",
        scopes=("probtp",),
        render=social_v2.eligibilite_probtp,
        schema="v2/eligibilites_cotisation_retraite_probtp.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources",
        scenarios=PROVIDER_SCENARIOS | {"probtp_not_eligible"},
    ),
    Endpoint(
        name="certificats_opqibi",
        path="/v2/certificats_opqibi/{siren}",
        provider="OPQIBI",
        scopes=("certificat_opqibi",),
        render=opqibi_v2.certificat,
        schema="v2/certificats_opqibi.json",
        identifiers=(("siren", "siren"),),
        # In the documents group in the real throttle table, although it answers JSON.
        rate_group="low_latency_documents",
    ),
    Endpoint(
        name="extraits_courts_inpi",
        path="/v2/extraits_courts_inpi/{siren}",
        provider="INPI",
        scopes=("extrait_court_inpi",),
        render=inpi_v2.extrait_court,
        schema="v2/extraits_courts_inpi.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources",
        scenarios=PROVIDER_SCENARIOS | {"inpi_no_rights"},
    ),
    # --- Current API: v3 and v4 routes (CONTRACT §3, §4), named by their official operation ids. ---
    Endpoint(
        name="api_entreprise_v3_insee_unites_legales",
        path="/v3/insee/sirene/unites_legales/{siren}",
        provider="INSEE",
        scopes=UNITES_LEGALES_SCOPES,
        render=partial(insee_v3.unite_legale, version="v3", open_data=False),
        schema="v3/insee_unite_legale.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_UNITE_LEGALE_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_sieges_unites_legales",
        path="/v3/insee/sirene/unites_legales/{siren}/siege_social",
        provider="INSEE",
        scopes=ETABLISSEMENTS_SCOPES,
        render=partial(insee_v3.siege_social, version="v3", open_data=False),
        schema="v3/insee_etablissement.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_SIEGE_WORDS,
        failures=INSEE_SIEGE_FAILURES,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_etablissements",
        path="/v3/insee/sirene/etablissements/{siret}",
        provider="INSEE",
        scopes=ETABLISSEMENTS_SCOPES,
        render=partial(insee_v3.etablissement, version="v3", open_data=False),
        schema="v3/insee_etablissement.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_ETABLISSEMENT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_adresses_etablissements",
        path="/v3/insee/sirene/etablissements/{siret}/adresse",
        provider="INSEE",
        scopes=ETABLISSEMENTS_SCOPES,
        render=partial(insee_v3.adresse, open_data=False),
        schema="v3/insee_adresse.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_ETABLISSEMENT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_unites_legales_diffusables",
        path="/v3/insee/sirene/unites_legales/diffusibles/{siren}",
        provider="INSEE",
        scopes=("entreprises", "open_data"),
        render=partial(insee_v3.unite_legale, version="v3", open_data=True),
        schema="v3/insee_unite_legale.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_UNITE_LEGALE_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_sieges_diffusables_unites_legales",
        path="/v3/insee/sirene/unites_legales/diffusibles/{siren}/siege_social",
        provider="INSEE",
        scopes=("etablissements", "open_data"),
        render=partial(insee_v3.siege_social, version="v3", open_data=True),
        schema="v3/insee_etablissement.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_SIEGE_WORDS,
        failures=INSEE_SIEGE_FAILURES,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_etablissements_diffusables",
        path="/v3/insee/sirene/etablissements/diffusibles/{siret}",
        provider="INSEE",
        scopes=("etablissements", "open_data"),
        render=partial(insee_v3.etablissement, version="v3", open_data=True),
        schema="v3/insee_etablissement.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_ETABLISSEMENT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_insee_adresses_etablissements_diffusables",
        path="/v3/insee/sirene/etablissements/diffusibles/{siret}/adresse",
        provider="INSEE",
        scopes=("etablissements", "open_data"),
        render=partial(insee_v3.adresse, open_data=True),
        schema="v3/insee_adresse.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v3",
        details=INSEE_ETABLISSEMENT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v4_insee_unites_legales",
        path="/v4/insee/sirene/unites_legales/{siren}",
        provider="INSEE",
        scopes=UNITES_LEGALES_SCOPES,
        render=partial(insee_v3.unite_legale, version="v4", open_data=False),
        schema="v4/insee_unite_legale.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        details=INSEE_UNITE_LEGALE_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v4_insee_sieges_unites_legales",
        path="/v4/insee/sirene/unites_legales/{siren}/siege_social",
        provider="INSEE",
        scopes=ETABLISSEMENTS_SCOPES,
        render=partial(insee_v3.siege_social, version="v4", open_data=False),
        schema="v4/insee_etablissement.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        details=INSEE_SIEGE_WORDS,
        failures=INSEE_SIEGE_FAILURES,
    ),
    Endpoint(
        name="api_entreprise_v4_insee_etablissements",
        path="/v4/insee/sirene/etablissements/{siret}",
        provider="INSEE",
        scopes=ETABLISSEMENTS_SCOPES,
        render=partial(insee_v3.etablissement, version="v4", open_data=False),
        schema="v4/insee_etablissement.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        details=INSEE_ETABLISSEMENT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v4_insee_unites_legales_diffusables",
        path="/v4/insee/sirene/unites_legales/diffusibles/{siren}",
        provider="INSEE",
        scopes=("entreprises", "open_data"),
        render=partial(insee_v3.unite_legale, version="v4", open_data=True),
        schema="v4/insee_unite_legale.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        details=INSEE_UNITE_LEGALE_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v4_insee_sieges_diffusables_unites_legales",
        path="/v4/insee/sirene/unites_legales/diffusibles/{siren}/siege_social",
        provider="INSEE",
        scopes=("etablissements", "open_data"),
        render=partial(insee_v3.siege_social, version="v4", open_data=True),
        schema="v4/insee_etablissement.json",
        identifiers=(("siren", "siren"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        details=INSEE_SIEGE_WORDS,
        failures=INSEE_SIEGE_FAILURES,
    ),
    Endpoint(
        name="api_entreprise_v4_insee_etablissements_diffusables",
        path="/v4/insee/sirene/etablissements/diffusibles/{siret}",
        provider="INSEE",
        scopes=("etablissements", "open_data"),
        render=partial(insee_v3.etablissement, version="v4", open_data=True),
        schema="v4/insee_etablissement.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        details=INSEE_ETABLISSEMENT_WORDS,
    ),
    # v4 payloads link to the address in v4, which the real API refuses (00402): served by the v3 route's
    # renderer, never reached.
    Endpoint(
        name="api_entreprise_v4_insee_adresses_etablissements",
        path="/v4/insee/sirene/etablissements/{siret}/adresse",
        provider="INSEE",
        scopes=ETABLISSEMENTS_SCOPES,
        render=partial(insee_v3.adresse, open_data=False),
        schema="v3/insee_adresse.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        supported=False,
    ),
    Endpoint(
        name="api_entreprise_v4_insee_adresses_etablissements_diffusables",
        path="/v4/insee/sirene/etablissements/diffusibles/{siret}/adresse",
        provider="INSEE",
        scopes=("etablissements", "open_data"),
        render=partial(insee_v3.adresse, open_data=True),
        schema="v3/insee_adresse.json",
        identifiers=(("siret", "siret"),),
        rate_group="json_resources_entreprise",
        scenarios=INSEE_CURRENT_SCENARIOS,
        version="v4",
        supported=False,
    ),
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
        details={"not_found": not_found_detail("Le siren ou l'identifiant RNA")},
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
        details={"not_found": not_found_detail("Le siren ou l'identifiant RNA")},
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
        scenarios=DGFIP_CURRENT_SCENARIOS | MAINTENANCE,
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
        scenarios=DGFIP_CURRENT_SCENARIOS | MAINTENANCE,
        version="v3",
        details=SIREN_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_dgfip_attestations_fiscales",
        path="/v3/dgfip/unites_legales/{siren}/attestation_fiscale",
        provider="DGFIP - Adélie",
        scopes=("attestations_fiscales", "attestation_fiscale_dgfip"),
        render=partial(attestations_v3.attestation_fiscale, version="v3"),
        schema="v3/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="dgfip_attestations_fiscales",
        scenarios=CURRENT_SCENARIOS | {"dgfip_not_in_order"} | MAINTENANCE,
        version="v3",
        failures=CURRENT_NOT_FOUND,
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v4_dgfip_attestations_fiscales",
        path="/v4/dgfip/unites_legales/{siren}/attestation_fiscale",
        provider="DGFIP - Adélie",
        scopes=("attestations_fiscales", "attestation_fiscale_dgfip"),
        render=partial(attestations_v3.attestation_fiscale, version="v4"),
        schema="v4/dgfip_attestation_fiscale.json",
        identifiers=(("siren", "siren"),),
        rate_group="dgfip_attestations_fiscales",
        scenarios=CURRENT_SCENARIOS | {"dgfip_not_in_order"} | MAINTENANCE,
        version="v4",
        failures=CURRENT_NOT_FOUND,
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v3_acoss_attestations_sociales",
        path="/v3/urssaf/unites_legales/{siren}/attestation_vigilance",
        provider="ACOSS",
        scopes=("attestations_sociales", "attestation_sociale_urssaf"),
        render=partial(attestations_v3.attestation_vigilance, version="v3"),
        schema="v3/document_url.json",
        identifiers=(("siren", "siren"),),
        rate_group="urssaf_attestation_sociales",
        scenarios=CURRENT_SCENARIOS | {"acoss_refusal"},
        version="v3",
        failures=CURRENT_NOT_FOUND,
        error_meta=ACOSS_NOT_FOUND_META,
    ),
    Endpoint(
        name="api_entreprise_v4_acoss_attestations_sociales",
        path="/v4/urssaf/unites_legales/{siren}/attestation_vigilance",
        provider="ACOSS",
        scopes=("attestations_sociales", "attestation_sociale_urssaf"),
        render=partial(attestations_v3.attestation_vigilance, version="v4"),
        schema="v4/urssaf_attestation_vigilance.json",
        identifiers=(("siren", "siren"),),
        rate_group="urssaf_attestation_sociales",
        scenarios=CURRENT_SCENARIOS | {"acoss_refusal", "urssaf_refusal"},
        version="v4",
        failures=CURRENT_NOT_FOUND,
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
        | {"msa_not_up_to_date", "msa_analysis_in_progress"}
        | MAINTENANCE
        | {"msa_up_to_date"},
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
    Endpoint(
        name="api_entreprise_v3_qualibat_certifications_batiment",
        path="/v3/qualibat/etablissements/{siret}/certification_batiment",
        provider="Qualibat",
        scopes=("qualibat", "open_data"),
        render=partial(certifications_v3.certification_qualibat, version="v3"),
        schema="v3/document_url.json",
        identifiers=(("siret", "siret"),),
        rate_group="low_latency_documents",
        scenarios=CURRENT_SCENARIOS,
        version="v3",
        details=IDENTIFIANT_WORDS,
    ),
    Endpoint(
        name="api_entreprise_v4_qualibat_certifications_batiment",
        path="/v4/qualibat/etablissements/{siret}/certification_batiment",
        provider="Qualibat",
        scopes=("qualibat", "open_data"),
        render=partial(certifications_v3.certification_qualibat, version="v4"),
        schema="v4/qualibat_certification_batiment.json",
        identifiers=(("siret", "siret"),),
        rate_group="low_latency_documents",
        scenarios=CURRENT_SCENARIOS,
        version="v4",
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
)
