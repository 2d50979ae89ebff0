"""The endpoint catalogue: one row per route, and the rate-limit groups they share.

A row says everything the pipeline needs: where the route is, which identifiers it takes
and of what kind, which scope grants it, which rate-limit group counts it, which provider
answers it (the prefix of its error codes), which scenarios it plays, which schema its
body follows and which renderer builds it. Adding an endpoint is adding a row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from mockserver.calls import Call, Reply
from mockserver.families import family_of
from mockserver.renderers import insee_v2, privileges
from mockserver.scenarios import PROVIDER_SCENARIOS

# Per-token rate limits, requests per minute (CONTRACT §1.6; reference throttle table).
RATE_LIMITS = {
    "json_resources": 250,
}
INSEE_SCENARIOS = PROVIDER_SCENARIOS | {"non_diffusible", "never_diffused", "redirected", "partial_content"}


@dataclass(frozen=True)
class QueryOption:
    """An optional query parameter of a route and the values it takes (none listed: free text)."""

    name: str
    values: tuple[str, ...] = ()


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
)
