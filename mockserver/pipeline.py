"""The request pipeline, in the real server's order (CONTRACT §1.14).

rate limit -> token -> context/recipient/object -> scope -> identifiers -> scenario
-> render -> serialise. Each stage is a function that passes or raises an ``ApiError`` by
key; ``answer`` turns the outcome into a response and writes it to the journal. Because the
order is the real one, a request with two faults gets the error production would give.
"""

import time

import orjson
from flask import Request, Response

from mockserver import auth, identifiers, scenarios
from mockserver.accesslog import ROUTE_KEY
from mockserver.calls import Call, Reply
from mockserver.catalogue import Endpoint
from mockserver.config import Settings
from mockserver.errors import ApiError, v2_error_body
from mockserver.journal import Journal, RedisJournal
from mockserver.ratelimit import Budget, RateLimiter
from mockserver.storage import DocumentStore

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
TRACEABILITY_PARAMS = (("context", "missing_context"), ("recipient", "missing_recipient"), ("object", "missing_object"))
# Scenarios that are a provider's error whatever the route.
PROVIDER_FAILURES = ("not_found", "provider_error", "provider_unavailable", "provider_timeout")


def json_bytes(payload: dict) -> bytes:
    """Serialise a payload compactly, in UTF-8, keys in the renderer's order."""
    # orjson writes the same bytes as json.dumps(ensure_ascii=False, separators=(",", ":")), 15x faster.
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)


def throttle(endpoint: Endpoint, raw_token: str | None, limiter: RateLimiter, now: float) -> Budget | None:
    """Count the request against its token's group (throttled routes, with a token only)."""
    if not (endpoint.rate_group and raw_token and limiter.enabled):
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
    """Play the call's scenario: a provider failure, a late answer, or the route's renderer."""
    if call.scenario in endpoint.failures:
        raise ApiError(endpoint.failures[call.scenario])
    if call.scenario in PROVIDER_FAILURES:
        raise ApiError(call.scenario)
    if call.scenario == "slow_provider":
        time.sleep(slow_seconds)
    return endpoint.render(call)


class Pipeline:
    """Answer catalogue routes with the sandbox's settings, limiter and journal."""

    def __init__(self, settings: Settings, limiter: RateLimiter, journal: Journal | RedisJournal, clock=time.time):
        self.settings = settings
        self.limiter = limiter
        self.journal = journal
        self.clock = clock
        self.documents = DocumentStore(settings.jwt_secret, settings.document_ttl_seconds)

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
        budget = throttle(endpoint, raw_token, self.limiter, now)
        provider_stage = False
        try:
            enforce(budget)
            call.token = auth.verify(raw_token, self.settings.jwt_secret, now)
            require_traceability(endpoint, call)
            authorize(endpoint, call)
            provider_stage = True
            validate_identifiers(endpoint, call)
            call.scenario = scenarios.select(
                endpoint.scenarios,
                list(path_params.values()),
                request.headers.get(scenarios.HEADER),
                request.headers.get("Prefer"),
            )
            reply = render(endpoint, call, self.settings.slow_provider_seconds)
            response = Response(
                reply.body if reply.body is not None else json_bytes(reply.payload),
                status=reply.status,
                content_type=reply.content_type or JSON_CONTENT_TYPE,
                headers=reply.headers,
            )
        except ApiError as error:
            gateway = endpoint.gateway_error and provider_stage
            body = v2_error_body(error, endpoint.provider, call.json_api_errors, gateway)
            response = Response(json_bytes(body), status=error.status, content_type=JSON_CONTENT_TYPE)
        if budget is not None:
            response.headers.update(budget.headers(now))
        request.environ[ROUTE_KEY] = {"endpoint": endpoint.name, "scenario": call.scenario}
        self.journal.record(
            method=request.method,
            path=request.path,
            params=request.args.to_dict(flat=False),
            status=response.status_code,
            scenario=call.scenario,
            endpoint=endpoint.name,
        )
        return response
