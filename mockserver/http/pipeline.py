"""The request pipeline, in the real server's order (CONTRACT §1.14 for v2, §3.3 for v3 and v4).

rate limit -> token -> the version's checks -> identifiers -> scenario -> render -> serialise.
v2 checks context/recipient/object, then the scope; v3 and v4 check the scope first, then
context/recipient/object, then that recipient is a SIRET and not the requested identifier.
Each stage is a function that passes or raises an ``ApiError`` by key; ``answer`` turns the
outcome into a response in the version's shape and writes it to the journal, with the rules
of the real API the request broke. Because the order is the real one, a request with two
faults gets the error production would give.
"""

import time

import orjson
from flask import Request, Response

from mockserver.catalogue import TRACEABILITY_PARAMS, Endpoint
from mockserver.config import Settings
from mockserver.documents.store import DocumentStore
from mockserver.http import replay, violations
from mockserver.http.accesslog import ROUTE_KEY
from mockserver.http.forcing import ForcedScenario
from mockserver.renderers.call import JSON_API_CONTENT_TYPE, JSON_CONTENT_TYPE, Call, Reply
from mockserver.rules import auth, identifiers, recipients, scenarios
from mockserver.rules.errors import ApiError, current_error_body, spec, v2_error_body
from mockserver.rules.ratelimit import Budget, RateLimiter
from mockserver.state.journal import Journal, RedisJournal

# Scenarios that are the error of the same name whatever the route.
ERROR_SCENARIOS = ("not_found", "provider_error", "provider_unavailable", "provider_timeout", "insufficient_privileges")
# v3/v4 errors whose content type is not their stage's: throttling happens in front of the application,
# which answers 429 with a bare JSON type (siade rack-attack); the version check sets the JSON:API type itself.
# The journal's name for the document storage, which is no catalogue route.
STORAGE = "storage"
CURRENT_ERROR_CONTENT_TYPES = {"too_many_requests": "application/json", "unsupported_version": JSON_API_CONTENT_TYPE}


def json_bytes(payload: dict) -> bytes:
    """Serialise a payload compactly, in UTF-8, keys in the renderer's order."""
    # orjson writes the same bytes as json.dumps(ensure_ascii=False, separators=(",", ":")), 15x faster.
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)


def throttle(
    endpoint: Endpoint, raw_token: str | None, limiter: RateLimiter, now: float, scenario: str | None
) -> Budget | None:
    """Count the request against its token's group (throttled routes, with a token only).

    The ``rate_limited`` scenario spends the budget at once, here where the real server
    counts, so that it comes before the token check as a real 429 does.
    """
    if not (endpoint.rate_group and raw_token):
        return None
    if scenario == scenarios.RATE_LIMITED:
        return limiter.exhausted(endpoint.rate_group, now)
    if not limiter.enabled:
        return None
    return limiter.hit(endpoint.rate_group, raw_token, now)


def enforce(budget: Budget | None) -> None:
    """Raise 429 once the token's budget in the group is spent."""
    if budget is not None and budget.exceeded:
        raise ApiError("too_many_requests")


def require_traceability(endpoint: Endpoint, call: Call) -> None:
    """Raise 422 listing every missing or blank traceability parameter."""
    if not endpoint.traceability:
        return
    missing = [key for param, key in TRACEABILITY_PARAMS if not call.args.get(param, "").strip()]
    if missing:
        raise ApiError(*missing)


def authorize(endpoint: Endpoint, call: Call) -> None:
    """Raise 403 when the token carries none of the route's scopes."""
    if not call.token.allows(endpoint.scopes):
        raise ApiError("insufficient_privileges")


def require_supported_version(endpoint: Endpoint, call: Call) -> None:
    """Raise 404 (00402) for a version of the route the real API refuses."""
    if not endpoint.supported:
        raise ApiError("unsupported_version")


def require_recipient_siret(endpoint: Endpoint, call: Call) -> None:
    """Raise 422 (00210) when recipient is not a well-formed SIRET (v3 and later)."""
    if endpoint.traceability and not identifiers.is_siret(call.args["recipient"]):
        raise ApiError("invalid_recipient")


def require_recipient_other_than_resource(endpoint: Endpoint, call: Call) -> None:
    """Raise 422 (00211) when recipient is the requested SIREN or SIRET, unless a whitelisted body."""
    if endpoint.traceability and recipients.is_the_resource(call.args["recipient"], call.path_params):
        raise ApiError("recipient_is_the_resource")


# The checks between authentication and the identifiers, in each contract's order.
V2_CHECKS = (require_traceability, authorize)
CURRENT_CHECKS = (
    authorize,
    require_traceability,
    require_supported_version,
    require_recipient_siret,
    require_recipient_other_than_resource,
)


def validate_identifiers(endpoint: Endpoint, call: Call) -> None:
    """Raise 422 for the first identifier of the path, then checked option given, that breaks its rule."""
    for param, kind in endpoint.identifiers:
        rule, error = identifiers.KINDS[kind]
        if not rule(call.path_params[param]):
            raise ApiError(error)
    for option in endpoint.query_options:
        value = call.args.get(option.name, "")
        if option.kind and value:
            rule, error = identifiers.KINDS[option.kind]
            if not rule(value):
                raise ApiError(error)


def render(endpoint: Endpoint, call: Call, slow_seconds: float) -> Reply:
    """Play the call's scenario: an error, a late answer, or the route's renderer."""
    if call.scenario in endpoint.failures:
        raise ApiError(endpoint.failures[call.scenario])
    if call.scenario in ERROR_SCENARIOS:
        raise ApiError(call.scenario)
    if call.scenario == "slow_provider":
        time.sleep(slow_seconds)
    return endpoint.render(call)


def current_error_response(endpoint: Endpoint, error: ApiError, provider_stage: bool) -> Response:
    """Return a v3/v4 error: JSON:API always; the vnd.api type only once the request reached the provider stage."""
    key = error.keys[0]
    # The real checks before the provider stage answer from filters that run before the JSON:API type is set.
    content_type = CURRENT_ERROR_CONTENT_TYPES.get(key, JSON_API_CONTENT_TYPE if provider_stage else JSON_CONTENT_TYPE)
    body = current_error_body(error, endpoint.provider, endpoint.version)
    return Response(json_bytes(body), status=spec(key, endpoint.version).status, content_type=content_type)


class Pipeline:
    """Answer catalogue routes with the sandbox's settings, limiter and journal."""

    def __init__(self, settings: Settings, limiter: RateLimiter, journal: Journal | RedisJournal, clock=time.time):
        self.settings = settings
        self.limiter = limiter
        self.journal = journal
        self.clock = clock
        self.documents = DocumentStore(settings.jwt_secret, settings.document_ttl_seconds, clock)
        self.forced = ForcedScenario()
        self.pacing = violations.Pacing()

    def answer(self, endpoint: Endpoint, path_params: dict[str, str], request: Request) -> Response:
        """Run a request through every stage and return the response."""
        now = self.clock()
        call = Call(
            path_params=path_params,
            args=request.args,
            host_url=request.host_url,
            query_string=request.query_string.decode("latin-1"),
            now=now,
            scenario=None,
            documents=self.documents,
            limiter=self.limiter,
        )
        raw_token = auth.raw_token(request.args.get("token"), request.headers.get("Authorization"))
        named = scenarios.named(request.headers.get(scenarios.HEADER), request.headers.get("Prefer"))
        forced = self.forced.take(endpoint)
        forced_name = forced.scenario if forced else None
        early = bool(raw_token and endpoint.rate_group and self.pacing.too_early(raw_token, endpoint.rate_group, now))
        budget = throttle(endpoint, raw_token, self.limiter, now, forced_name if named is None else named)
        if budget is not None and budget.forced:
            call.scenario = scenarios.RATE_LIMITED
        slow_seconds = self.settings.slow_provider_seconds
        if forced and forced.delay_seconds is not None:
            slow_seconds = forced.delay_seconds
        legacy = endpoint.version == "v2"
        provider_stage = False
        try:
            enforce(budget)
            call.token = auth.verify(raw_token, self.settings.jwt_secret, now)
            for check in V2_CHECKS if legacy else CURRENT_CHECKS:
                check(endpoint, call)
            provider_stage = True
            validate_identifiers(endpoint, call)
            call.scenario = scenarios.select(
                endpoint.scenarios, list(path_params.values()), named, forced_name, route=endpoint.name
            )
            reply = render(endpoint, call, slow_seconds)
            response = Response(
                reply.body if reply.body is not None else json_bytes(reply.payload),
                status=reply.status,
                content_type=reply.content_type or (JSON_CONTENT_TYPE if legacy else JSON_API_CONTENT_TYPE),
                headers=reply.headers,
            )
        except ApiError as error:
            if legacy:
                gateway = endpoint.gateway_error and provider_stage
                body = v2_error_body(error, endpoint.provider, call.json_api_errors, gateway)
                response = Response(json_bytes(body), status=error.status, content_type=JSON_CONTENT_TYPE)
            else:
                response = current_error_response(endpoint, error, provider_stage)
        if budget is not None:
            response.headers.update(budget.headers(now))
            if budget.exceeded:
                self.pacing.retry_after(raw_token, endpoint.rate_group, now + budget.retry_after(now))
        # A forced 429 is the sandbox's doing; a spent budget is the client's.
        rate = "too_early" if early else "exceeded" if budget and budget.exceeded and not budget.forced else None
        route = {"endpoint": endpoint.name, "scenario": call.scenario}
        request.environ[ROUTE_KEY] = route
        journalled = self._record(endpoint, request, call, response.status_code, rate)
        # An answer that depends only on the request can be replayed; the clock, a forcing, the
        # Retry-After of a 429 or a slow provider make it depend on more.
        if call.token and not (forced or rate or call.stateful or call.scenario == "slow_provider"):
            replayable = replay.Replayable(
                status=response.status_code,
                route=route,
                journal_fields=journalled,
                token_expires_at=call.token.expires_at,
                raw_token=raw_token,
                rate_group=endpoint.rate_group,
                counted=budget is not None,
            )
            replay.offer(request.environ, replayable)
        return response

    def _record(self, endpoint: Endpoint, request: Request, call: Call, status: int, rate: str | None) -> dict:
        """Write the request to the journal, with the rules of the real API it broke; return what was written."""
        found = violations.detect(
            endpoint,
            request.args,
            call.path_params,
            token_in_query=bool(request.args.get("token")),
            scenario=call.scenario,
            rate=rate,
        )
        fields = {
            "method": request.method,
            "path": request.path,
            "params": request.args.to_dict(flat=False),
            "status": status,
            "scenario": call.scenario,
            "endpoint": endpoint.name,
            "violations": found,
        }
        self.journal.record(**fields)
        return fields

    def fetch_document(self, name: str, request: Request) -> Response:
        """Serve a document of the storage and write the fetch to the journal, late ones as violations."""
        response = self.documents.serve(name)
        self.journal.record(
            method=request.method,
            path=request.path,
            params=request.args.to_dict(flat=False),
            status=response.status_code,
            scenario=None,
            endpoint=STORAGE,
            violations=violations.storage(self.documents, name),
        )
        return response
