"""A minimal OpenAPI 3.1 document of ``GET /v2/entreprises/{siren}``, for Prism to serve.

It stands in for the sandbox's own OpenAPI generator until that one exists: the route, its
traceability parameters, bearer authentication, and the 200 body of ``schemas/v2/entreprises.json``
with the schemas it refers to gathered under ``components/schemas``.
"""

import json
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
ROUTE = "/v2/entreprises/{siren}"


def _component_name(file_name: str) -> str:
    """Return the component name of a schema file of ``schemas/v2``."""
    return "v2_" + file_name.removesuffix(".json")


def _gather(file_name: str, components: dict) -> None:
    """Add the schema ``file_name`` and those it refers to, with their ``$ref`` made local."""
    name = _component_name(file_name)
    if name in components:
        return
    components[name] = {}

    def localise(node):
        if isinstance(node, list):
            return [localise(item) for item in node]
        if not isinstance(node, dict):
            return node
        result = {}
        for key, value in node.items():
            if key in ("$id", "$schema"):
                continue
            if key == "$ref":
                target, _, pointer = value.partition("#")
                if target:
                    _gather(target, components)
                value = f"#/components/schemas/{_component_name(target or file_name)}{pointer}"
            result[key] = localise(value)
        return result

    components[name] = localise(json.loads((SCHEMAS / "v2" / file_name).read_text(encoding="utf-8")))


def entreprises_document() -> dict:
    """Return the OpenAPI document of the ``entreprises`` route."""
    components: dict = {}
    _gather("entreprises.json", components)
    traceability = [
        {"name": name, "in": "query", "required": True, "schema": {"type": "string"}}
        for name in ("context", "recipient", "object")
    ]
    return {
        "openapi": "3.1.0",
        "info": {"title": "API Entreprise v2 (entreprises only)", "version": "2.0"},
        "security": [{"bearer": []}],
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
        "paths": {
            ROUTE: {
                "get": {
                    "operationId": "entreprises",
                    "parameters": [
                        {"name": "siren", "in": "path", "required": True, "schema": {"type": "string"}},
                        *traceability,
                    ],
                    "responses": {
                        "200": {
                            "description": "The company and its head office",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/v2_entreprises"}}
                            },
                        }
                    },
                }
            }
        },
    }
