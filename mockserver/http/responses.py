"""The one exit: where every outcome of a request becomes a status, a content type and bytes.

The pipeline's data, every error of every API generation (v2 flat strings, v2 ``error_format=json_api``,
v3/v4 JSON:API), the errors of requests no route answers and those of the INPI proxy are shaped here
and nowhere else. The violation detector and the OpenAPI builder ask this module for the body the real
API sends, so that an answer, the journal's "real answer" and the published example never disagree.
"""

import orjson
from flask import Response

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
    "unsupported_version": JSON_API_CONTENT_TYPE,
}
# Paths whose errors answer in the current error shape: a v3 client parses JSON:API objects.
CURRENT_PREFIXES = ("/v3/", "/v4/")
# What names the errors of requests that reach no provider.
API_ENTREPRISE = "API Entreprise"


def json_bytes(payload: dict) -> bytes:
    """Serialise a payload compactly, in UTF-8, keys in the renderer's order."""
    # orjson writes the same bytes as json.dumps(ensure_ascii=False, separators=(",", ":")), 15x faster.
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)


def json_response(payload: dict, status: int = 200) -> Response:
    """Return a JSON answer outside the catalogue's data (health pings, the proxy's links, outside errors)."""
    return Response(json_bytes(payload), status=status, content_type=JSON_CONTENT_TYPE)


def data(reply: Reply, version: str) -> Response:
    """Return the response of a route's reply: its bytes or its payload, in the generation's default type."""
    default_type = JSON_CONTENT_TYPE if version == "v2" else JSON_API_CONTENT_TYPE
    return Response(
        reply.body if reply.body is not None else json_bytes(reply.payload),
        status=reply.status,
        content_type=reply.content_type or default_type,
        headers=reply.headers,
    )


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
) -> Response:
    """Return the response of an error raised by one of a route's stages."""
    body = error_body(endpoint, error, provider_stage=provider_stage, json_api=json_api, front=front)
    content_type = error_content_type(endpoint, error, provider_stage=provider_stage, front=front)
    return Response(json_bytes(body), status=error_status(endpoint, error), content_type=content_type)


def provider_error(error: ApiError, provider: str) -> tuple[int, dict]:
    """Return the status and v3 body of an error outside the catalogue's routes, named after ``provider``."""
    return error.status, current_error_body(error, provider, "v3")


def outside_error(error: ApiError, path: str) -> Response:
    """Return an error raised outside the pipeline: JSON:API under /v3/ and /v4/, flat v2 elsewhere."""
    if path.startswith(CURRENT_PREFIXES):
        body = current_error_body(error, API_ENTREPRISE, "v3")
    else:
        body = v2_error_body(error, API_ENTREPRISE, json_api=False, gateway_error=False)
    return json_response(body, error.status)
