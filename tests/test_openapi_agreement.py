"""Our v3/v4 schemas agree with the official OpenAPI's 200 schemas: fields, required, types, enums.

Both sides are reduced to the same shape (types, enum, properties, required, items) before
they are compared, our ``$ref``s and ``oneOf``s resolved, the official ``nullable`` read as
a null type. Ours may be stricter in type (never looser); it declares exactly the official
fields, requires at least what the official one requires, and has the official enums, but
for the "[ND]" marker the /diffusibles/ routes put in three enumerated fields.
"""

import re
from dataclasses import dataclass, field

import pytest

from mockserver.catalogue import ENDPOINTS
from mockserver.catalogue.schemas import BASE_URI, registry

from .helpers import UNDOCUMENTED
from .reference import openapi, openapi_v2_paths

CURRENT = [e for e in ENDPOINTS if e.version != "v2" and e.path.startswith("/v") and e.supported]
# Fields whose official enum lacks the "[ND]" that open data puts in them (siade's diffusible filters).
ND_FIELDS = {"sexe", "type_voie", "indice_repetition_voie"}
ND = "[ND]"
OPENAPI_TYPES = {"date": "string"}
JSON_TYPES = {type(None): "null", bool: "boolean", int: "integer", float: "number", str: "string"}


@dataclass
class Shape:
    types: set[str] = field(default_factory=set)
    enum: set | None = None
    properties: dict[str, "Shape"] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: "Shape | None" = None


def merge(a: Shape, b: Shape, required=set.union) -> Shape:
    """Combine two descriptions of one value: allOf-like by default, oneOf-like with set.intersection."""
    properties = dict(a.properties)
    for name, shape in b.properties.items():
        properties[name] = merge(properties[name], shape) if name in properties else shape
    enum = a.enum if b.enum is None else b.enum if a.enum is None else a.enum | b.enum
    items = a.items if b.items is None else b.items if a.items is None else merge(a.items, b.items)
    return Shape(a.types | b.types, enum, properties, required(a.required, b.required), items)


def ours(schema: dict, resolver) -> Shape:
    """Reduce one of our schemas, following its references."""
    if "$ref" in schema:
        resolved = resolver.lookup(schema["$ref"])
        local = {key: value for key, value in schema.items() if key != "$ref"}
        return merge(ours(resolved.contents, resolved.resolver), ours(local, resolver))
    shape = Shape()
    if "oneOf" in schema:
        alternatives = [ours(alternative, resolver) for alternative in schema["oneOf"]]
        shape = alternatives[0]
        for alternative in alternatives[1:]:
            shape = merge(shape, alternative, required=set.intersection)
    declared = schema.get("type", [])
    shape.types |= {declared} if isinstance(declared, str) else set(declared)
    values = schema["enum"] if "enum" in schema else [schema["const"]] if "const" in schema else None
    if values is not None:
        shape.enum = set(values)
        shape.types |= {JSON_TYPES[type(value)] for value in values}
    shape.properties |= {name: ours(sub, resolver) for name, sub in schema.get("properties", {}).items()}
    shape.required |= set(schema.get("required", []))
    if "items" in schema:
        shape.items = ours(schema["items"], resolver)
    return shape


def official(schema: dict) -> Shape:
    """Reduce an OpenAPI 3.0 schema, whose null is ``nullable``."""
    nullable = schema.get("nullable", False)
    # The official file types two v4 DGFIP dates "date", which is no JSON type: a string is what it means.
    types = {OPENAPI_TYPES.get(schema["type"], schema["type"])} if "type" in schema else set()
    # A boolean "enum: [true, false]" says no more than its type.
    restricts = "enum" in schema and types != {"boolean"}
    enum = set(schema["enum"]) | ({None} if nullable else set()) if restricts else None
    return Shape(
        types=types | ({"null"} if nullable else set()),
        enum=enum,
        properties={name: official(sub) for name, sub in schema.get("properties", {}).items()},
        required=set(schema.get("required", [])),
        items=official(schema["items"]) if "items" in schema else None,
    )


def disagreements(mine: Shape, theirs: Shape, where: str) -> list[str]:
    """List where our description of a value contradicts the official one."""
    found = []
    loose = mine.types - theirs.types - ({"integer"} if "number" in theirs.types else set())
    if theirs.types and loose:
        found.append(f"{where}: types {sorted(loose)} not in the official {sorted(theirs.types)}")
    if theirs.enum is not None:
        expected = theirs.enum | ({ND} if where.rsplit(".", 1)[-1] in ND_FIELDS else set())
        if mine.enum != expected:
            found.append(f"{where}: enum {mine.enum} instead of {expected}")
    # An official object that lists no field says nothing of its fields (production's links and metas it leaves out).
    if theirs.properties and set(mine.properties) != set(theirs.properties):
        found.append(f"{where}: fields {sorted(set(mine.properties) ^ set(theirs.properties))} differ")
    if not theirs.required <= mine.required:
        found.append(f"{where}: official required {sorted(theirs.required - mine.required)} not required")
    for name in set(mine.properties) & set(theirs.properties):
        found += disagreements(mine.properties[name], theirs.properties[name], f"{where}.{name}")
    if theirs.items is not None and mine.items is not None:
        found += disagreements(mine.items, theirs.items, f"{where}[]")
    return found


def official_200(path: str) -> dict:
    return openapi()["paths"][UNDOCUMENTED.get(path, path)]["get"]["schema"]


@pytest.mark.parametrize("endpoint", CURRENT, ids=lambda e: e.name)
def test_our_schema_agrees_with_the_official_one(endpoint):
    uri = BASE_URI + endpoint.schema
    resolver = registry().resolver(base_uri=uri)
    mine = ours(resolver.lookup(uri).contents, resolver.lookup(uri).resolver)
    assert disagreements(mine, official(official_200(endpoint.path)), "$") == []


def test_the_comparison_catches_a_wrong_type_a_missing_field_and_a_missing_enum_value():
    theirs = official(
        {
            "type": "object",
            "required": ["a"],
            "properties": {"a": {"type": "string", "enum": ["x", "y"]}, "b": {"type": "integer"}},
        }
    )
    mine = Shape({"object"}, None, {"a": Shape({"string"}, {"x"}), "c": Shape({"string"})}, set())
    found = disagreements(mine, theirs, "$")
    assert any("fields ['b', 'c']" in f for f in found)
    assert any("required ['a']" in f for f in found)
    assert any("$.a: enum" in f for f in found)
    assert disagreements(Shape({"boolean"}), official({"type": "string"}), "$") != []


# The v2 file's monitoring routes: the status dashboard of API Entreprise's watchdog, not API routes.
MONITORING = {"/watchdoge/dashboard/current_status/", "/watchdoge/stats/provider_availabilities/"}


def route(path: str) -> str:
    """Return the route a path template names: its parameters' names and a trailing slash do not matter."""
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/"))


def not_served(official: set[str]) -> set[str]:
    """Return the official paths the catalogue does not serve."""
    served = {route(e.path) for e in ENDPOINTS}
    return {path for path in official if route(path) not in served}


def test_every_official_current_route_is_served():
    assert len(openapi()["paths"]) == 52
    assert not_served(set(openapi()["paths"])) == set()


def test_every_official_v2_route_is_served():
    official = set(openapi_v2_paths()) - MONITORING
    assert len(official) == 32
    assert not_served(official) == set()


def test_a_route_the_catalogue_lacks_is_named_as_not_served():
    official = {"/v3/somewhere/{siren}", "/v2/privileges/", "/v2/associations/{association_id}"}
    assert not_served(official) == {"/v3/somewhere/{siren}"}
