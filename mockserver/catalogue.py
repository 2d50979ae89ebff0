"""The endpoint catalogue: one row per route, and the rate-limit groups they share.

A row says everything the pipeline needs: where the route is, which identifiers it takes
and of what kind, which scope grants it, which rate-limit group counts it, which provider
answers it (the prefix of its error codes), which scenarios it plays, which schema its
body follows and which renderer builds it. Adding an endpoint is adding a row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from mockserver.calls import Call, Reply
from mockserver.renderers import insee_v2, privileges
from mockserver.scenarios import PROVIDER_SCENARIOS, RATE_LIMITED

# Per-token rate limits, requests per minute (CONTRACT §1.6; reference throttle table).
RATE_LIMITS = {
    "json_resources": 250,
}
# The traceability parameters every data route requires (CONTRACT §1.3), with the error of each.
TRACEABILITY_PARAMS = (("context", "missing_context"), ("recipient", "missing_recipient"), ("object", "missing_object"))
INSEE_SCENARIOS = PROVIDER_SCENARIOS | {"non_diffusible", "never_diffused", "redirected", "partial_content"}


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
    # Query parameters the route reads besides the traceability ones (CONTRACT §1.3).
    optional_params: tuple[str, ...] = ()

    @property
    def rule(self) -> str:
        """Return the Flask URL rule of the path (``{siren}`` becomes ``<siren>``)."""
        return self.path.replace("{", "<").replace("}", ">")

    @property
    def all_scenarios(self) -> frozenset[str]:
        """Return every scenario the route plays: its own, plus the rate limit on a throttled route."""
        return (self.scenarios | {RATE_LIMITED}) if self.rate_group else self.scenarios


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
        optional_params=("non_diffusables",),
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
        optional_params=("non_diffusables",),
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
)
