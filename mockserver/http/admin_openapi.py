"""The OpenAPI 3.1 description of the admin API and the console's helpers, served at ``/openapi/admin.json``.

Integrators script the admin API (force a scenario, read the journal, reset between tests):
this document tells them, and lets a fuzzer try every admin route. The request bodies are the
very schemas the routes check (``admin_guard``), so the document and the checks cannot drift.
"""

from functools import cache

from mockserver.http import admin_guard, verification
from mockserver.rules.scenarios import HEADER
from mockserver.state import shared_state

JSON = "application/json"
ERROR = {"$ref": "#/components/schemas/Error"}
ANY_OBJECT = {"type": "object"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _errors(*statuses: int, bad: str = "", not_found: str = "Unknown identifier kind") -> dict:
    """Return the error responses an admin operation may give, besides the access errors every one may."""
    described = {
        400: bad or "Malformed body: not JSON, too deep, not text, or not following the schema",
        401: "The instance requires its admin token (MOCKSERVER_ADMIN_TOKEN) as a Bearer",
        403: "A state-changing call from another site, or a private secret's tokens without an admin token",
        404: not_found,
        413: f"Body over {admin_guard.MAX_BODY_BYTES} bytes",
    }
    return {str(status): _json(ERROR, described[status]) for status in (401, *statuses)}


def _operation(summary: str, responses: dict, body: dict | None = None, parameters: list | None = None) -> dict:
    operation = {"summary": summary, "responses": responses}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {JSON: {"schema": body}}}
    if parameters:
        operation["parameters"] = parameters
    return operation


NO_CONTENT = {"204": {"description": "Done"}}
CLOCK = {
    "type": "object",
    "required": ["clock", "pinned"],
    "properties": {"clock": {"type": "string", "format": "date-time"}, "pinned": {"type": ["string", "null"]}},
}
FORCED = {
    "type": "object",
    "required": ["forced"],
    "properties": {"forced": {"type": ["object", "null"]}},
}


@cache
def document() -> dict:
    """Return the admin API's OpenAPI document."""
    changing = (400, 403, 413)
    paths = {
        "/__admin/health": {
            "get": _operation(
                "Liveness and readiness: where shared state lives and whether it is degraded",
                {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["status", "storage", "degraded"],
                            "properties": {
                                "status": {"enum": ["ok", "degraded"]},
                                "storage": {"enum": ["memory", "redis"]},
                                "degraded": {"type": "array", "items": {"enum": list(shared_state.SHARED_STATE)}},
                                "detail": {"type": "string"},
                            },
                        },
                        "Up; degraded while Redis does not answer (answers then come from memory)",
                    ),
                },
            )
            # Probes call it without credentials.
            | {"security": []}
        },
        "/__admin/scenarios": {
            "get": _operation(
                f"The scenario table, the {HEADER} header and the staging cases",
                {"200": _json(ANY_OBJECT, "The table"), **_errors()},
            )
        },
        "/__admin/requests": {
            "get": _operation(
                "The journal, oldest first",
                {
                    "200": _json(
                        {"type": "object", "required": ["requests"], "properties": {"requests": {"type": "array"}}},
                        "The journal",
                    ),
                    **_errors(),
                },
            ),
            "delete": _operation("Empty the journal", {**NO_CONTENT, **_errors(403)}),
        },
        "/__admin/verify": {
            "get": _operation(
                "The journal since the last reset (or a mark) judged against the real API's rules",
                {
                    "200": {
                        "description": "The verification; its verdict (passed, failed) also in X-Mock-Verdict",
                        "headers": {"X-Mock-Verdict": {"schema": {"enum": ["passed", "failed"]}}},
                        "content": {
                            content_type.split(";")[0]: {"schema": ANY_OBJECT if form == "json" else {"type": "string"}}
                            for form, content_type in verification.CONTENT_TYPES.items()
                        },
                    },
                    **_errors(400, 404, bad="Unknown format", not_found="No mark of that label since the last reset"),
                },
                parameters=[
                    {"name": "format", "in": "query", "schema": {"enum": list(verification.FORMATS)}},
                    {"name": "since", "in": "query", "schema": {"type": "string"}},
                ],
            )
        },
        "/__admin/matrix": {
            "get": _operation(
                "The scenario matrix of routes: every answer a client must survive, and how to force it",
                {
                    "200": _json(ANY_OBJECT, "The columns, nominal first"),
                    **_errors(400, bad="Unknown route or bad timeout"),
                },
                parameters=[
                    {"name": "route", "in": "query", "required": True, "schema": {"type": "string"}},
                    {"name": "timeout", "in": "query", "schema": {"type": "number"}},
                ],
            )
        },
        "/__admin/marks": {
            "post": _operation(
                "Set a mark a verification can start from",
                {"200": _json(ANY_OBJECT, "The mark: its label and time"), **_errors(*changing)},
                body=admin_guard.MARK_BODY.schema,
            )
        },
        "/__admin/reset": {
            "post": _operation(
                "Empty the journal, the rate-limit counters, the forced scenario, the pinned clock",
                {**NO_CONTENT, **_errors(403)},
            )
        },
        "/__admin/clock": {
            "get": _operation(
                "The world's instant of a request without X-Mock-Clock", {"200": _json(CLOCK, "The clock"), **_errors()}
            ),
            "post": _operation(
                "Pin the world's instant (null: the setting's, or today in Paris)",
                {"200": _json(CLOCK, "The clock in effect"), **_errors(*changing)},
                body=admin_guard.CLOCK_BODY.schema,
            ),
        },
        "/__admin/scenario": {
            "get": _operation("The forced scenario, if any", {"200": _json(FORCED, "The forcing"), **_errors()}),
            "post": _operation(
                "Force a scenario on the next calls",
                {"200": _json(FORCED, "The forcing in effect"), **_errors(*changing)},
                body=admin_guard.FORCING_BODY.schema,
            ),
            "delete": _operation("Stop forcing", {**NO_CONTENT, **_errors(403)}),
        },
        "/__admin/routes": {
            "get": _operation(
                "The catalogue routes",
                {
                    "200": _json(
                        {"type": "object", "required": ["routes"], "properties": {"routes": {"type": "array"}}},
                        "Every route",
                    ),
                    **_errors(),
                },
            )
        },
        "/__admin/tokens": {
            "get": _operation(
                "The preset tokens", {"200": _json(ANY_OBJECT, "Name -> description and token"), **_errors(403)}
            )
        },
        "/__admin/random/{kind}": {
            "get": _operation(
                "Draw a valid identifier of a kind",
                {"200": _json(ANY_OBJECT, "The identifier"), **_errors(404)},
                parameters=[{"name": "kind", "in": "path", "required": True, "schema": {"type": "string"}}],
            )
        },
        "/__admin/try": {
            "post": _operation(
                "Send one GET to the sandbox from the server and report the exchange",
                {"200": _json(ANY_OBJECT, "The exchange: status, headers, body, curl"), **_errors(*changing)},
                body=admin_guard.TRY_BODY.schema,
            )
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API Entreprise sandbox — admin API",
            "version": "1",
            "description": "Scenarios, journal, reset and tokens of the sandbox. With MOCKSERVER_ADMIN_TOKEN set, "
            "every call needs it as a Bearer token.",
        },
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["errors"],
                    "properties": {"errors": {"type": "array", "items": {"type": "string"}}},
                }
            },
            "securitySchemes": {"admin_token": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"admin_token": []}, {}],
    }
