"""What a catalogue row is: an ``Endpoint`` (one route of the API) and its optional query parameters.

A row says everything the pipeline needs: where the route is, which identifiers it takes
and of what kind, which scope grants it, which rate-limit group counts it, which provider
answers it (the prefix of its error codes), which scenarios it plays, which schema its
body follows and which renderer builds it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from mockserver.catalogue.families import family_of
from mockserver.renderers.call import Call, Reply
from mockserver.rules.errors import spec
from mockserver.rules.scenarios import PROVIDER_SCENARIOS, RATE_LIMITED, SCENARIOS


@dataclass(frozen=True)
class QueryOption:
    """An optional query parameter of a route.

    ``values`` lists what it takes (none: free text); ``kind`` names the rule of
    ``identifiers.KINDS`` it is checked against when given (None: unchecked).
    """

    name: str
    values: tuple[str, ...] = ()
    kind: str | None = None


# Options every v2 route reads (CONTRACT §1.5).
V2_QUERY_OPTIONS = (QueryOption("error_format", ("json_api",)),)


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
    # Scenario -> error key, where this route's provider words a scenario's error its own way.
    failures: Mapping[str, str] = field(default_factory=dict)
    # False for a version the real API routes but refuses with 00402: a link target, never data.
    supported: bool = True
    # Error key -> this route's provider's detail, and what it adds to ``meta`` (current routes).
    details: Mapping[str, str] = field(default_factory=dict)
    error_meta: Mapping[str, dict] = field(default_factory=dict)
    # True where production validates the parameters together (siade ValidateParamsOrganizer): every
    # malformed one answers in the same 422, in the order they are checked.
    checks_together: bool = False

    @property
    def rule(self) -> str:
        """Return the Flask URL rule of the path (``{siren}`` becomes ``<siren>``)."""
        return self.path.replace("{", "<").replace("}", ">")

    # Computed on first read, once per route: each request reads them.
    @cached_property
    def all_scenarios(self) -> frozenset[str]:
        """Return every scenario the route plays: its own, plus the rate limit on a throttled route."""
        return (self.scenarios | {RATE_LIMITED}) if self.rate_group else self.scenarios

    @cached_property
    def checked_params(self) -> tuple[tuple[str, str, bool], ...]:
        """Return the (parameter, kind, read from the query) the route checks: path identifiers, then options."""
        options = {option.name for option in self.query_options}
        checked = [*self.identifiers, *((option.name, option.kind) for option in self.query_options if option.kind)]
        return tuple((param, kind, param in options) for param, kind in checked)

    def scenario_status(self, name: str) -> int:
        """Return the status the route answers scenario ``name`` with: its own failure's, else its generation's."""
        if name in self.failures:
            return spec(self.failures[name], self.version).status
        return SCENARIOS[name].status_in(self.version)

    def scenario_error(self, name: str) -> str | None:
        """Return the error key the route answers scenario ``name`` with (None: its renderer plays it)."""
        return self.failures.get(name) or SCENARIOS[name].error(self.version)

    @property
    def family(self) -> str:
        """Return the route's family in the official catalogue (see ``families.ROUTE_FAMILIES``)."""
        return family_of(self.name)

    @property
    def options(self) -> tuple[QueryOption, ...]:
        """Return every optional query parameter the route reads: its version's, then its own."""
        return (V2_QUERY_OPTIONS if self.version == "v2" else ()) + self.query_options
