"""OpenAPI 3.1 documents of the sandbox, generated from the catalogue and the JSON Schemas.

One document per generation of the API: ``v2`` (the catalogue rows of version v2) and ``v3``
(rows of versions v3 and v4). Each route gets its path parameters with their patterns, the
mandatory traceability parameters, its optional ones, the security of its version, and every
status it can answer — its scenarios', the identifier and traceability 422s (and the v3
recipient rules), 401, 403 when scoped, 429 and the rate-limit headers when throttled, 400 for
an unknown scenario, 404 for a version the route refuses — each under the content type the
route answers it with, with its schema and an example rendered from the world model by the
route's own renderer.
The schema files become ``components.schemas`` with their references rewritten, so that the
document stands alone. Documents are built once per process.
"""

import copy
import random
from functools import cache
from urllib.parse import urldefrag, urljoin

from werkzeug.datastructures import MultiDict

from mockserver import clock
from mockserver.catalogue import ENDPOINTS, RATE_LIMITS, TRACEABILITY_PARAMS, Endpoint, QueryOption, sample_ids
from mockserver.catalogue.schemas import BASE_URI, registry
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.documents.store import DocumentStore
from mockserver.http import responses, stages
from mockserver.paths import SCHEMAS_DIR
from mockserver.renderers.call import JSON_API_CONTENT_TYPE, Call
from mockserver.rules import auth, identifiers, scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.ratelimit import RateLimiter

# Document -> the catalogue versions it describes.
DOCUMENTS = {"v2": ("v2",), "v3": ("v3", "v4")}
JSON = "application/json"
ERROR_SCHEMAS = {"v2": "v2/errors.json", "v3": "v3/errors.json", "v4": "v3/errors.json"}
SERVERS = {
    "v2": [{"url": "http://127.0.0.1:8080", "description": "the sandbox, default address"}],
    "v3": [
        {"url": "http://127.0.0.1:8080", "description": "the sandbox, default address"},
        {"url": "https://staging.entreprise.api.gouv.fr", "description": "the official staging"},
        {"url": "https://entreprise.api.gouv.fr", "description": "production"},
    ],
}
# Where the example answers pretend to be served from, and when (2025-06-30, noon UTC).
EXAMPLE_HOST = "http://127.0.0.1:8080/"
EXAMPLE_NOW = 1751284800.0
EXAMPLE_TRACEABILITY = {"context": "aides publiques", "recipient": "13002526500013", "object": "dossier 2025-0042"}
# Draws of example identifiers for the routes that do not know the documented ones.
EXAMPLE_SEED = 2025
MAX_EXAMPLE_DRAWS = 200
# The documents of the examples: URLs as the sandbox issues them with its public default secret.
EXAMPLE_DOCUMENTS = DocumentStore(DEFAULT_SECRET, Settings.document_ttl_seconds)

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
    "siren_is": {"type": "string", "pattern": f"^{identifiers.SIREN_FORMAT.pattern}$", "format": "siren"},
    "siren_tva": {"type": "string", "pattern": f"^{identifiers.SIREN_FORMAT.pattern}$", "format": "siren"},
    "type_attestation": {"type": "string", "enum": ["AVG_UR"]},
    "siren_or_rna": {
        "type": "string",
        "pattern": f"^({identifiers.SIREN_FORMAT.pattern}|{identifiers.RNA_FORMAT.pattern})$",
        "format": "siren_or_rna",
    },
    "year": {"type": "string", "pattern": f"^{identifiers.YEAR_FORMAT.pattern}$"},
    "limit": {"type": "string", "pattern": f"^{identifiers.LIMIT_FORMAT.pattern}$", "format": "limit"},
    "month": {"type": "string", "enum": list(identifiers.MONTHS)},
    "depth": {"type": "string", "enum": [str(depth) for depth in range(identifiers.MAX_DEPTH + 1)]},
    "siret_or_eori": {
        "type": "string",
        "pattern": f"^({identifiers.SIRET_FORMAT.pattern}|FR{identifiers.SIRET_FORMAT.pattern}|(?!FR)[A-Z]{{2}}.*)$",
        "format": "siret_or_eori",
    },
    "siren_or_siret_or_rna": {
        "type": "string",
        "pattern": (
            f"^({identifiers.SIREN_FORMAT.pattern}|{identifiers.SIRET_FORMAT.pattern}"
            f"|{identifiers.RNA_FORMAT.pattern}|{identifiers.WALDEC_FORMAT.pattern})$"
        ),
        "format": "siren_or_siret_or_rna",
    },
}


def identifier_schema(kind: str) -> dict:
    """Return the schema of an identifier kind; a year's lists the years valid this year.

    The years are every one of them: a range JSON Schema cannot put on a string. The document is built
    once per process: "this year" is the year it was built in.
    """
    if kind == "dgfip_year":
        return {"type": "string", "enum": [str(y) for y in range(identifiers.DGFIP_FIRST_YEAR, clock.today().year)]}
    if kind == "current_year":
        return {"type": "string", "enum": [str(y) for y in range(identifiers.FIRST_YEAR, clock.today().year + 1)]}
    return IDENTIFIER_SCHEMAS[kind]


IDENTIFIER_DESCRIPTIONS = {
    "siren": "SIREN: 9 digits passing the Luhn checksum (422 otherwise).",
    "siret": "SIRET: 14 digits passing the Luhn checksum, or La Poste's 356000000… (422 otherwise).",
    "siret_or_rna": "A SIRET, an RNA number (W + 9 characters) or a legacy Waldec number (422 otherwise).",
    "annee": "A year, four digits (422 otherwise).",
    "siren_is": "The SIREN of the head of the corporate-tax (IS) group: a SIREN (422 otherwise).",
    "siren_tva": "The SIREN of the head of the VAT group: a SIREN (422 otherwise).",
    "type_attestation": "The attestation asked for: only `AVG_UR`, the attestation de vigilance (422 otherwise).",
    "siren_or_rna": "A SIREN or an RNA number (W + 9 characters) (422 otherwise).",
    "year": "A year, four digits (422 otherwise).",
    "dgfip_year": f"A year the DGFIP serves: {identifiers.DGFIP_FIRST_YEAR} to last year (422 otherwise).",
    "limit": f"The page size: an integer from 1 to {identifiers.MAX_LIMIT} (422 otherwise).",
    "current_year": f"A year, four digits, from {identifiers.FIRST_YEAR} to this year (422 otherwise).",
    "month": "A month, two digits from `01` to `12` (422 otherwise).",
    "depth": f"How many months before the one asked for: an integer from 0 to {identifiers.MAX_DEPTH} (422 otherwise).",
    "siret_or_eori": (
        "A SIRET, a French EORI number (FR + a SIRET) or another member state's (two letters, then its own "
        "format) (422 otherwise)."
    ),
    "siren_or_siret_or_rna": "A SIREN, a SIRET or an RNA number (W + 9 characters) (422 otherwise).",
}
TRACEABILITY_DESCRIPTIONS = {
    "context": "The frame of the call, e.g. « aides publiques ». Mandatory, non-blank.",
    "recipient": "The SIRET of the public body the data is for. Mandatory, non-blank.",
    "object": "The reason of the call or the case number. Mandatory, non-blank.",
}
# Optional query parameters. The real API compares flags exactly and ignores anything else, so
# theirs are plain strings (a negative test must not expect a rejection); a checked option
# (``QueryOption.kind``) has its kind's schema, and is ignored when empty.
OPTION_DESCRIPTIONS = {
    "non_diffusables": (
        "`true` (exactly) returns the data of a non-diffusible unit, with `diffusable_commercialement`; "
        "without it such a unit answers 451."
    ),
    "error_format": "`json_api` (exactly) turns error strings into objects with `code`, `title`, `detail`.",
    "user_id": "Documented by the 2020 API; the server reads the user from the token and ignores it.",
    "email": "Ignored, as by the real server.",
    "skip_pdf": "`true` (exactly) skips the certificates' PDFs: `url_certificat` may then be null.",
    "nature_effectif": (
        "The figure asked for: `moyen` (the average headcount, by default), `boeth` (disabled workers), `ecap` "
        "(jobs with special aptitude requirements) or `assujettissement_oeth` (1 when the quota binds the employer)."
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


class _SpentQuotas(RateLimiter):
    """The counters of the examples: every provider's daily quota is spent, so its scenario shows."""

    def __init__(self):
        super().__init__(RATE_LIMITS, "memory://", 1)

    def count_today(self, key: str, now: float) -> int:
        """Return a count past any provider's daily quota."""
        return 10**6


def _example_call(endpoint: Endpoint, path_params: dict[str, str], scenario: str, **options: str) -> Call:
    """Return the call an integrator makes for ``path_params``."""
    secret = DEFAULT_SECRET
    return Call(
        path_params=path_params,
        args=MultiDict({**EXAMPLE_TRACEABILITY, **options}),
        host_url=EXAMPLE_HOST,
        query_string="",
        now=EXAMPLE_NOW,
        token=auth.verify(auth.preset_token("default", secret), secret, EXAMPLE_NOW),
        scenario=scenario,
        documents=EXAMPLE_DOCUMENTS,
        limiter=_SpentQuotas(),
    )


def _example_identifiers(endpoint: Endpoint) -> dict[str, str]:
    """Return the route's example identifiers: the documented ones, or the first drawn that the route knows.

    Sector routes (PRO BTP, Qualibat, MSA…) know only the companies of their sector; the draws
    are seeded, so the documents stay the same bytes.
    """
    rng = random.Random(EXAMPLE_SEED)
    path_params = {param: identifiers.EXAMPLES[kind] for param, kind in endpoint.identifiers}
    for _ in range(MAX_EXAMPLE_DRAWS):
        try:
            stages.render(endpoint, _example_call(endpoint, path_params, scenarios.NOMINAL), 0)
        except ApiError:
            path_params = {
                param: sample_ids.draw(kind, rng) if sample_ids.url(kind) else identifiers.EXAMPLES[kind]
                for param, kind in endpoint.identifiers
            }
            continue
        return path_params
    raise AssertionError(f"no example identifier of {endpoint.name} renders: draw more")


def _error(endpoint: Endpoint, keys: tuple[str, ...], provider_stage: bool) -> tuple[int, str, dict]:
    """Return the status, media type and body the route answers ``keys`` with (as the pipeline does)."""
    error = ApiError(*keys)
    media_type = responses.error_content_type(endpoint, error, provider_stage=provider_stage).split(";")[0]
    body = responses.error_body(endpoint, error, provider_stage=provider_stage)
    return responses.error_status(endpoint, error), media_type, body


def _api_errors(endpoint: Endpoint) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """Return the errors the API itself may answer on the route: name, summary, keys, provider stage."""
    return [(name, summary, keys, stage.provider) for stage, (name, summary, keys) in stages.route_errors(endpoint)]


def _outcomes(endpoint: Endpoint, path_params: dict[str, str]) -> dict[int, dict]:
    """Return, by status, the examples of every answer of the route by media type, rendered as it renders them."""
    outcomes: dict[int, dict] = {}

    def add(status: int, media_type: str, value, name: str, summary: str, headers: dict | None = None):
        outcome = outcomes.setdefault(status, {"content": {}, "headers": {}})
        outcome["content"].setdefault(media_type, {})[name] = {"summary": summary, "value": value}
        outcome["headers"].update(headers or {})

    # A version the route refuses answers 00402 before any scenario is chosen.
    played = [scenarios.NOMINAL, *sorted(endpoint.scenarios)] if endpoint.supported else []
    calls = [(name, _example_call(endpoint, path_params, name)) for name in played]
    reads_option = any(option.name == "non_diffusables" for option in endpoint.query_options)
    if reads_option and scenarios.NON_DIFFUSIBLE in endpoint.scenarios:
        with_option = _example_call(endpoint, path_params, scenarios.NON_DIFFUSIBLE, non_diffusables="true")
        calls.append(("non_diffusible_with_option", with_option))
    default_type = JSON if endpoint.version == "v2" else JSON_API_CONTENT_TYPE
    for name, call in calls:
        summary = scenarios.SCENARIOS[call.scenario].description if name != scenarios.NOMINAL else "The nominal answer."
        try:
            reply = stages.render(endpoint, call, 0)
        except ApiError as error:
            add(*_error(endpoint, error.keys, True), name, summary)
            continue
        media_type = (reply.content_type or default_type).split(";")[0]
        value = reply.body.decode() if reply.body is not None else reply.payload
        add(reply.status, media_type, value, name, summary, reply.headers)
    for name, summary, keys, provider_stage in _api_errors(endpoint):
        add(*_error(endpoint, keys, provider_stage), name, summary)
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


def _responses(endpoint: Endpoint, path_params: dict[str, str]) -> dict:
    """Return the responses object of the route."""
    responses = {}
    for status, outcome in sorted(_outcomes(endpoint, path_params).items()):
        if status == 301:
            schema = {"type": "string"}
        else:
            schema = _ref(endpoint.schema) if status < 300 else _ref(ERROR_SCHEMAS[endpoint.version])
        content = {
            media_type: {"schema": schema, "examples": examples} for media_type, examples in outcome["content"].items()
        }
        summaries = "; ".join(
            example["summary"] for examples in outcome["content"].values() for example in examples.values()
        )
        responses[str(status)] = {
            "description": summaries,
            "headers": _headers(endpoint, status, outcome["headers"]),
            "content": content,
        }
    return responses


def _parameters(endpoint: Endpoint, path_params: dict[str, str]) -> list[dict]:
    """Return the parameters of the route: path identifiers, traceability, options, scenario header."""
    # A parameter checked by two rules in turn (a year, then a DGFIP year) is described by the narrower, last one.
    kinds = dict(endpoint.identifiers)
    parameters = [
        {
            "name": param,
            "in": "path",
            "required": True,
            "description": IDENTIFIER_DESCRIPTIONS[kind],
            "schema": identifier_schema(kind),
            "example": path_params[param],
        }
        for param, kind in kinds.items()
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
    parameters.extend(_option(option) for option in endpoint.options)
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


def _option(option: QueryOption) -> dict:
    """Return the parameter of an optional query parameter."""
    if option.kind:
        description = f"{IDENTIFIER_DESCRIPTIONS[option.kind]} Empty: as if absent."
        schema = {"anyOf": [{"type": "string", "maxLength": 0}, identifier_schema(option.kind)]}
        example = identifiers.EXAMPLES[option.kind]
    else:
        description = OPTION_DESCRIPTIONS[option.name]
        schema = {"type": "string"}
        example = option.values[0] if option.values else None
    entry = {"name": option.name, "in": "query", "required": False, "description": description, "schema": schema}
    if example is not None:
        entry["example"] = example
    return entry


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
    # A version the route refuses renders nothing: its examples are the documented identifiers.
    documented = {param: identifiers.EXAMPLES[kind] for param, kind in endpoint.identifiers}
    path_params = _example_identifiers(endpoint) if endpoint.supported else documented
    return {
        "operationId": endpoint.name,
        "summary": f"{endpoint.provider} — {endpoint.name}",
        "description": _description(endpoint),
        "tags": [endpoint.provider],
        "security": security,
        "parameters": _parameters(endpoint, path_params),
        "responses": _responses(endpoint, path_params),
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


LIMITS_OFF_NOTE = " Absent while this sandbox runs with its rate limits off (MOCKSERVER_RATE_LIMIT_FACTOR=0)."


@cache
def document_without_rate_limits(name: str) -> dict:
    """Return the document ``name`` as a sandbox with its rate limits off serves it: RateLimit-* not required."""
    served = copy.deepcopy(document(name))
    for operation in served["paths"].values():
        for response in operation["get"]["responses"].values():
            for header, described in response.get("headers", {}).items():
                if header in RATE_LIMIT_HEADERS and described["required"]:
                    described["required"] = False
                    described["description"] += LIMITS_OFF_NOTE
    return served
