"""The request pipeline: a request goes through its generation's stages (``stages``), then is journalled.

``answer`` settles the request's scenario once, counts it against its rate limit, runs the
stages in the real server's order, turns the outcome into a response in the version's shape
and writes it to the journal, with the rules of the real API the request broke.
"""

import orjson
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.http import parse_list_header

from mockserver.catalogue import Endpoint
from mockserver.http import replay, responses, violations
from mockserver.http.accesslog import ROUTE_KEY
from mockserver.http.routing import FORMAT_IN_PATH
from mockserver.http.stages import BLOCKLISTS, Exchange, stages_of
from mockserver.http.state import SandboxState
from mockserver.renderers.call import Call
from mockserver.rules import auth, maintenance, scenarios
from mockserver.rules.errors import ApiError

# The bodies whose parameters Rails reads (Rack's forms; ActionDispatch's JSON parser, under JSON's three names).
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
JSON_TYPES = ("application/json", "text/x-json", "application/jsonrequest")
# A longer body is not read: parameters take a few hundred bytes, and a hostile body would cost its size in memory.
LONGEST_BODY = 64 * 1024
# The traceability parameters, which Rails reads as an array when sent as ``name[]``.
LISTED_PARAMS = {f"{name}[]": name for name in ("context", "recipient", "object")}


def environ_key(header: str) -> str:
    """Return where the WSGI environment holds a request header, as Werkzeug's ``EnvironHeaders`` finds it."""
    return f"HTTP_{header.upper().replace('-', '_')}"


# The request headers the pipeline reads, each once, from the environment (a lookup in Werkzeug's headers costs 7x).
AUTHORIZATION = environ_key("Authorization")
API_KEY = environ_key(auth.API_KEY_HEADER)
SCENARIO = environ_key(scenarios.HEADER)
PREFER = environ_key("Prefer")
CLOCK = environ_key(maintenance.CLOCK_HEADER)
ACCEPT = environ_key("Accept")
IF_NONE_MATCH = environ_key("If-None-Match")
ORIGIN = environ_key("Origin")
FORWARDED_FOR = environ_key("X-Forwarded-For")


def rails_params(args: MultiDict) -> MultiDict:
    """Return the query as Rails' params read it: a repeated parameter's last value; ``recipient[]`` an array.

    An array is no blank string (``context[]`` fills the context) and never a SIRET: it is kept as
    the JSON of its values, so that ``recipient[]=…`` is the 422 ``00210`` production answers.
    """
    if not any(key in LISTED_PARAMS for key in args) and all(len(values) == 1 for values in args.listvalues()):
        return args
    params = {}
    for key, values in args.lists():
        if key in LISTED_PARAMS:
            params[LISTED_PARAMS[key]] = orjson.dumps(values).decode()
        else:
            params[key] = values[-1]
    return ImmutableMultiDict(params)


def body_params(request: Request) -> MultiDict | None:
    """Return the parameters Rails reads from a request's body, whatever its method: a form's, a JSON object's.

    A JSON value that is no string is kept as its JSON text (as ``rails_params`` keeps an array); a null,
    an empty array or object is blank, as in Ruby. A body that is not JSON, or JSON but no object,
    gives none here (production's parser fails with a 400 of Rails' own, or keeps it under ``_json``).
    """
    # Werkzeug reads no length where the environment has none: the GET requests of every client.
    if "CONTENT_LENGTH" not in request.environ:
        return None
    length = request.content_length
    if not length or length > LONGEST_BODY:
        return None
    if request.mimetype in FORM_TYPES:
        return request.form
    if request.mimetype not in JSON_TYPES:
        return None
    try:
        document = orjson.loads(request.get_data(cache=False))
    except orjson.JSONDecodeError:
        return None
    if not isinstance(document, dict):
        return None
    return MultiDict(
        (key, value if isinstance(value, str) else "" if value in (None, [], {}) else orjson.dumps(value).decode())
        for key, value in document.items()
    )


def request_params(request: Request) -> MultiDict:
    """Return the request's parameters as Rails' ``params`` holds them: the body's, then the query's, which win."""
    body = body_params(request)
    if not body:
        return rails_params(request.args)
    # Rails merges the query's over the body's: given last, the query's value is the one ``rails_params`` keeps.
    merged = MultiDict(body.items(multi=True))
    for key, value in request.args.items(multi=True):
        merged.add(key, value)
    return rails_params(merged)


def client_address(environ: dict) -> str:
    """Return the client's address: the first of X-Forwarded-For, else the peer's (Werkzeug's ``access_route[0]``)."""
    forwarded = environ.get(FORWARDED_FOR)
    if forwarded is None:
        return environ.get("REMOTE_ADDR") or ""
    addresses = parse_list_header(forwarded)
    return addresses[0] if addresses else ""


def settle_scenario(
    endpoint: Endpoint, path_params: dict[str, str], named: str | None, forced: str | None
) -> str | ApiError:
    """Return the scenario the request plays, or the error of one the route cannot play (raised at its stage)."""
    try:
        return scenarios.select(endpoint.all_scenarios, list(path_params.values()), named, forced, endpoint.name)
    except ApiError as error:
        return error


class Pipeline:
    """Answer catalogue routes, reading and writing the sandbox's state."""

    def __init__(self, state: SandboxState):
        self.state = state

    def answer(self, endpoint: Endpoint, path_params: dict[str, str], request: Request) -> responses.Outcome:
        """Run a request through every stage and return its answer."""
        state = self.state
        now = state.clock()
        environ = request.environ
        # Looked up before it is read: Werkzeug's get of a missing parameter raises and catches an exception (1.7 µs).
        query_token = request.args["token"] if "token" in request.args else None
        call = Call(
            path_params=path_params,
            args=request_params(request),
            host_url=request.host_url,
            # Werkzeug's query_string decoded from Latin-1: the environment's own text.
            query_string=environ.get("QUERY_STRING", ""),
            now=now,
            scenario=None,
            documents=state.documents,
            limiter=state.limiter,
            at=state.default_instant(),
        )
        raw_token = auth.raw_token(
            query_token, environ.get(AUTHORIZATION), environ.get(API_KEY), state.settings.jwt_secret
        )
        named = scenarios.named(environ.get(SCENARIO), environ.get(PREFER))
        forced = state.forced.take(endpoint)
        scenario = settle_scenario(endpoint, path_params, named, forced.scenario if forced else None)
        early = bool(raw_token and endpoint.rate_group and state.pacing.too_early(raw_token, endpoint.rate_group, now))
        slow_seconds = state.settings.slow_provider_seconds
        if forced and forced.delay_seconds is not None:
            slow_seconds = forced.delay_seconds
        exchange = Exchange(
            endpoint,
            call,
            raw_token,
            state.settings.jwt_secret,
            scenario,
            slow_seconds,
            limiter=state.limiter,
            client_ip=client_address(environ),
            clock=environ.get(CLOCK),
            accept=None if environ.get(FORMAT_IN_PATH) else environ.get(ACCEPT),
        )
        stage = None
        try:
            for stage in stages_of(endpoint):
                stage.play(exchange)
            response = responses.data(exchange.reply, endpoint.version)
        except ApiError as error:
            response = responses.route_error(
                endpoint,
                error,
                provider_stage=stage.provider,
                json_api=call.json_api_errors,
                front=stage is BLOCKLISTS,
            )
        # Production clears the in-flight key once its action ran; a request halted before never gets there,
        # and its key makes identical requests answer 409 until it expires: such an answer is not replayed.
        held = bool(call.in_flight) and not stage.provider
        if call.in_flight and stage.provider:
            state.limiter.storage.clear(call.in_flight)
        # Rails' headers first: the rate limit's come from a middleware further out, last (as the replay adds them).
        front = response.status == 429 or stage is BLOCKLISTS and response.status in (401, 403)
        response = responses.rails_edge(
            response, environ.get(IF_NONE_MATCH), origin=environ.get(ORIGIN), controller=not front
        )
        budget = exchange.budget
        if budget is not None:
            # No renderer sets them: appended, as the replay appends them.
            response.headers += budget.headers(now).items()
            if budget.exceeded:
                state.pacing.retry_after(raw_token, endpoint.rate_group, now + budget.retry_after(now), now)
        # A forced 429 is the sandbox's doing; a spent budget is the client's.
        rate = "too_early" if early else "exceeded" if budget and budget.exceeded and not budget.forced else None
        route = {"endpoint": endpoint.name, "scenario": call.scenario}
        environ[ROUTE_KEY] = route
        # The journal entry, with the rules of the real API the request broke.
        found = violations.detect(endpoint, call, token_in_query=bool(query_token), rate=rate, found_by=exchange.faults)
        journalled = state.record(
            request, response.status, scenario=call.scenario, endpoint=endpoint.name, violations=found
        )
        # An answer that depends only on the request can be replayed; the clock, a forcing, the
        # Retry-After of a 429, a slow provider, a held in-flight key or the client's address (a token
        # restricted to some addresses) make it depend on more. The world's instant is the request's
        # X-Mock-Clock header and the day of the default instant, both part of the replay's key.
        replayable = not (forced or rate or held or call.stateful or call.scenario == scenarios.SLOW_PROVIDER)
        if call.token and replayable and not auth.ip_restricted(call.token):
            replayable = replay.Replayable(
                status=response.status,
                route=route,
                journal_fields=journalled,
                token_expires_at=call.token.expires_at,
                raw_token=raw_token,
                rate_group=endpoint.rate_group,
                counted=budget is not None,
                in_flight=call.in_flight,
            )
            replay.offer(environ, replayable)
        return response
