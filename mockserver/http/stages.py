"""The pipeline's stages, in each generation's order (CONTRACT §1.14 for v2, §3.3 for v3 and v4).

rate limit -> token -> the version's checks -> identifiers -> scenario -> provider.
v2 checks context/recipient/object, then the scope; v3 and v4 check the scope first, then
context/recipient/object, then that recipient is a SIRET and not the requested identifier.
Each stage either passes the request on or raises an ``ApiError`` by key, and names the
errors it can raise on a route: the OpenAPI documents list them from here. A stage that
checks the client's request finds every fault of its rule (the pipeline raises the first);
the journal's violation detector quotes those faults, so an answer and its violation never
disagree. Because the order is the real one, a request with two faults gets the error
production would give.
"""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mockserver.catalogue import TRACEABILITY_PARAMS, Endpoint
from mockserver.renderers.call import Call, Reply
from mockserver.rules import auth, identifiers, recipients, scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.ratelimit import Budget


@dataclass
class Exchange:
    """One request going through the stages: its route, the call its renderer gets, what was settled before."""

    endpoint: Endpoint
    call: Call
    raw_token: str | None
    secret: str
    budget: Budget | None
    # The scenario the request plays, settled once before the stages; an ApiError for one it may not name.
    scenario: str | ApiError
    slow_seconds: float
    reply: Reply | None = None


@dataclass(frozen=True)
class Fault:
    """A rule of the real API the request breaks: the error it is answered with, and what was wrong."""

    keys: tuple[str, ...]
    detail: str


# One error a stage may answer on a route: its name, a summary, its error keys.
RouteError = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Stage:
    """One stage: what it does to an exchange, the errors it may raise on a route.

    A checking stage has ``faults`` instead of ``run``: it raises the first fault it finds.
    ``rule`` names the journal's violation for its faults (None: not the client's fault to
    report, as a token lacking a scope). ``provider`` stages answer errors as the provider does
    (v2 ``gateway_error``, the v3 JSON:API type).
    """

    name: str
    errors: Callable[[Endpoint], list[RouteError]]
    run: Callable[[Exchange], None] | None = None
    faults: Callable[[Endpoint, Call], Iterator[Fault]] | None = None
    rule: str | None = None
    provider: bool = False

    def play(self, exchange: Exchange) -> None:
        """Run the stage on ``exchange``: raise its first fault, or do its work."""
        if self.faults is None:
            self.run(exchange)
            return
        fault = next(self.faults(exchange.endpoint, exchange.call), None)
        if fault is not None:
            raise ApiError(*fault.keys)


def limit_rate(exchange: Exchange) -> None:
    """Raise 429 once the token's budget in the group is spent (at once for the rate_limited scenario)."""
    budget = exchange.budget
    if budget is None:
        return
    if budget.forced:
        exchange.call.scenario = exchange.scenario
    if budget.exceeded:
        raise ApiError("too_many_requests")


def authenticate(exchange: Exchange) -> None:
    """Verify the token: 401 when missing, malformed, badly signed or expired."""
    exchange.call.token = auth.verify(exchange.raw_token, exchange.secret, exchange.call.received_at)


def scope_faults(endpoint: Endpoint, call: Call) -> Iterator[Fault]:
    """Find a token carrying none of the route's scopes (403)."""
    if not call.token.allows(endpoint.scopes):
        yield Fault(("insufficient_privileges",), "the token carries none of the route's scopes")


def traceability_faults(endpoint: Endpoint, call: Call) -> Iterator[Fault]:
    """Find every missing or blank traceability parameter, answered together (422)."""
    missing = [(param, key) for param, key in TRACEABILITY_PARAMS if not call.args.get(param, "").strip()]
    if endpoint.traceability and missing:
        names = ", ".join(param for param, _ in missing)
        yield Fault(tuple(key for _, key in missing), f"missing or blank: {names}")


def version_faults(endpoint: Endpoint, call: Call) -> Iterator[Fault]:
    """Find a version of the route the real API refuses (404, 00402)."""
    if not endpoint.supported:
        yield Fault(("unsupported_version",), f"{endpoint.version} does not serve this route")


def _recipient(endpoint: Endpoint, call: Call) -> str:
    """Return the recipient a v3 rule checks: "" on a route without traceability or when blank."""
    recipient = call.args.get("recipient", "")
    return recipient if endpoint.traceability and recipient.strip() else ""


def recipient_siret_faults(endpoint: Endpoint, call: Call) -> Iterator[Fault]:
    """Find a recipient that is not a well-formed SIRET (422, 00210)."""
    recipient = _recipient(endpoint, call)
    if recipient and not identifiers.is_siret(recipient):
        yield Fault(("invalid_recipient",), f"recipient={recipient!r}")


def recipient_resource_faults(endpoint: Endpoint, call: Call) -> Iterator[Fault]:
    """Find a recipient SIRET that is the requested SIREN or SIRET, unless a whitelisted body (422, 00211)."""
    recipient = _recipient(endpoint, call)
    if recipient and identifiers.is_siret(recipient) and recipients.is_the_resource(recipient, call.path_params):
        yield Fault(("recipient_is_the_resource",), f"recipient={recipient!r}")


def _checked(endpoint: Endpoint) -> list[tuple[str, str]]:
    """Return the (parameter, kind) the route checks: path identifiers, then checked options, in order."""
    return [*endpoint.identifiers, *((option.name, option.kind) for option in endpoint.query_options if option.kind)]


def identifier_faults(endpoint: Endpoint, call: Call) -> Iterator[Fault]:
    """Find every identifier of the path, then checked option given, that breaks its rule (422)."""
    options = {option.name for option in endpoint.query_options}
    failed = set()
    for param, kind in _checked(endpoint):
        value = call.args.get(param, "") if param in options else call.path_params[param]
        rule, key = identifiers.KINDS[kind]
        # A parameter checked by two rules in turn (a year, then a DGFIP year) breaks the first only;
        # an empty option is as if absent.
        if value and param not in failed and not rule(value):
            failed.add(param)
            yield Fault((key,), f"{param} {value[:40]!r} is not a valid {kind}")


def play_scenario(exchange: Exchange) -> None:
    """Give the call its scenario, or refuse one the route cannot play (400)."""
    if isinstance(exchange.scenario, ApiError):
        raise exchange.scenario
    exchange.call.scenario = exchange.scenario


def render(endpoint: Endpoint, call: Call, slow_seconds: float) -> Reply:
    """Play the call's scenario: an error, a late answer, or the route's renderer."""
    error = endpoint.scenario_error(call.scenario) if call.scenario != scenarios.NOMINAL else None
    if error:
        raise ApiError(error)
    if call.scenario == scenarios.SLOW_PROVIDER:
        time.sleep(slow_seconds)
    return endpoint.render(call)


def ask_provider(exchange: Exchange) -> None:
    """Draw the answer of the route's provider for the call's scenario."""
    exchange.reply = render(exchange.endpoint, exchange.call, exchange.slow_seconds)


def _errors_when(condition: Callable[[Endpoint], bool], *errors: RouteError) -> Callable[[Endpoint], list[RouteError]]:
    """Return the ``errors`` of a stage that may raise ``errors`` on the routes meeting ``condition``."""
    return lambda endpoint: list(errors) if condition(endpoint) else []


def _identifier_errors(endpoint: Endpoint) -> list[RouteError]:
    """Return the 422 of each parameter the route checks."""
    return [
        (identifiers.KINDS[kind][1], f"A malformed {param} ({kind}).", (identifiers.KINDS[kind][1],))
        for param, kind in _checked(endpoint)
    ]


RATE_LIMIT = Stage(
    "rate_limit",
    _errors_when(
        lambda e: bool(e.rate_group), ("too_many_requests", "The token's budget is spent.", ("too_many_requests",))
    ),
    run=limit_rate,
)
AUTHENTICATE = Stage(
    "authenticate",
    _errors_when(
        lambda e: True,
        ("invalid_token", "Missing or invalid token.", ("invalid_token",)),
        ("expired_token", "Expired token.", ("expired_token",)),
    ),
    run=authenticate,
)
SCOPE = Stage(
    "scope",
    _errors_when(
        lambda e: bool(e.scopes),
        ("insufficient_privileges", "The token lacks the route's scope.", ("insufficient_privileges",)),
    ),
    faults=scope_faults,
)
TRACEABILITY = Stage(
    "traceability",
    _errors_when(
        lambda e: e.traceability,
        ("missing_traceability", "context, recipient and object missing.", tuple(k for _, k in TRACEABILITY_PARAMS)),
    ),
    faults=traceability_faults,
    rule="missing_traceability",
)
SUPPORTED_VERSION = Stage(
    "supported_version",
    _errors_when(
        lambda e: not e.supported,
        ("unsupported_version", "The route refuses this version.", ("unsupported_version",)),
    ),
    faults=version_faults,
)
RECIPIENT_SIRET = Stage(
    "recipient_siret",
    _errors_when(lambda e: e.traceability, ("invalid_recipient", "recipient is not a SIRET.", ("invalid_recipient",))),
    faults=recipient_siret_faults,
    rule="invalid_recipient",
)
RECIPIENT_NOT_RESOURCE = Stage(
    "recipient_not_resource",
    _errors_when(
        lambda e: e.traceability,
        ("recipient_is_the_resource", "recipient is the identifier asked.", ("recipient_is_the_resource",)),
    ),
    faults=recipient_resource_faults,
    rule="recipient_is_the_resource",
)
IDENTIFIERS = Stage(
    "identifiers", _identifier_errors, faults=identifier_faults, rule="invalid_identifier", provider=True
)
SCENARIO = Stage(
    "scenario",
    _errors_when(
        lambda e: True, ("unknown_scenario", "Sandbox only: an unknown X-Mock-Scenario.", ("unknown_scenario",))
    ),
    run=play_scenario,
    provider=True,
)
# The provider's own errors are the scenarios': the OpenAPI documents render them by playing each.
PROVIDER = Stage("provider", lambda endpoint: [], run=ask_provider, provider=True)

# Each generation's stages, in the real server's order.
V2_STAGES = (RATE_LIMIT, AUTHENTICATE, TRACEABILITY, SCOPE, IDENTIFIERS, SCENARIO, PROVIDER)
CURRENT_STAGES = (
    RATE_LIMIT,
    AUTHENTICATE,
    SCOPE,
    TRACEABILITY,
    SUPPORTED_VERSION,
    RECIPIENT_SIRET,
    RECIPIENT_NOT_RESOURCE,
    IDENTIFIERS,
    SCENARIO,
    PROVIDER,
)


def stages_of(endpoint: Endpoint) -> tuple[Stage, ...]:
    """Return the stages a request to ``endpoint`` goes through."""
    return V2_STAGES if endpoint.version == "v2" else CURRENT_STAGES


def route_errors(endpoint: Endpoint) -> list[tuple[Stage, RouteError]]:
    """Return the errors the API itself may answer on the route, with their stage, in the stages' order.

    A version the route refuses stops every request at its stage: no later error is reachable.
    """
    found = []
    for stage in stages_of(endpoint):
        found += [(stage, error) for error in stage.errors(endpoint)]
        if stage is SUPPORTED_VERSION and not endpoint.supported:
            break
    return found
