"""The endpoint catalogue: one row per route, and the rate-limit groups they share.

A row says everything the pipeline needs: where the route is, which identifiers it takes
and of what kind, which scope grants it, which rate-limit group counts it, which provider
answers it (the prefix of its error codes), which scenarios it plays, which schema its
body follows and which renderer builds it. Adding an endpoint is adding a row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from mockserver.calls import Call, Reply
from mockserver.renderers import (
    bdf_v2,
    dgfip_v2,
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
    "low_latency_documents": 50,
}
INSEE_SCENARIOS = PROVIDER_SCENARIOS | {"non_diffusible", "never_diffused", "redirected", "partial_content"}
DGFIP_SCENARIOS = PROVIDER_SCENARIOS | {"dgfip_not_subject_to_is"}


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

    @property
    def rule(self) -> str:
        """Return the Flask URL rule of the path (``{siren}`` becomes ``<siren>``)."""
        return self.path.replace("{", "<").replace("}", ">")


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
