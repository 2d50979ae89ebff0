"""The pipeline's stages, in each generation's order (CONTRACT §1.14 for v2, §3.3 for v3 and v4).

blocklists -> rate limit -> token -> the version's checks -> maintenance -> identifiers -> scenario
-> provider. The blocklists and the rate limit sit in front of the application (siade rack_attack.rb).
v2 checks context/recipient/object, then the scope; v3 and v4 check the scope first, then hold the
request's in-flight key, then check context/recipient/object, the version, and that recipient is a
SIRET. A provider in its maintenance window answers before its identifier is checked.
Each stage either passes the request on or raises an ``ApiError`` by key, and names the
errors it can raise on a route: the OpenAPI documents list them from here. A stage that
checks the client's request finds every fault of its rule (the pipeline raises the first);
the journal's violation detector quotes those faults, so an answer and its violation never
disagree. Because the order is the real one, a request with two faults gets the error
production would give.
"""

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mockserver import world
from mockserver.catalogue import TRACEABILITY_PARAMS, Endpoint
from mockserver.renderers.call import Call, Reply
from mockserver.rules import accept, auth, identifiers, maintenance, scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.ratelimit import Budget, RateLimiter

# How long production keeps a request's in-flight key; a request halted by a check after it (a missing
# parameter, a refused version, a recipient that is no SIRET) never clears it (siade APIController).
IN_FLIGHT_SECONDS = 60


@dataclass
class Exchange:
    """One request going through the stages: its route, the call its renderer gets, what was settled before."""

    endpoint: Endpoint
    call: Call
    raw_token: str | None
    secret: str
    # The scenario the request plays, settled once before the stages; an ApiError for one it may not name.
    scenario: str | ApiError
    slow_seconds: float
    # The sandbox's counters: the token's budget and the in-flight keys (not the call's, which marks it stateful).
    limiter: RateLimiter | None = None
    # The client's address (the first of X-Forwarded-For) and the world's clock it sets (X-Mock-Clock).
    client_ip: str = ""
    clock: str | None = None
    # The Accept header Rails negotiates (None when the path's .json suffix names the format).
    accept: str | None = None
    # The token's budget in the route's group, once counted.
    budget: Budget | None = None
    reply: Reply | None = None
    # The faults found by each checking stage the request reached, by stage name: the journal quotes them as found.
    faults: dict[str, list["Fault"]] = field(default_factory=dict)


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

    A checking stage has ``faults`` instead of ``run``: it raises the first fault it finds, or all
    of them on a route that ``checks_together``.
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
        faults = exchange.faults[self.name] = list(self.faults(exchange.endpoint, exchange.call))
        if exchange.endpoint.checks_together:
            keys = [key for fault in faults for key in fault.keys]
            if keys:
                raise ApiError(*keys)
            return
        if faults:
            raise ApiError(*faults[0].keys)


def screen(exchange: Exchange) -> None:
    """Refuse a revoked token (401) or an address the token does not allow (403), before anything is counted."""
    auth.screen(exchange.raw_token, exchange.secret, exchange.client_ip)


def throttle(exchange: Exchange) -> Budget | None:
    """Count the request against its token's group (throttled routes, with a token only).

    The ``rate_limited`` scenario spends the budget at once, here where the real server
    counts, so that it comes before the token check as a real 429 does.
    """
    endpoint, limiter, now = exchange.endpoint, exchange.limiter, exchange.call.received_at
    if not (endpoint.rate_group and exchange.raw_token):
        return None
    if exchange.scenario == scenarios.RATE_LIMITED:
        return limiter.exhausted(endpoint.rate_group, now)
    if not limiter.enabled:
        return None
    return limiter.hit(endpoint.rate_group, exchange.raw_token, now)


def limit_rate(exchange: Exchange) -> None:
    """Raise 429 once the token's budget in the group is spent (at once for the rate_limited scenario)."""
    budget = exchange.budget = throttle(exchange)
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


def in_flight_key(endpoint: Endpoint, call: Call) -> str:
    """Return the key of a request: its route, its parameters in the order sent, its token's user."""
    params = {**{name: values[-1] for name, values in call.args.lists()}, **call.path_params}
    digest = hashlib.sha256(f"{endpoint.name}_{params}_{call.token.uid}".encode()).hexdigest()
    return f"inflight/{digest}"


def hold_in_flight(exchange: Exchange) -> None:
    """Hold the request's key while it is in flight; raise 409 (00015) when an identical request holds it."""
    call = exchange.call
    call.in_flight = in_flight_key(exchange.endpoint, call)
    if exchange.limiter.storage.incr(call.in_flight, expiry=IN_FLIGHT_SECONDS) > 1:
        raise ApiError("conflict")


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


# Options whose blank value is malformed (siade GIPMDS::Effectifs::ValidateDepth); a blank limit is as if
# absent (the ADEME organizer gives it its default).
BLANK_CHECKED = frozenset({"depth"})


def _checked(endpoint: Endpoint) -> list[tuple[str, str]]:
    """Return the (parameter, kind) the route checks: path identifiers, then checked options, in order."""
    return [*endpoint.identifiers, *((option.name, option.kind) for option in endpoint.query_options if option.kind)]


def identifier_faults(endpoint: Endpoint, call: Call) -> Iterator[Fault]:
    """Find every identifier of the path, then checked option given, that breaks its rule (422)."""
    options = {option.name for option in endpoint.query_options}
    failed = set()
    for param, kind in _checked(endpoint):
        value = call.args.get(param) if param in options else call.path_params[param]
        key = identifiers.KINDS[kind][1]
        # A parameter checked by two rules in turn (a year, then a DGFIP year) breaks the first only;
        # an absent option passes, and so does a blank one unless its kind checks blanks too.
        blank_passes = value == "" and kind not in BLANK_CHECKED
        if value is None or blank_passes or param in failed:
            continue
        if not identifiers.valid(kind, value, call.today):
            failed.add(param)
            yield Fault((key,), f"{param} {value[:40]!r} is not a valid {kind}")


def check_maintenance(exchange: Exchange) -> None:
    """Settle the world's instant (400: no clock), then answer 503 while the provider is in its window."""
    moment = exchange.call.at = maintenance.world_clock(exchange.clock, exchange.call.at)
    scenario = exchange.scenario if isinstance(exchange.scenario, str) else None
    maintenance.check(exchange.endpoint.provider, moment, scenario)


def play_scenario(exchange: Exchange) -> None:
    """Give the call its scenario, or refuse one the route cannot play (400)."""
    if isinstance(exchange.scenario, ApiError):
        raise exchange.scenario
    exchange.call.scenario = exchange.scenario


def _names_entity(value: str) -> bool:
    """Tell whether a path value has the format of a SIREN, a SIRET or an RNA number: an entity of the world."""
    # By its length first: one format to check, and a SIREN's or SIRET's without a regex (ASCII digits alone).
    if len(value) in (9, 14):
        return value.isascii() and value.isdigit()
    return len(value) == 10 and identifiers.RNA_FORMAT.fullmatch(value) is not None


def _entities(endpoint: Endpoint, call: Call) -> Iterator[str]:
    """Yield the path's identifiers that name an entity of the world: SIRENs, SIRETs and RNA numbers."""
    for param, _ in endpoint.identifiers:
        value = call.path_params[param]
        if _names_entity(value):
            yield value


def render(endpoint: Endpoint, call: Call, slow_seconds: float) -> Reply:
    """Play the call's scenario: an error, a late answer, or the route's renderer.

    An entity created after the world's instant is not known yet: the route's own 404.
    """
    if call.scenario == scenarios.PROVIDER_MAINTENANCE:
        raise maintenance.WINDOWS[endpoint.provider].error()
    error = endpoint.scenario_error(call.scenario) if call.scenario != scenarios.NOMINAL else None
    if error:
        raise ApiError(error)
    if call.scenario == scenarios.SLOW_PROVIDER:
        time.sleep(slow_seconds)
    if call.scenario == scenarios.NOMINAL and not all(world.exists(e, call.today) for e in _entities(endpoint, call)):
        raise ApiError("not_found")
    return endpoint.render(call)


def negotiate_format(exchange: Exchange) -> None:
    """Refuse an Accept header whose media range Rails cannot parse (400, 00401)."""
    media_range = accept.invalid_range(exchange.accept)
    if media_range is not None:
        raise ApiError("invalid_accept", detail=accept.detail(media_range))


def ask_provider(exchange: Exchange) -> None:
    """Draw the answer of the route's provider for the call's scenario."""
    exchange.reply = render(exchange.endpoint, exchange.call, exchange.slow_seconds)


def _errors_when(
    condition: Callable[[Endpoint], bool], *errors: RouteError
) -> Callable[[Endpoint], list[RouteError]]:  # pragma: no mutate block
    """Return the ``errors`` of a stage that may raise ``errors`` on the routes meeting ``condition``."""
    return lambda endpoint: list(errors) if condition(endpoint) else []


def _identifier_errors(endpoint: Endpoint) -> list[RouteError]:  # pragma: no mutate block
    """Return the 422 of each parameter the route checks."""
    return [
        (identifiers.KINDS[kind][1], f"A malformed {param} ({kind}).", (identifiers.KINDS[kind][1],))
        for param, kind in _checked(endpoint)
    ]


BLOCKLISTS = Stage(
    "blocklists",
    _errors_when(
        lambda e: True,
        ("blacklisted_token", "A revoked token (preset revoked).", ("blacklisted_token",)),
        ("forbidden_ip", "An address the token does not allow (preset ip_restricted).", ("forbidden_ip",)),
    ),
    run=screen,
)
RATE_LIMIT = Stage(
    "rate_limit",
    _errors_when(
        lambda e: bool(e.rate_group), ("too_many_requests", "The token's budget is spent.", ("too_many_requests",))
    ),
    run=limit_rate,
)
NEGOTIATE_FORMAT = Stage(
    "negotiate_format",
    _errors_when(lambda e: True, ("invalid_accept", "An Accept header Rails cannot parse.", ("invalid_accept",))),
    run=negotiate_format,
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
IN_FLIGHT = Stage(
    "in_flight",
    _errors_when(lambda e: True, ("conflict", "An identical request is still in flight.", ("conflict",))),
    run=hold_in_flight,
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
MAINTENANCE = Stage(
    "maintenance",
    _errors_when(
        lambda e: True,
        ("invalid_clock", "Sandbox only: an X-Mock-Clock that is no time in 1900-2100.", ("invalid_clock",)),
    ),
    run=check_maintenance,
    provider=True,
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
V2_STAGES = (BLOCKLISTS, RATE_LIMIT, AUTHENTICATE, TRACEABILITY, SCOPE, MAINTENANCE, IDENTIFIERS, SCENARIO, PROVIDER)
CURRENT_STAGES = (
    BLOCKLISTS,
    RATE_LIMIT,
    NEGOTIATE_FORMAT,
    AUTHENTICATE,
    SCOPE,
    IN_FLIGHT,
    TRACEABILITY,
    SUPPORTED_VERSION,
    RECIPIENT_SIRET,
    MAINTENANCE,
    IDENTIFIERS,
    SCENARIO,
    PROVIDER,
)


def stages_of(endpoint: Endpoint) -> tuple[Stage, ...]:
    """Return the stages a request to ``endpoint`` goes through."""
    return V2_STAGES if endpoint.version == "v2" else CURRENT_STAGES


def route_errors(endpoint: Endpoint) -> list[tuple[Stage, RouteError]]:  # pragma: no mutate block
    """Return the errors the API itself may answer on the route, with their stage, in the stages' order.

    A version the route refuses stops every request at its stage: no later error is reachable.
    """
    found = []
    for stage in stages_of(endpoint):
        found += [(stage, error) for error in stage.errors(endpoint)]
        if stage is SUPPORTED_VERSION and not endpoint.supported:
            break
    return found
