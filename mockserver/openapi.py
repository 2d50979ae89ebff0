"""OpenAPI 3.1 documents of the sandbox, generated from the catalogue and the JSON Schemas.

One document per generation of the API: ``v2`` (the catalogue rows of version v2) and ``v3``
(rows of versions v3 and v4). Each route gets its path parameters with their patterns, the
mandatory traceability parameters, its optional ones, the security of its version, and every
status it can answer — its scenarios', the identifier and traceability 422s, 401, 403 when
scoped, 429 and the rate-limit headers when throttled, 400 for an unknown scenario — each
with its schema and an example rendered from the world model by the route's own renderer.
The schema files become ``components.schemas`` with their references rewritten, so that the
document stands alone. Documents are built once per process.
"""

import copy
from functools import cache
from urllib.parse import urldefrag, urljoin

from werkzeug.datastructures import MultiDict

from mockserver import auth, identifiers, pipeline, scenarios
from mockserver.calls import Call
from mockserver.catalogue import ENDPOINTS, RATE_LIMITS, TRACEABILITY_PARAMS, Endpoint
from mockserver.errors import ApiError, error_object, v2_error_body
from mockserver.paths import SCHEMAS_DIR
from mockserver.schemas import BASE_URI, registry

# Document -> the catalogue versions it describes.
DOCUMENTS = {"v2": ("v2",), "v3": ("v3", "v4")}
MEDIA_TYPES = {"v2": "application/json", "v3": "application/vnd.api+json", "v4": "application/vnd.api+json"}
ERROR_SCHEMAS = {"v2": "v2/errors.json", "v3": "v3/errors.json", "v4": "v3/errors.json"}
SERVERS = {
    "v2": [{"url": "http://127.0.0.1:8080", "description": "the sandbox, default address"}],
    "v3": [
        {"url": "http://127.0.0.1:8080", "description": "the sandbox, default address"},
        {"url": "https://staging.entreprise.api.gouv.fr", "description": "the official staging"},
        {"url": "https://entreprise.api.gouv.fr", "description": "production"},
    ],
}
# Where the example answers pretend to be served from, and when (the world's date, at noon UTC).
EXAMPLE_HOST = "http://127.0.0.1:8080/"
EXAMPLE_NOW = 1751284800.0
EXAMPLE_TRACEABILITY = {"context": "aides publiques", "recipient": "13002526500013", "object": "dossier 2025-0042"}

# Identifier kind -> the schema of the path parameter. ``format`` names the rule JSON Schema
# cannot say (the Luhn checksum); the contract-test kit registers a generator for each.
IDENTIFIER_SCHEMAS = {
    "siren": {"type": "string", "pattern": f"^{identifiers.SIREN_FORMAT.pattern}$", "format": "siren"},
    "siret": {"type": "string", "pattern": f"^{identifiers.SIRET_FORMAT.pattern}$", "format": "siret"},
    "siret_or_rna": {
        "type": "string",
        "pattern": (
            f"^({identifiers.SIRET_FORMAT.pattern}|{identifiers.RNA_FORMAT.pattern}"
            f"|{identifiers.WALDEC_FORMAT.pattern})$"
        ),
        "format": "siret_or_rna",
    },
    "annee": {"type": "string", "pattern": f"^{identifiers.YEAR_FORMAT.pattern}$"},
}
IDENTIFIER_DESCRIPTIONS = {
    "siren": "SIREN: 9 digits passing the Luhn checksum (422 otherwise).",
    "siret": "SIRET: 14 digits passing the Luhn checksum, or La Poste's 356000000… (422 otherwise).",
    "siret_or_rna": "A SIRET, an RNA number (W + 9 characters) or a legacy Waldec number (422 otherwise).",
    "annee": "A year, four digits (422 otherwise).",
}
TRACEABILITY_DESCRIPTIONS = {
    "context": "The frame of the call, e.g. « aides publiques ». Mandatory, non-blank.",
    "recipient": "The SIRET of the public body the data is for. Mandatory, non-blank.",
    "object": "The reason of the call or the case number. Mandatory, non-blank.",
}
# Optional query parameters: the real API compares values exactly and ignores anything else,
# so their schemas are plain strings (a negative test must not expect a rejection).
OPTIONAL_PARAMS = {
    "non_diffusables": (
        "`true` (exactly) returns the data of a non-diffusible unit, with `diffusable_commercialement`; "
        "without it such a unit answers 451.",
        "true",
    ),
    "error_format": (
        "`json_api` (exactly) turns error strings into objects with `code`, `title`, `detail`.",
        "json_api",
    ),
}
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": ("Requests allowed per minute to the route's group, per token.", 1),
    "RateLimit-Remaining": ("Requests left in the current window.", 0),
    "RateLimit-Reset": ("End of the current window, as a Unix timestamp.", 0),
}


def schema_name(path: str) -> str:
    """Return the component name of a schema file (``v2/entreprises.json`` -> ``v2_entreprises``)."""
    return path.removesuffix(".json").replace("/", "_")


def _rewrite_refs(node, base: str):
    """Return ``node`` with every ``$ref`` pointing into ``components.schemas`` and no ``$id``."""
    if isinstance(node, list):
        return [_rewrite_refs(item, base) for item in node]
    if not isinstance(node, dict):
        return node
    rewritten = {}
    for key, value in node.items():
        if key in ("$id", "$schema"):
            continue
        if key == "$ref":
            target, fragment = urldefrag(urljoin(base, value))
            value = f"#/components/schemas/{schema_name(target.removeprefix(BASE_URI))}{fragment}"
        rewritten[key] = _rewrite_refs(value, base)
    return rewritten


def _components_schemas(versions: tuple[str, ...]) -> dict:
    """Return every schema file of ``versions`` as components, references rewritten."""
    components = {}
    for version in versions:
        for path in sorted((SCHEMAS_DIR / version).glob("*.json")):
            name = f"{version}/{path.name}"
            components[schema_name(name)] = _rewrite_refs(
                copy.deepcopy(registry().contents(BASE_URI + name)), BASE_URI + name
            )
    return components


def _ref(path: str) -> dict:
    return {"$ref": f"#/components/schemas/{schema_name(path)}"}


def _example_call(endpoint: Endpoint, scenario: str, **options: str) -> Call:
    """Return the call an integrator makes for the route's example identifiers."""
    path_params = {param: identifiers.EXAMPLES[kind] for param, kind in endpoint.identifiers}
    secret = auth.DEFAULT_SECRET
    return Call(
        path_params=path_params,
        args=MultiDict({**EXAMPLE_TRACEABILITY, **options}),
        host_url=EXAMPLE_HOST,
        query_string="",
        now=EXAMPLE_NOW,
        token=auth.verify(auth.preset_token("default", secret), secret, EXAMPLE_NOW),
        scenario=scenario,
    )


def _error_body(endpoint: Endpoint, keys: tuple[str, ...], provider_stage: bool) -> dict:
    """Return the error body the route sends for ``keys``."""
    if endpoint.version == "v2":
        gateway = endpoint.gateway_error and provider_stage
        return v2_error_body(ApiError(*keys), endpoint.provider, False, gateway)
    return {"errors": [error_object(key, endpoint.provider) for key in keys]}


def _api_errors(endpoint: Endpoint) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """Return the errors the API itself may answer on the route: name, summary, keys, provider stage."""
    errors = [
        ("invalid_token", "Missing or invalid token.", ("invalid_token",), False),
        ("expired_token", "Expired token.", ("expired_token",), False),
        ("unknown_scenario", "Sandbox only: an unknown X-Mock-Scenario.", ("unknown_scenario",), True),
    ]
    if endpoint.scopes:
        errors.append(
            ("insufficient_privileges", "The token lacks the route's scope.", ("insufficient_privileges",), False)
        )
    if endpoint.traceability:
        keys = tuple(key for _, key in TRACEABILITY_PARAMS)
        errors.append(("missing_traceability", "context, recipient and object missing.", keys, False))
    for param, kind in endpoint.identifiers:
        errors.append((f"invalid_{param}", f"A malformed {param}.", (identifiers.KINDS[kind][1],), True))
    if endpoint.rate_group:
        errors.append(("too_many_requests", "The token's budget is spent.", ("too_many_requests",), False))
    return errors


def _outcomes(endpoint: Endpoint) -> dict[int, dict]:
    """Return, by status, the examples of every answer of the route, rendered as it renders them."""
    outcomes: dict[int, dict] = {}

    def add(status: int, name: str, summary: str, value, headers: dict | None = None):
        outcome = outcomes.setdefault(status, {"examples": {}, "headers": {}})
        outcome["examples"][name] = {"summary": summary, "value": value}
        outcome["headers"].update(headers or {})

    calls = [(name, _example_call(endpoint, name)) for name in [scenarios.NOMINAL, *sorted(endpoint.scenarios)]]
    if "non_diffusables" in endpoint.optional_params and "non_diffusible" in endpoint.scenarios:
        calls.append(("non_diffusible_with_option", _example_call(endpoint, "non_diffusible", non_diffusables="true")))
    for name, call in calls:
        summary = scenarios.SCENARIOS[call.scenario].description if name != scenarios.NOMINAL else "The nominal answer."
        try:
            reply = pipeline.render(endpoint, call, 0)
        except ApiError as error:
            add(error.status, name, summary, _error_body(endpoint, error.keys, True))
            continue
        add(
            reply.status, name, summary, reply.body.decode() if reply.body is not None else reply.payload, reply.headers
        )
    for name, summary, keys, provider_stage in _api_errors(endpoint):
        add(ApiError(*keys).status, name, summary, _error_body(endpoint, keys, provider_stage))
    return outcomes


def _headers(endpoint: Endpoint, status: int, extra: dict) -> dict:
    """Return the documented response headers of one status of the route."""
    headers = {}
    if endpoint.rate_group:
        # Without a token there is nothing to count: a 401 may come without them.
        for name, (description, minimum) in RATE_LIMIT_HEADERS.items():
            schema = {"type": "integer", "minimum": minimum}
            headers[name] = {"description": description, "required": status != 401, "schema": schema}
    if status == 429:
        schema = {"type": "integer", "minimum": 1}
        headers["Retry-After"] = {
            "description": "Seconds to wait before calling again.",
            "required": True,
            "schema": schema,
        }
    if "Location" in extra:
        headers["Location"] = {
            "description": "The same route on the identifier that replaced this one.",
            "required": True,
            "schema": {"type": "string"},
        }
    return headers


def _responses(endpoint: Endpoint) -> dict:
    """Return the responses object of the route."""
    media_type = MEDIA_TYPES[endpoint.version]
    responses = {}
    for status, outcome in sorted(_outcomes(endpoint).items()):
        if status == 301:
            content = {"text/html": {"schema": {"type": "string"}, "examples": outcome["examples"]}}
        else:
            schema = _ref(endpoint.schema) if status < 300 else _ref(ERROR_SCHEMAS[endpoint.version])
            content = {media_type: {"schema": schema, "examples": outcome["examples"]}}
        summaries = "; ".join(example["summary"] for example in outcome["examples"].values())
        responses[str(status)] = {
            "description": summaries,
            "headers": _headers(endpoint, status, outcome["headers"]),
            "content": content,
        }
    return responses


def _parameters(endpoint: Endpoint) -> list[dict]:
    """Return the parameters of the route: path identifiers, traceability, options, scenario header."""
    parameters = [
        {
            "name": param,
            "in": "path",
            "required": True,
            "description": IDENTIFIER_DESCRIPTIONS[kind],
            "schema": IDENTIFIER_SCHEMAS[kind],
            "example": identifiers.EXAMPLES[kind],
        }
        for param, kind in endpoint.identifiers
    ]
    if endpoint.traceability:
        for param, _ in TRACEABILITY_PARAMS:
            schema = {"type": "string", "pattern": "\\S"}
            if param == "recipient" and endpoint.version != "v2":
                schema = IDENTIFIER_SCHEMAS["siret"]
            parameters.append(
                {
                    "name": param,
                    "in": "query",
                    "required": True,
                    "description": TRACEABILITY_DESCRIPTIONS[param],
                    "schema": schema,
                    "example": EXAMPLE_TRACEABILITY[param],
                }
            )
    options = [*endpoint.optional_params, *(("error_format",) if endpoint.version == "v2" else ())]
    for param in options:
        description, example = OPTIONAL_PARAMS.get(param, ("", None))
        entry = {"name": param, "in": "query", "required": False, "schema": {"type": "string"}}
        if description:
            entry.update(description=description, example=example)
        parameters.append(entry)
    playable = sorted({scenarios.NOMINAL, *endpoint.all_scenarios})
    parameters.append(
        {
            "name": scenarios.HEADER,
            "in": "header",
            "required": False,
            "description": "Sandbox only: play this scenario (GET /__admin/scenarios). The real API ignores it.",
            "schema": {"type": "string", "enum": playable},
        }
    )
    return parameters


def _description(endpoint: Endpoint) -> str:
    """Return the route's description: provider, scopes, rate limit."""
    scopes = ", ".join(endpoint.scopes) or "none (any valid token)"
    lines = [f"Provider: {endpoint.provider}.", f"Scopes (any of): {scopes}."]
    if endpoint.rate_group:
        lines.append(
            f"Rate limit: group `{endpoint.rate_group}`, {RATE_LIMITS[endpoint.rate_group]} requests/min per token."
        )
    return "\n".join(lines)


def _operation(endpoint: Endpoint) -> dict:
    """Return the GET operation of the route."""
    security = [{"bearer": []}, {"token_query": []}] if endpoint.version == "v2" else [{"bearer": []}]
    return {
        "operationId": endpoint.name,
        "summary": f"{endpoint.provider} — {endpoint.name}",
        "description": _description(endpoint),
        "tags": [endpoint.provider],
        "security": security,
        "parameters": _parameters(endpoint),
        "responses": _responses(endpoint),
    }


@cache
def document(name: str) -> dict:
    """Return the OpenAPI document ``name`` ("v2" or "v3"), built once per process."""
    versions = DOCUMENTS[name]
    endpoints = [e for e in ENDPOINTS if e.version in versions]
    schemes = {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
    if name == "v2":
        schemes["token_query"] = {"type": "apiKey", "in": "query", "name": "token"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"API Entreprise sandbox — {name}",
            "version": name,
            "description": (
                "Generated from the sandbox's catalogue and schemas. The sandbox answers like "
                "API Entreprise; X-Mock-Scenario and the 99xxx codes are its own."
            ),
        },
        "servers": SERVERS[name],
        "paths": {e.path: {"get": _operation(e)} for e in endpoints},
        "components": {"schemas": _components_schemas(versions), "securitySchemes": schemes},
    }
