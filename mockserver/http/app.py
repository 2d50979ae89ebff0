"""The Flask application: catalogue routes through the pipeline, plus health and admin routes.

``create_app`` registers one URL rule per catalogue row, all served by the same pipeline,
the document storage under ``/siade``, the INPI RNE documents' proxy under ``/proxy/inpi``,
the MCP endpoint ``/mcp`` (whose tools call catalogue routes through the same pipeline), the
health routes (``/ping``), the admin routes under ``/__admin`` and the generated OpenAPI
documents under ``/openapi``. With ``v2_gone`` set, every ``/v2/`` route but ping and
privileges answers 410 Gone, as production does since 2023-11-15. Anything else, a wrong
method, or an unexpected failure still answers in the API's error shape, never with an HTML
page or a traceback (the storage answers its own 404 page, as the real object storage does).
"""

import logging
import time

import orjson
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import BaseConverter, Rule, ValidationError

from mockserver.catalogue import BY_NAME, ENDPOINTS, versions
from mockserver.config import Settings
from mockserver.http import (
    admin,
    admin_guard,
    admin_openapi,
    dispatch,
    health,
    inpi_proxy,
    mcp,
    openapi,
    storage,
    violations,
)
from mockserver.http.accesslog import AccessLog
from mockserver.http.at_once import AtOnce
from mockserver.http.console import blueprint as console
from mockserver.http.dispatch import CatalogueDispatch
from mockserver.http.exchanges import JournalWriter
from mockserver.http.near_miss import near_miss
from mockserver.http.pipeline import Pipeline
from mockserver.http.replay import AnswerReplay
from mockserver.http.request_trace import OUTSIDE_RAILS, RequestTrace
from mockserver.http.responses import (
    NO_CACHE,
    json_bytes,
    json_response,
    outcome,
    outside_error,
    preflight,
    rails_edge,
)
from mockserver.http.routing import route_as_production, unthrottled_if_normalised
from mockserver.http.state import SandboxState
from mockserver.rules import scenarios
from mockserver.rules.errors import INPI_ACTES_GONE_BODY, INPI_GONE_BODY, V2_GONE_BODY, ApiError

log = logging.getLogger(__name__)
# Framework errors -> the table's key for them.
HTTP_ERRORS = {404: "unknown_route", 405: "method_not_allowed", 413: "payload_too_large"}
PLAIN_TEXT = "text/plain; charset=utf-8"
PING_BODY = b" "
# Production's OpenAPI file and the type Rack gives a .yaml file.
OPENAPI_ENTREPRISE = "/v3/openapi-entreprise.yaml"
YAML = "text/yaml"
# The sandbox's own paths: a miss there is no client's request to the API, so the journal leaves it out.
SANDBOX_PREFIXES = (admin.PREFIX, "/__console/", "/openapi/")
# Production still routes these /v2/ paths since v2 was switched off; privileges with its current controller.
V2_SURVIVORS = {"/v2/ping": None, "/v2/privileges": "api_entreprise_privileges"}
# The INPI's first v3 routes, which production answers with a 410 and a sentence, without a content type.
INPI_GONE_ROUTES = {
    "actes": INPI_ACTES_GONE_BODY,
    "brevets": INPI_GONE_BODY,
    "marques": INPI_GONE_BODY,
    "modeles": INPI_GONE_BODY,
}


def _error_response(key: str) -> Response:
    """Return the error of a request no catalogue route answered: JSON:API under /v3/ and /v4/, flat v2 elsewhere."""
    return _api_error_response(ApiError(key))


def _api_error_response(error: ApiError) -> Response:
    """Return the body of an error raised outside the pipeline: JSON:API under /v3/ and /v4/, flat v2 elsewhere."""
    return outside_error(error, request.path, request.headers.get("Origin"))


def _refuse_a_malformed_host() -> None:
    """Raise 400 for a malformed Host header: it makes the URLs of documents and pings, it must be a host."""
    host = request.headers.get("Host")
    if host is not None and not dispatch.HOST.fullmatch(host):
        raise ApiError("bad_request")


def _answer_a_preflight() -> Response | None:
    """Answer a CORS preflight as rack-cors does, in front of everything; any other OPTIONS goes on to the routes."""
    if request.method != "OPTIONS" or "Origin" not in request.headers:
        return None
    if "Access-Control-Request-Method" not in request.headers:
        return None
    request.environ[OUTSIDE_RAILS] = True
    return preflight(request.headers["Origin"], request.headers.get("Access-Control-Request-Headers"))


def _refuse_a_path_of_slashes() -> None:
    """Raise 404 for a path of slashes alone: production finds no route there; routed, it would be the console."""
    raw = request.environ.get("PATH_INFO", "")
    if len(raw) > 1 and not raw.strip("/"):
        raise ApiError("unknown_route")


# A rule's parse, by rule and converters: the parts it matches, the trace URLs are built from, its converters.
PARSED_RULES: dict[tuple[str, frozenset], tuple[list, list, dict]] = {}


class SandboxRule(Rule):
    """A URL rule parsed once per process, whose URL builders are compiled the first time a URL is built from it.

    Werkzeug parses each rule and compiles two builder functions for it as the rule is added: for
    the sandbox's hundreds of rules, most of the cost of ``create_app``, which adds the same rules
    to each application it builds (the tests build thousands). The parse depends on the rule and
    the map's converters alone, and converters keep no state: each application's rules reuse the
    first's. URLs are built from two rules alone (the console's static files); matching a request
    never needs the builders.
    """

    def _parse_rule(self, rule: str) -> list:
        key = (rule, frozenset(self.map.converters.items()))
        if key not in PARSED_RULES:
            trace_from, known = len(self._trace), set(self._converters)
            parts = list(super()._parse_rule(rule))
            converters = {name: converter for name, converter in self._converters.items() if name not in known}
            PARSED_RULES[key] = (parts, self._trace[trace_from:], converters)
            return parts
        parts, trace, converters = PARSED_RULES[key]
        self._trace.extend(trace)
        self._converters.update(converters)
        self.arguments.update(converters)
        return parts

    def _compile_builder(self, append_unknown: bool = True):
        def build(rule: Rule, *args, **kwargs):
            compiled = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, "_build_unknown" if append_unknown else "_build", compiled)
            return compiled(*args, **kwargs)

        return build


class SandboxFlask(Flask):
    """Flask, routing paths as production's router reads them (``dispatch.routed_path``)."""

    url_rule_class = SandboxRule

    def create_url_adapter(self, request):
        adapter = super().create_url_adapter(request)
        if request is not None and adapter is not None:
            adapter.path_info = route_as_production(request.environ, adapter.path_info)
        return adapter


def _route_view(pipeline: Pipeline, endpoint):
    """Return the view that sends requests of ``endpoint`` through the pipeline."""

    def view(**path_params):
        # The request itself, not Flask's proxy to it: the pipeline reads it a dozen times.
        answered = request._get_current_object()
        return pipeline.answer(unthrottled_if_normalised(endpoint, answered.environ), path_params, answered).response()

    return view


class ApiVersion(BaseConverter):
    """A path's version number, as production's router reads ``v:api_version``: digits, but not v2's own paths."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        # Production's switch-off catches /v2/ first; the sandbox serves its own v2 there.
        if value == "2":
            raise ValidationError
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def _register_versions(app: Flask, pipeline: Pipeline) -> None:
    """Route every ``/v{N}/`` path of a current route (and its aliases) to the row that answers that version."""
    for tail, rule in versions.TAIL_RULES.items():

        def view(api_version: int, _tail: str = tail, **path_params):
            answered = request._get_current_object()
            endpoint = unthrottled_if_normalised(versions.at_version(_tail, api_version), answered.environ)
            return pipeline.answer(endpoint, path_params, answered).response()

        name = f"versions:{tail}"
        rule = f"/v<api_version:api_version>/{rule}"
        app.add_url_rule(rule, name, view, methods=["GET"], provide_automatic_options=False)


def _record_unmatched(state: SandboxState, response: Response) -> None:
    """Journal a request no route answered, with the catalogue route it was nearest and why it missed it."""
    near = near_miss(request.method, request.path)
    state.record(
        request,
        response.status_code,
        near_miss=near,
        violations=violations.unmatched(near, response.status_code, orjson.loads(response.get_data())),
    )


def _register_health(app: Flask) -> None:
    """Add the health routes: a provider's ping, the list of pings, and each version's ping."""

    @app.get("/ping/<path:provider>")
    def ping_provider(provider):
        try:
            status, body = health.ping(provider, request.headers.get(scenarios.HEADER), time.time())
        except ApiError as error:
            return _error_response(error.keys[0])
        return json_response(body, status)

    @app.get("/pings")
    def ping_list():
        return json_response(health.pings(request.host_url))

    # Production's route takes any version number (`/v:api_version/ping`, digits).
    @app.get("/v<int:version>/ping")
    def version_ping(version):
        # PingController renders nothing: Rails' API rendering answers a single space, as text.
        answer = outcome(PING_BODY, 200, PLAIN_TEXT)
        return rails_edge(answer, request.headers.get("If-None-Match"), origin=request.headers.get("Origin")).response()


def _register_inpi_gone(app: Flask, state: SandboxState) -> None:
    """Answer the INPI's first v3 routes (acts, patents, trademarks, designs) with production's 410 Gone."""

    @app.get("/v<int(min=3):version>/inpi/unites_legales/<siren>/<any(actes, brevets, marques, modeles):kind>")
    def inpi_gone(version, siren, kind):
        state.record(request, 410)
        response = Response(INPI_GONE_ROUTES[kind], status=410)
        del response.headers["Content-Type"]
        return response


def _register_v2_switch_off(app: Flask, pipeline: Pipeline) -> None:
    """Answer every /v2/ route but ping and privileges with production's 410 Gone."""

    @app.before_request
    def v2_gone():
        if not request.path.startswith("/v2/"):
            return None
        # Production routes only GET to them; any other method falls to the catch-all, hence 410.
        if request.path in V2_SURVIVORS and request.method == "GET":
            survivor = V2_SURVIVORS[request.path]
            return pipeline.answer(BY_NAME[survivor], {}, request).response() if survivor else None
        pipeline.state.record(request, 410)
        return Response(V2_GONE_BODY, status=410, content_type=PLAIN_TEXT)


def create_app(settings: Settings | None = None) -> Flask:
    """Build the sandbox application from ``settings`` (environment and defaults otherwise)."""
    settings = settings or Settings.from_env()
    app = SandboxFlask(__name__)
    # Only admin calls carry a body: none needs more (a larger one is a 413 in the API's shape).
    app.config["MAX_CONTENT_LENGTH"] = admin_guard.MAX_BODY_BYTES
    app.before_request(_answer_a_preflight)
    app.before_request(_refuse_a_malformed_host)
    app.before_request(_refuse_a_path_of_slashes)
    # An empty path segment ("//") is an unknown route, not a redirect to an HTML page.
    app.url_map.merge_slashes = False
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    state = SandboxState.open(settings)
    limiter = state.limiter
    pipeline = Pipeline(state)
    app.extensions["state"] = state
    app.extensions["pipeline"] = pipeline

    app.url_map.converters["api_version"] = ApiVersion
    for endpoint in ENDPOINTS:
        # No automatic OPTIONS: production's routes are GET alone, another method the catch-all's.
        view = _route_view(pipeline, endpoint)
        app.add_url_rule(endpoint.rule, endpoint.name, view, methods=["GET"], provide_automatic_options=False)
    _register_versions(app, pipeline)
    _register_health(app)
    _register_inpi_gone(app, state)
    app.register_blueprint(admin.blueprint)
    app.register_blueprint(console)
    app.register_error_handler(ApiError, _api_error_response)
    storage.register(app, state)
    inpi_proxy.register(app, state)
    mcp.register(app, state, pipeline)
    if settings.v2_gone:
        _register_v2_switch_off(app, pipeline)

    @app.get("/openapi/<name>.json")
    def openapi_document(name: str):
        if name == "admin":
            return jsonify(admin_openapi.document())
        if name not in openapi.DOCUMENTS:
            return _error_response("unknown_route")
        # With the limits off, the RateLimit-* headers are absent: the document served says so.
        return jsonify(openapi.document(name) if limiter.enabled else openapi.document_without_rate_limits(name))

    @app.get(OPENAPI_ENTREPRISE)
    def openapi_entreprise():
        # Where production publishes its OpenAPI file (rswag, mounted under /v3): the sandbox's own v3 and v4
        # document, written as JSON, which is YAML too. Rswag answers it with a status Rack::ETag does not
        # recognise (a string), hence no ETag and no-cache; and from no controller, hence no security headers.
        document = openapi.document("v3") if limiter.enabled else openapi.document_without_rate_limits("v3")
        return Response(json_bytes(document), content_type=YAML, headers={"cache-control": NO_CACHE})

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        response = _error_response(HTTP_ERRORS.get(error.code, "bad_request"))
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        if request.url_rule is None and error.code in HTTP_ERRORS and not request.path.startswith(SANDBOX_PREFIXES):
            _record_unmatched(state, response)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unexpected error on %s", request.path)
        return _error_response("internal_error")

    # Catalogue requests go to the pipeline below Flask's request machinery, which does nothing for them.
    app.wsgi_app = CatalogueDispatch(app, pipeline, settings.v2_gone)
    # Repeated requests are answered from memory, below Flask (counters in this process only).
    # Above the layers that answer through Flask: each journal entry is written with the answer it got.
    app.wsgi_app = JournalWriter(app.wsgi_app, state.journal)
    if limiter.counts_in_process:
        app.wsgi_app = app.extensions["replay"] = AnswerReplay(app.wsgi_app, state)
        # What the gateway answers on its event loop; with Redis storage every request may wait on the network.
        app.extensions["at_once"] = AtOnce(state)
    # Above the replay: each answer, replayed or not, gets its own id and runtime; the memo and journal neither.
    app.wsgi_app = RequestTrace(app.wsgi_app)
    if settings.access_log != "off":
        app.wsgi_app = AccessLog(app.wsgi_app, settings.access_log)
    return app
