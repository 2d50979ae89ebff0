"""The JSON Schemas of ``schemas/``: loaded once, cross-references resolved, validators compiled.

Schema files refer to each other by relative ``$ref`` under a common ``$id`` base, so the
registry is built from every file at start-up and each validator is compiled on first use.
"""

import json
from functools import cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from mockserver.paths import SCHEMAS_DIR

BASE_URI = "https://api-entreprise-sandbox.local/schemas/"


@cache
def registry() -> Registry:
    """Return a registry holding every schema file, keyed by its ``$id``."""
    resources = []
    for path in sorted(SCHEMAS_DIR.rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def schema(name: str) -> dict:
    """Return the schema ``name`` (a path under ``schemas/``, e.g. ``v2/entreprises.json``)."""
    return registry().contents(BASE_URI + name)


@cache
def validator(name: str) -> Draft202012Validator:
    """Return the compiled validator of the schema ``name``."""
    return Draft202012Validator(schema(name), registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)
