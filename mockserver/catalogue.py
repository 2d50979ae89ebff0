"""The endpoint catalogue: one row per route, and the rate-limit groups they share.

A row says everything the pipeline needs: where the route is, which identifiers it takes
and of what kind, which scope grants it, which rate-limit group counts it, which provider
answers it (the prefix of its error codes), which scenarios it plays, which schema its
body follows and which renderer builds it. Adding an endpoint is adding a row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from mockserver.calls import Call, Reply
from mockserver.renderers import european_commission_v3, infogreffe_v3, insee_v2, insee_v3, privileges
from mockserver.scenarios import PROVIDER_SCENARIOS

# Per-token rate limits, requests per minute (CONTRACT §1.6; reference throttle table).
RATE_LIMITS = {
    "json_resources": 250,
    # The current throttle table's JSON group (config/throttle_2026-04.yml), shared by v3 and v4.
    "json_resources_entreprise": 250,
}
INSEE_SCENARIOS = PROVIDER_SCENARIOS | {"non_diffusible", "never_diffused", "redirected", "partial_content"}
# v3 and v4 routes: one provider each, so no partial answer; a duplicate answers 200 with meta.redirect_from_*.
CURRENT_SCENARIOS = PROVIDER_SCENARIOS | {"insufficient_privileges"}
INSEE_CURRENT_SCENARIOS = CURRENT_SCENARIOS | {"non_diffusible", "never_diffused", "redirected"}
# Scopes of the current routes (config/siade_authorizations_2026-03.yml): a v2-era scope or the current one.
UNITES_LEGALES_SCOPES = ("entreprises", "unites_legales_etablissements_insee")
ETABLISSEMENTS_SCOPES = ("etablissements", "unites_legales_etablissements_insee")


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
    # False for a version the real API routes but refuses with 00402: a link target, never data.
    supported: bool = True

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
)
