"""The endpoint catalogue: one row per route, and the rate-limit groups they share.

A row says everything the pipeline needs: where the route is, which identifiers it takes
and of what kind, which scope grants it, which rate-limit group counts it, which provider
answers it (the prefix of its error codes), which scenarios it plays, which schema its
body follows and which renderer builds it. Adding an endpoint is adding a row.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from mockserver.calls import Call, Reply
from mockserver.families import family_of
from mockserver.renderers import (
    bdf_v2,
    dgfip_v2,
    documents_v2,
    infogreffe_v2,
    inpi_v2,
    insee_v2,
    opqibi_v2,
    privileges,
    rna_v2,
    social_v2,
)
from mockserver.scenarios import PROVIDER_SCENARIOS

# Per-token rate limits, requests per minute (CONTRACT §1.6; reference throttle table).
RATE_LIMITS = {
    "json_resources": 250,
    # AGEFIPH's group: the real one also holds COVID headcount routes the sandbox does not serve.
    "very_low_latency_json_resources": 250,
    # Document routes: one counter shared by each group, as in the v2-era throttle table.
    "low_latency_documents": 50,
    "high_latency_documents": 5,
}
INSEE_SCENARIOS = PROVIDER_SCENARIOS | {"non_diffusible", "never_diffused", "redirected", "partial_content"}
DGFIP_SCENARIOS = PROVIDER_SCENARIOS | {"dgfip_not_subject_to_is"}
# Outcomes of the DGFIP and the ACOSS in their own words: an unknown SIREN is one they refuse.
DGFIP_FAILURES = {"not_found": "not_found_dgfip", "dgfip_not_in_order": "not_found_dgfip"}
ACOSS_FAILURES = {"not_found": "not_found_acoss", "acoss_refusal": "not_found_acoss"}


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

    @property
    def rule(self) -> str:
        """Return the Flask URL rule of the path (``{siren}`` becomes ``<siren>``)."""
        return self.path.replace("{", "<").replace("}", ">")

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
        scenarios=DGFIP_SCENARIOS,
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
        scenarios=PROVIDER_SCENARIOS | {"bdf_too_few_bilans", "bdf_maintenance"},
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
        scenarios=DGFIP_SCENARIOS,
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
        scenarios=DGFIP_SCENARIOS,
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
        scenarios=PROVIDER_SCENARIOS | {"msa_not_up_to_date", "msa_analysis_in_progress"},
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
)
