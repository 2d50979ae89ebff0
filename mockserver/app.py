"""The Flask application: catalogue routes through the pipeline, plus the admin API.

``create_app`` registers one URL rule per catalogue row, all served by the same pipeline,
the document storage under ``/siade``, and the admin routes under ``/__admin``. Anything
else, a wrong method, or an unexpected failure still answers in the API's error shape,
never with an HTML page or a traceback (the storage answers its own 404 page, as the
real object storage does).
"""

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from mockserver import scenarios, storage
from mockserver.accesslog import AccessLog
from mockserver.auth import preset_tokens
from mockserver.catalogue import ENDPOINTS, RATE_LIMITS
from mockserver.config import Settings
from mockserver.console import blueprint as console
from mockserver.errors import ApiError, v2_error_body
from mockserver.journal import open_journal
from mockserver.listing import route_listing
from mockserver.pipeline import JSON_CONTENT_TYPE, Pipeline, json_bytes
from mockserver.ratelimit import RateLimiter

log = logging.getLogger(__name__)
# Framework errors -> the table's key for them.
HTTP_ERRORS = {404: "unknown_route", 405: "method_not_allowed"}


def _error_response(key: str) -> Response:
    """Return a flat v2 error body for a request no catalogue route answered."""
    return _api_error_response(ApiError(key))


def _api_error_response(error: ApiError) -> Response:
    """Return the flat v2 body of an error raised outside the pipeline (admin routes)."""
    body = v2_error_body(error, "API Entreprise", json_api=False, gateway_error=False)
    return Response(json_bytes(body), status=error.status, content_type=JSON_CONTENT_TYPE)


def _route_view(pipeline: Pipeline, endpoint):
    """Return the view that sends requests of ``endpoint`` through the pipeline."""

    def view(**path_params):
        # The request itself, not Flask's proxy to it: the pipeline reads it a dozen times.
        return pipeline.answer(endpoint, path_params, request._get_current_object())

    return view


def _register_admin(app: Flask, pipeline: Pipeline) -> None:
    """Add the admin routes: health, scenarios, journal, routes, tokens, reset."""
    settings = pipeline.settings

    @app.get("/__admin/health")
    def admin_health():
        # Cheap on purpose: container health checks and load balancers call it every few seconds.
        return jsonify({"status": "ok"})

    @app.get("/__admin/scenarios")
    def admin_scenarios():
        return jsonify({"header": scenarios.HEADER, "scenarios": scenarios.table()})

    @app.get("/__admin/requests")
    def admin_requests():
        return jsonify({"requests": pipeline.journal.entries()})

    @app.delete("/__admin/requests")
    def admin_clear_requests():
        pipeline.journal.clear()
        return Response(status=204)

    @app.post("/__admin/reset")
    def admin_reset():
        pipeline.journal.clear()
        pipeline.limiter.reset()
        return Response(status=204)

    @app.get("/__admin/routes")
    def admin_routes():
        return jsonify({"routes": route_listing(pipeline.limiter)})

    @app.get("/__admin/tokens")
    def admin_tokens():
        return jsonify({"tokens": preset_tokens(settings.jwt_secret)})


def create_app(settings: Settings | None = None) -> Flask:
    """Build the sandbox application from ``settings`` (environment and defaults otherwise)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    # An empty path segment ("//") is an unknown route, not a redirect to an HTML page.
    app.url_map.merge_slashes = False
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    limiter = RateLimiter(RATE_LIMITS, settings.storage_url, settings.rate_limit_factor)
    pipeline = Pipeline(settings, limiter, open_journal(settings.storage_url, settings.journal_size))
    app.extensions["pipeline"] = pipeline

    for endpoint in ENDPOINTS:
        app.add_url_rule(endpoint.rule, endpoint.name, _route_view(pipeline, endpoint), methods=["GET"])
    _register_admin(app, pipeline)
    app.register_blueprint(console)
    app.register_error_handler(ApiError, _api_error_response)
    storage.register(app, pipeline.documents)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _error_response(HTTP_ERRORS.get(error.code, "bad_request"))

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unexpected error on %s", request.path)
        return _error_response("internal_error")

    if settings.access_log != "off":
        app.wsgi_app = AccessLog(app.wsgi_app, settings.access_log)
    return app
