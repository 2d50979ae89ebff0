"""The one exit: where every outcome of a request becomes a status, a content type and bytes.

The pipeline's data, every error of every API generation (v2 flat strings, v2 ``error_format=json_api``,
v3/v4 JSON:API), the errors of requests no route answers and those of the INPI proxy are shaped here
and nowhere else. The violation detector and the OpenAPI builder ask this module for the body the real
API sends, so that an answer, the journal's "real answer" and the published example never disagree.
"""

import hashlib
import json
import re
from dataclasses import dataclass

import orjson
from flask import Response
from werkzeug.http import HTTP_STATUS_CODES

from mockserver.catalogue import Endpoint
from mockserver.renderers.call import JSON_API_CONTENT_TYPE, JSON_CONTENT_TYPE, Reply
from mockserver.rules.errors import ApiError, current_error_body, spec, v2_error_body

# v3/v4 errors whose content type is not their stage's: throttling happens in front of the application,
# which answers 429 with a bare JSON type (siade rack-attack); the version check sets the JSON:API type itself.
# The blocklists in front of it answer the same bare type.
FRONT_TYPE = "application/json"
CURRENT_ERROR_CONTENT_TYPES = {
    "too_many_requests": FRONT_TYPE,
    "blacklisted_token": FRONT_TYPE,
    "forbidden_ip": FRONT_TYPE,
    # Its filter renders with a content type of its own before the JSON:API header is set: Rails adds the charset.
    "unsupported_version": f"{JSON_API_CONTENT_TYPE}; charset=utf-8",
}
# Paths whose errors answer in the current error shape: a v3 client parses JSON:API objects.
CURRENT_PREFIXES = ("/v3/", "/v4/")
# What names the errors of requests that reach no provider.
API_ENTREPRISE = "API Entreprise"


# What every response of a Rails controller carries (``config.action_dispatch.default_headers``, Rails 8
# defaults); the answers of the middleware in front of the controllers (Rack::Attack's 429 and blocklists) lack them.
SECURITY_HEADERS = {
    "x-frame-options": "SAMEORIGIN",
    "x-xss-protection": "0",
    "x-content-type-options": "nosniff",
    "x-permitted-cross-domain-policies": "none",
    "referrer-policy": "strict-origin-when-cross-origin",
}
# Rack::ETag as Rails installs it: a 200 or 201 with a body gets a weak ETag and may be kept but revalidated;
# anything else is not to be kept. Rack::ConditionalGet, above it, answers 304 to a GET whose If-None-Match is it.
ETAG_STATUSES = (200, 201)
REVALIDATE = "max-age=0, private, must-revalidate"
NO_CACHE = "no-cache"


# Production's CORS (config/initializers/cors.rb, rack-cors 3): these origins, over any scheme, may call any
# resource with any method and header; rack-cors answers them with these headers and says Vary: Origin always.
CORS_ORIGINS = re.compile(
    r"[a-z][a-z0-9.+-]*://(?:api\.gouv\.fr|staging\.api\.gouv\.fr|.*\.entreprise\.api\.gouv\.fr|entreprise\.api\.gouv\.fr)"
)
CORS_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_MAX_AGE = "7200"


@dataclass(slots=True)
class Outcome:
    """An answer on its way out: its status, its headers in order, its body.

    Its headers are a plain list, built once: Werkzeug's ``Headers`` check each header as it is added,
    and the layer below Flask sends them as they are. It becomes a Werkzeug response where Flask sends
    it, or where Werkzeug rewrites what it sends (``response``).
    """

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def status_line(self) -> str:
        """Return the status as Werkzeug writes it: the code and its reason, in capitals."""
        reason = HTTP_STATUS_CODES.get(self.status)
        return f"{self.status} {reason.upper() if reason else 'UNKNOWN'}"

    def response(self) -> Response:
        """Return the Werkzeug response that holds this answer: the same status, headers and body."""
        response = Response(self.body, status=self.status, headers=self.headers)
        # Werkzeug gives a response a type and a length when it has none: an answer without them (a 304) stays so.
        names = {name.lower() for name, _ in self.headers}
        for name in ("content-type", "content-length"):
            if name not in names:
                del response.headers[name]
        return response


def _set(headers: list[tuple[str, str]], name: str, value: str) -> None:
    """Set a header as Werkzeug's ``Headers.set`` does: in the first one's place, the others removed; else last."""
    found = [index for index, (present, _) in enumerate(headers) if present.lower() == name.lower()]
    if not found:
        headers.append((name, value))
        return
    headers[found[0]] = (name, value)
    for index in reversed(found[1:]):
        del headers[index]


def outcome(body: bytes, status: int, content_type: str, headers: dict[str, str] | None = None) -> Outcome:
    """Return an answer with the headers Werkzeug's ``Response(body, status, headers, content_type)`` gives it."""
    listed = list((headers or {}).items())
    _set(listed, "Content-Type", content_type)
    _set(listed, "Content-Length", str(len(body)))
    return Outcome(status, listed, body)


def cors_headers(origin: str | None) -> dict[str, str]:
    """Return the CORS headers rack-cors gives a request from ``origin`` (none for another origin)."""
    if origin is None or not CORS_ORIGINS.fullmatch(origin):
        return {}
    return {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": CORS_METHODS,
        "access-control-expose-headers": "",
        "access-control-max-age": CORS_MAX_AGE,
    }


def preflight(origin: str | None, requested_headers: str | None) -> Response:
    """Return rack-cors' answer to a preflight request: 200, no body, no type, its headers if the origin may call."""
    headers = cors_headers(origin)
    if headers and requested_headers:
        headers["access-control-allow-headers"] = requested_headers
    response = Response(b"", status=200, headers=headers)
    del response.headers["content-type"]
    return response


def json_bytes(payload: dict) -> bytes:
    """Serialise a payload compactly, in UTF-8, keys in the renderer's order."""
    # orjson writes the same bytes as json.dumps(ensure_ascii=False, separators=(",", ":")), 15x faster.
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)


def json_response(payload: dict, status: int = 200) -> Response:
    """Return a JSON answer outside the catalogue's data (health pings, the proxy's links, outside errors)."""
    return Response(json_bytes(payload), status=status, content_type=JSON_CONTENT_TYPE)


def data(reply: Reply, version: str) -> Outcome:
    """Return the answer of a route's reply: its bytes or its payload, in the generation's default type."""
    default_type = JSON_CONTENT_TYPE if version == "v2" else JSON_API_CONTENT_TYPE
    body = reply.body if reply.body is not None else json_bytes(reply.payload)
    return outcome(body, reply.status, reply.content_type or default_type, reply.headers)


def error_status(endpoint: Endpoint, error: ApiError) -> int:
    """Return the status a route answers ``error`` with, as its API generation words it."""
    return spec(error.keys[0], endpoint.version).status


def error_body(
    endpoint: Endpoint, error: ApiError, *, provider_stage: bool, json_api: bool = False, front: bool = False
) -> dict:
    """Return the body the route answers ``error`` with.

    ``provider_stage``: raised once the request reached the provider (v2 gateway errors say so);
    ``json_api``: the v2 client asked for JSON:API objects; ``front``: raised by the blocklists in
    front of the application, which answer v2 paths with flat errors whatever ``error_format`` says.
    """
    if endpoint.version == "v2":
        gateway = endpoint.gateway_error and provider_stage
        return v2_error_body(error, endpoint.provider, json_api and not front, gateway)
    key = error.keys[0]
    # The route's provider words some outcomes its own way, and says more in meta.
    if error.detail is None and key in endpoint.details:
        error.detail = endpoint.details[key]
    if not error.meta and key in endpoint.error_meta:
        error.meta = endpoint.error_meta[key]
    return current_error_body(error, endpoint.provider, endpoint.version)


def error_content_type(endpoint: Endpoint, error: ApiError, *, provider_stage: bool, front: bool = False) -> str:
    """Return the content type of a route's error: which filter of the real server answered it decides."""
    if endpoint.version == "v2":
        return FRONT_TYPE if front else JSON_CONTENT_TYPE
    # The real checks before the provider stage answer from filters that run before the JSON:API type is set.
    fallback = JSON_API_CONTENT_TYPE if provider_stage else JSON_CONTENT_TYPE
    return CURRENT_ERROR_CONTENT_TYPES.get(error.keys[0], fallback)


def route_error(
    endpoint: Endpoint, error: ApiError, *, provider_stage: bool, json_api: bool = False, front: bool = False
) -> Outcome:
    """Return the answer of an error raised by one of a route's stages."""
    body = error_body(endpoint, error, provider_stage=provider_stage, json_api=json_api, front=front)
    content_type = error_content_type(endpoint, error, provider_stage=provider_stage, front=front)
    return outcome(json_bytes(body), error_status(endpoint, error), content_type)


def provider_error(error: ApiError, provider: str) -> tuple[int, dict]:
    """Return the status and v3 body of an error outside the catalogue's routes, named after ``provider``."""
    return error.status, current_error_body(error, provider, "v3")


def outside_error(error: ApiError, path: str, origin: str | None = None) -> Response:
    """Return the response of an error raised outside the pipeline (``outside_answer``)."""
    return outside_answer(error, path, origin).response()


def outside_answer(error: ApiError, path: str, origin: str | None = None) -> Outcome:
    """Return an error raised outside the pipeline: JSON:API under /v3/ and /v4/, flat v2 elsewhere."""
    if path.startswith(CURRENT_PREFIXES):
        body = current_error_body(error, API_ENTREPRISE, "v3")
    else:
        body = v2_error_body(error, API_ENTREPRISE, json_api=False, gateway_error=False)
    # Production's catch-all is a controller too (ErrorsController): its headers, never to be kept.
    return rails_edge(outcome(json_bytes(body), error.status, JSON_CONTENT_TYPE), None, origin=origin)


def rails_edge(
    answer: Outcome, if_none_match: str | None, *, origin: str | None = None, controller: bool = True
) -> Outcome:
    """Add what production's stack adds on the way out: the security headers, ETag, Cache-Control, a 304, CORS.

    ``controller``: the answer comes from a controller (not from the middleware in front of them);
    ``if_none_match``: the request's If-None-Match header, compared as Rack compares it, exactly;
    ``origin``: the request's Origin header.
    """
    headers = answer.headers
    # The names present are read once, and what is missing appended in one go, in the order Rails' middleware adds it.
    present = {name.lower() for name, _ in headers}
    added = [(name, value) for name, value in SECURITY_HEADERS.items() if name not in present] if controller else []
    etag = None
    if answer.status in ETAG_STATUSES and "etag" not in present and answer.body:
        etag = f'W/"{hashlib.sha256(answer.body).hexdigest()[:32]}"'
        added.append(("etag", etag))
    if "cache-control" not in present:
        added.append(("cache-control", REVALIDATE if etag else NO_CACHE))
    added += [(name, value) for name, value in cors_headers(origin).items() if name not in present]
    if "vary" not in present:
        added.append(("vary", "Origin"))
    headers += added
    if answer.status == 200 and if_none_match is not None and _header(headers, "etag") == if_none_match:
        answer.status = 304
        answer.body = b""
        headers[:] = [
            (name, value) for name, value in headers if name.lower() not in ("content-type", "content-length")
        ]
    if "vary" in present:
        _set(headers, "vary", _vary(headers))
    return answer


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    """Return the first value of a header, by its name in any case, or None."""
    return next((value for present, value in headers if present.lower() == name), None)


def _vary(headers: list[tuple[str, str]]) -> str:
    """Return the Vary header with Origin added, as rack-cors adds it to every answer."""
    names = [name for name in (_header(headers, "vary") or "").split(", ") if name]
    return ", ".join(dict.fromkeys([*names, "Origin"]))


def front_error(error: ApiError) -> Response:
    """Return an error of the filters in front of the application, outside a route: JSON:API, the bare JSON type."""
    return Response(
        json_bytes(current_error_body(error, API_ENTREPRISE, "v3")), status=error.status, content_type=FRONT_TYPE
    )


# ActiveSupport escapes these in the JSON Rails renders, so that a body can sit inside HTML.
HTML_ESCAPES = {b"<": b"\\u003c", b">": b"\\u003e", b"&": b"\\u0026", "\u2028".encode(): b"\\u2028"}
HTML_ESCAPES["\u2029".encode()] = b"\\u2029"


def rails_json(payload) -> bytes:
    """Serialise ``payload`` as Rails renders JSON: compact, UTF-8, HTML characters escaped."""
    try:
        body = json_bytes(payload)
    except orjson.JSONEncodeError:
        # Ruby writes integers of any size (a JSON-RPC id past 64 bits comes back as sent); orjson stops at 64.
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    for char, escaped in HTML_ESCAPES.items():
        body = body.replace(char, escaped)
    return body


def rails_json_response(payload, status: int = 200) -> Response:
    """Return the JSON answer of one of production's own controllers (the MCP endpoint), rendered by Rails."""
    return Response(rails_json(payload), status=status, content_type=JSON_CONTENT_TYPE)


def accepted() -> Response:
    """Return 202 without a body (Rails' ``head :accepted``)."""
    return Response(status=202)
