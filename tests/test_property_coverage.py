"""Every property of every official 200 schema appears with a value for some entity of the world.

For each served route, identifiers are drawn (seeded by the route's name, so the run is the
same every time) until the route has answered 200 ``ANSWERS`` times, or ``ATTEMPTS`` draws
were spent. Every property path that appeared with a non-null value is collected and
compared with the property paths of the official 200 schema (the last v2 OpenAPI file for
v2 routes, the current one for the others, as ``tests/reference_facts.json`` holds them,
references resolved), followed through ``allOf``, ``oneOf``, ``anyOf`` and array items.
A path is written ``a.b[].c``; a map's keys are ``*``.

The sweep then asks the route for every curated entity of ``fixtures/entities.json`` (its SIREN,
its SIRET when it names one, its head office, its RNA number), so that a block drawn too rarely
for the random draws to meet it (an EIRL, a duplicate SIREN...) is found on the entity named
for it (docs/curated-entities.md). What is checked is still what the answers show.
"""

import json
import random
import re
from collections.abc import Iterator
from functools import cache

import pytest

from mockserver import world
from mockserver.catalogue import ENDPOINTS, sample_ids
from mockserver.paths import FIXTURES_DIR
from mockserver.rules.identifiers import with_check_digit

from .helpers import UNDOCUMENTED
from .reference import openapi, openapi_v2

pytestmark = pytest.mark.sweep

ANSWERS = 100
ATTEMPTS = 600
MAP_KEY = "*"
SERVED = [e for e in ENDPOINTS if e.supported]
SIEGE_ROUTES = (
    "api_entreprise_v3_insee_sieges_unites_legales",
    "api_entreprise_v3_insee_sieges_diffusables_unites_legales",
    "api_entreprise_v4_insee_sieges_unites_legales",
    "api_entreprise_v4_insee_sieges_diffusables_unites_legales",
)
# Properties the real API never fills in, so neither does the sandbox: those the official v2 file
# describes as "Jamais renseigné"; and the siege routes' ``meta.redirect_from_siret``, which their
# schema shares with the établissement's, but which the real server's code leaves empty (it finds
# the head office with a search of Sirene, which follows no redirect).
NEVER_FILLED = {
    "associations": {
        "association.civilite_dirigeant",
        "association.code_civilite_dirigeant",
        "association.code_etat",
        "association.code_groupement",
    },
    **dict.fromkeys(SIEGE_ROUTES, {"meta.redirect_from_siret"}),
}


def template(path: str) -> str:
    """Return ``path`` with its parameters' names and any trailing slash left out."""
    return re.sub(r"\{[^}]*\}", "{}", path).rstrip("/")


@cache
def official_schemas() -> dict[tuple[str, str], dict]:
    """Return the official 200 schema of each GET route, by API generation and path template."""
    schemas = {}
    for generation, routes in (("v2", openapi_v2()), ("current", openapi())):
        for path, operations in routes["paths"].items():
            if "get" in operations:
                schemas[(generation, template(path))] = operations["get"].get("schema", {})
    return schemas


def schema_paths(schema: dict, prefix: str = "") -> set[str]:
    """Return every property path a schema declares under ``prefix``."""
    paths = set()
    for combinator in ("allOf", "oneOf", "anyOf"):
        for alternative in schema.get(combinator, ()):
            paths |= schema_paths(alternative, prefix)
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        paths |= {path} | schema_paths(sub, path)
    if "items" in schema:
        paths |= schema_paths(schema["items"], f"{prefix}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        path = f"{prefix}.{MAP_KEY}" if prefix else MAP_KEY
        paths |= {path} | schema_paths(schema["additionalProperties"], path)
    return paths


def generation(endpoint) -> str:
    """Return which official file describes ``endpoint``: the v2 one or the current one."""
    return "v2" if endpoint.version == "v2" else "current"


def official_paths(endpoint) -> set[str]:
    """Return the property paths of the official 200 schema of ``endpoint``'s path (its documented twin's)."""
    path = UNDOCUMENTED.get(endpoint.path, endpoint.path)
    return schema_paths(official_schemas()[(generation(endpoint), template(path))])


def value_paths(value, prefix: str = "") -> Iterator[str]:
    """Yield the path of every non-null value inside ``value`` (a map's keys as themselves)."""
    if isinstance(value, dict):
        for name, sub in value.items():
            if sub is None:
                continue
            path = f"{prefix}.{name}" if prefix else name
            yield path
            yield from value_paths(sub, path)
    elif isinstance(value, list):
        for item in value:
            yield from value_paths(item, f"{prefix}[]")


def covered(path: str, seen: set[str]) -> bool:
    """Tell whether an official path (``*`` for any map key) is among the paths seen."""
    if MAP_KEY not in path:
        return path in seen
    pattern = re.compile(r"[^.\[\]]+".join(re.escape(part) for part in path.split(MAP_KEY)) + "$")
    return any(pattern.match(candidate) for candidate in seen)


def _secondary_siret(rng: random.Random) -> str:
    """Draw the SIRET of a secondary establishment of a drawn company (a NIC the head office does not have)."""
    siren = sample_ids.draw("siren", rng)
    while True:
        siret = with_check_digit(f"{siren}{rng.randint(1, 400):04d}")
        if siret != world.company(siren).siege_siret:
            return siret


def _eori(rng: random.Random) -> str:
    """Draw a French EORI number: "FR" and the SIRET of a drawn head office."""
    return "FR" + sample_ids.draw("siret", rng)


# The test's own kinds: a secondary establishment's SIRET (the console draws head offices), an EORI number.
DRAWS = {"secondary_siret": _secondary_siret, "eori": _eori}


def draws(endpoint) -> list[dict[str, str]]:
    """Return the identifier kind to draw for each path parameter, one sweep per variant.

    A route taking a SIREN or an RNA number is swept with SIRENs, then with RNA numbers: drawn
    together, the RNA numbers (all associations) would crowd out the SIRENs (few of them are).
    A route taking a SIRET is swept with head offices, then with secondary establishments.
    """
    kinds = dict(endpoint.identifiers)
    variants = [kinds]
    for param, kind in kinds.items():
        if "_or_" in kind:
            variants = [variant | {param: part} for variant in variants for part in kind.split("_or_")]
        elif kind == "siret":
            variants = [variant | {param: part} for variant in variants for part in ("siret", "secondary_siret")]
    return variants


def draw(kind: str, rng: random.Random) -> str:
    """Draw an identifier of ``kind``: the test's own kinds, or the console's."""
    return DRAWS[kind](rng) if kind in DRAWS else sample_ids.draw(kind, rng)


def curated_params(endpoint) -> list[dict[str, str]]:
    """Return the path parameters naming each curated entity on ``endpoint`` (other kinds drawn, seeded)."""
    rng = random.Random(f"{endpoint.name}:curated")
    entries = json.loads((FIXTURES_DIR / "entities.json").read_text(encoding="utf-8"))["entities"]
    found = []
    for entry in entries:
        company = world.company(entry["siren"])
        for siret in sorted({entry.get("siret") or company.siege_siret, company.siege_siret}):
            values = {"siren": entry["siren"], "siret": siret, "rna": company.rna, "eori": f"FR{siret}"}
            params = {}
            for param, kind in dict(endpoint.identifiers).items():
                named = [values[part] for part in kind.split("_or_") if values.get(part)]
                params[param] = named[0] if named else draw(kind, rng)
            if params not in found:
                found.append(params)
    return found


def sweep(get, endpoint, kinds: dict[str, str]) -> tuple[int, int, set[str]]:
    """Draw entities for ``endpoint`` until it answered 200 ``ANSWERS`` times; return answers, draws, paths seen."""
    rng = random.Random(f"{endpoint.name}:{'/'.join(kinds.values())}")
    seen: set[str] = set()
    answers = attempts = 0
    while answers < ANSWERS and attempts < ATTEMPTS:
        attempts += 1
        path_params = {param: draw(kind, rng) for param, kind in kinds.items()}
        response = get(endpoint.path.format(**path_params))
        if response.status_code == 200 and response.is_json:
            answers += 1
            seen.update(value_paths(response.get_json()))
    return answers, attempts, seen


class Figures(dict):
    """A route's figures by name, swept the first time they are asked for: a worker sweeps only the routes it tests."""

    def __init__(self, get):
        super().__init__()
        self.get = get

    def __missing__(self, name):
        self[name] = figures = route_figures(self.get, next(e for e in SERVED if e.name == name))
        return figures


def route_figures(get, endpoint) -> tuple[int, int, int, list[str]]:
    """Sweep ``endpoint``; return its answers, draws, official properties and those never seen with a value."""
    answers = attempts = 0
    seen: set[str] = set()
    for kinds in draws(endpoint):
        part_answers, part_attempts, part_seen = sweep(get, endpoint, kinds)
        answers, attempts, seen = answers + part_answers, attempts + part_attempts, seen | part_seen
    for path_params in curated_params(endpoint):
        response = get(endpoint.path.format(**path_params))
        if response.status_code == 200 and response.is_json:
            seen.update(value_paths(response.get_json()))
    expected = official_paths(endpoint)
    missing = sorted(path for path in expected if not covered(path, seen))
    never = NEVER_FILLED.get(endpoint.name, set())
    fillable, shown = len(expected) - len(never), len(expected) - len(missing)
    share = 100 * shown / fillable if fillable else 100
    # route: answers/draws, official properties seen with a value (of those the real API fills)
    print(
        f"\n{endpoint.name}: {answers}/{attempts}, {shown}/{fillable} ({share:.0f} %)"
        + (f", {len(never)} never filled" if never else "")
    )
    for path in sorted(set(missing) - never):
        print(f"    missing {path}")
    return answers, attempts, len(expected), missing


@pytest.fixture(scope="module")
def coverage(token):
    """Return the figures of each served route by name, each route swept once."""
    from mockserver.config import Settings
    from mockserver.http.app import create_app

    from .helpers import TRACEABILITY

    client = create_app(Settings(rate_limit_factor=0, slow_provider_seconds=0)).test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def get(path):
        return client.get(path, query_string=TRACEABILITY, headers=headers)

    return Figures(get)


def test_every_served_route_has_an_official_schema():
    served = [
        e for e in SERVED if (generation(e), template(UNDOCUMENTED.get(e.path, e.path))) not in official_schemas()
    ]
    assert [e.name for e in served] == []


@pytest.mark.parametrize("endpoint", SERVED, ids=lambda e: e.name)
def test_every_official_property_appears_with_a_value(coverage, endpoint):
    answers, attempts, total, missing = coverage[endpoint.name]
    assert answers > 0, f"no 200 in {attempts} draws"
    never_filled = NEVER_FILLED.get(endpoint.name, set())
    assert set(missing) == never_filled, f"{len(missing)} of {total} official properties never had a value: {missing}"


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ({"type": "object", "properties": {"a": {"type": "string"}}}, {"a"}),
        ({"type": "array", "items": {"properties": {"b": {"type": "integer"}}}}, {"[].b"}),
        ({"allOf": [{"properties": {"a": {}}}, {"properties": {"c": {"properties": {"d": {}}}}}]}, {"a", "c", "c.d"}),
        ({"properties": {"m": {"additionalProperties": {"properties": {"v": {}}}}}}, {"m", "m.*", "m.*.v"}),
        ({"oneOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]}, {"a", "b"}),
    ],
)
def test_schema_paths_follow_combinators_arrays_and_maps(schema, paths):
    assert schema_paths(schema) == paths


def test_value_paths_skip_nulls_and_walk_lists():
    value = {"a": None, "b": [{"c": 1, "d": None}, {"e": {"f": "x"}}], "g": []}
    assert set(value_paths(value)) == {"b", "b[].c", "b[].e", "b[].e.f", "g"}
    assert covered("m.*.v", {"m", "m.k1", "m.k1.v"})
    assert not covered("m.*.v", {"m", "m.k1"})
