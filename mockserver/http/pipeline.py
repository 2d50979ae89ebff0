"""The request pipeline: a request goes through its generation's stages (``stages``), then is journalled.

``answer`` settles the request's scenario once, counts it against its rate limit, runs the
stages in the real server's order, turns the outcome into a response in the version's shape
and writes it to the journal, with the rules of the real API the request broke.
"""

import time

import orjson
from flask import Request, Response

from mockserver.catalogue import Endpoint
from mockserver.config import Settings
from mockserver.documents.store import DocumentStore
from mockserver.http import replay, violations
from mockserver.http.accesslog import ROUTE_KEY
from mockserver.http.forcing import ForcedScenario
from mockserver.http.stages import Exchange, stages_of
from mockserver.renderers.call import JSON_API_CONTENT_TYPE, JSON_CONTENT_TYPE, Call
from mockserver.rules import auth, scenarios
from mockserver.rules.errors import ApiError, current_error_body, spec, v2_error_body
from mockserver.rules.ratelimit import Budget, RateLimiter
from mockserver.state.journal import Journal, RedisJournal

# v3/v4 errors whose content type is not their stage's: throttling happens in front of the application,
# which answers 429 with a bare JSON type (siade rack-attack); the version check sets the JSON:API type itself.
CURRENT_ERROR_CONTENT_TYPES = {"too_many_requests": "application/json", "unsupported_version": JSON_API_CONTENT_TYPE}


def json_bytes(payload: dict) -> bytes:
    """Serialise a payload compactly, in UTF-8, keys in the renderer's order."""
    # orjson writes the same bytes as json.dumps(ensure_ascii=False, separators=(",", ":")), 15x faster.
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)


def throttle(
    endpoint: Endpoint, raw_token: str | None, limiter: RateLimiter, now: float, scenario: str | ApiError
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


def settle_scenario(
    endpoint: Endpoint, path_params: dict[str, str], named: str | None, forced: str | None
) -> str | ApiError:
    """Return the scenario the request plays, or the error of one the route cannot play (raised at its stage)."""
    try:
        return scenarios.select(endpoint.all_scenarios, list(path_params.values()), named, forced, endpoint.name)
    except ApiError as error:
        return error


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
        scenario = settle_scenario(endpoint, path_params, named, forced.scenario if forced else None)
        early = bool(raw_token and endpoint.rate_group and self.pacing.too_early(raw_token, endpoint.rate_group, now))
        budget = throttle(endpoint, raw_token, self.limiter, now, scenario)
        slow_seconds = self.settings.slow_provider_seconds
        if forced and forced.delay_seconds is not None:
            slow_seconds = forced.delay_seconds
        exchange = Exchange(endpoint, call, raw_token, self.settings.jwt_secret, budget, scenario, slow_seconds)
        v2 = endpoint.version == "v2"
        stage = None
        try:
            for stage in stages_of(endpoint):
                stage.play(exchange)
            reply = exchange.reply
            response = Response(
                reply.body if reply.body is not None else json_bytes(reply.payload),
                status=reply.status,
                content_type=reply.content_type or (JSON_CONTENT_TYPE if v2 else JSON_API_CONTENT_TYPE),
                headers=reply.headers,
            )
        except ApiError as error:
            if v2:
                gateway = endpoint.gateway_error and stage.provider
                body = v2_error_body(error, endpoint.provider, call.json_api_errors, gateway)
                response = Response(json_bytes(body), status=error.status, content_type=JSON_CONTENT_TYPE)
            else:
                response = current_error_response(endpoint, error, stage.provider)
        if budget is not None:
            response.headers.update(budget.headers(now))
            if budget.exceeded:
                self.pacing.retry_after(raw_token, endpoint.rate_group, now + budget.retry_after(now), now)
        # A forced 429 is the sandbox's doing; a spent budget is the client's.
        rate = "too_early" if early else "exceeded" if budget and budget.exceeded and not budget.forced else None
        route = {"endpoint": endpoint.name, "scenario": call.scenario}
        request.environ[ROUTE_KEY] = route
        journalled = self._record(endpoint, request, call, response.status_code, rate)
        # An answer that depends only on the request can be replayed; the clock, a forcing, the
        # Retry-After of a 429 or a slow provider make it depend on more.
        if call.token and not (forced or rate or call.stateful or call.scenario == scenarios.SLOW_PROVIDER):
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
        found = violations.detect(endpoint, call, token_in_query=bool(request.args.get("token")), rate=rate)
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
