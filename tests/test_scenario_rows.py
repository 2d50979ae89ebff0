"""One row per scenario: its error and status per generation, read by every part that plays or lists it."""

import ast
from pathlib import Path

import pytest

from mockserver.catalogue import ENDPOINTS, routes_playing
from mockserver.http import openapi
from mockserver.rules import scenarios

PACKAGE = Path(__file__).resolve().parent.parent / "mockserver"
# Played by other means than one request: a delay, a daily cap, a 429 before the token check.
NOT_ONE_REQUEST = {scenarios.SLOW_PROVIDER, scenarios.ACOSS_DAILY_CAP, scenarios.RATE_LIMITED}


def _names_a_scenario(node: ast.expr) -> bool:
    """Tell whether an expression is a scenario: ``call.scenario``, ``scenario``, ``x.scenario``."""
    return (isinstance(node, ast.Attribute) and node.attr == "scenario") or (
        isinstance(node, ast.Name) and node.id == "scenario"
    )


def _string_literals(node: ast.expr) -> list[str]:
    """Return the string literals an operand spells out: itself, or the items of a literal tuple, list or set."""
    items = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
    return [item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)]


def scenario_literals(path: Path) -> list[str]:
    """Return ``line: literal`` for each comparison of a scenario with a string literal in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        if any(_names_a_scenario(operand) for operand in operands):
            found += [f"{node.lineno}: {literal!r}" for operand in operands for literal in _string_literals(operand)]
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_code_compares_scenarios_with_named_constants(path):
    assert scenario_literals(path) == [], "compare with a constant of mockserver.rules.scenarios"


def test_the_scan_finds_a_literal(tmp_path):
    module = tmp_path / "renderer.py"
    module.write_text('def f(call):\n    return call.scenario == "redirected" or call.scenario in ("x", Y)\n')
    assert scenario_literals(module) == ["2: 'redirected'", "2: 'x'"]


def test_one_constant_per_row():
    constants = {value for name, value in vars(scenarios).items() if name.isupper() and value == name.lower()}
    assert constants == {scenarios.NOMINAL, *scenarios.SCENARIOS}


def test_every_scenario_is_played_by_a_route_and_every_route_plays_known_ones():
    assert all(routes_playing(name) for name in scenarios.SCENARIOS)
    assert set().union(*(endpoint.all_scenarios for endpoint in ENDPOINTS)) <= set(scenarios.SCENARIOS)


def _first_route(name: str, generation: str):
    return next(
        (e for e in ENDPOINTS if name in e.scenarios and scenarios.generation(e.version) == generation and e.supported),
        None,
    )


CASES = [
    (name, generation)
    for name in scenarios.SCENARIOS
    if name not in NOT_ONE_REQUEST
    for generation in scenarios.GENERATIONS
    if _first_route(name, generation)
]


@pytest.mark.parametrize(("name", "generation"), CASES, ids=[f"{n}-{g}" for n, g in CASES])
def test_a_route_answers_the_status_of_its_generation(get, name, generation):
    endpoint = _first_route(name, generation)
    # Identifiers the route knows: a sector route answers 404 for a company outside its sector.
    path = endpoint.path.format(**openapi._example_identifiers(endpoint))
    response = get(path, params={"recipient": "13002526500013"}, headers={scenarios.HEADER: name})
    assert (
        response.status_code == scenarios.SCENARIOS[name].status_in(endpoint.version) == endpoint.scenario_status(name)
    )


def test_v3_and_v4_answer_some_scenarios_anew():
    statuses = {name: row.statuses for name, row in scenarios.SCENARIOS.items()}
    assert statuses["provider_unavailable"] == {"v2": 503, "current": 504}
    assert statuses["non_diffusible"] == {"v2": 451, "current": 200}
    assert statuses["redirected"] == {"v2": 301, "current": 200}
    assert scenarios.SCENARIOS["dgfip_not_in_order"].errors == {"v2": "not_found_dgfip", "current": "not_found"}


def test_the_admin_listing_says_which_routes_play_each_scenario(client):
    rows = {row["name"]: row for row in client.get("/__admin/scenarios").json["scenarios"]}
    assert rows["partial_content"]["routes"] == ["entreprises", "etablissements"]
    assert "privileges" not in rows["not_found"]["routes"]
    assert rows["provider_unavailable"]["statuses"] == {"v2": 503, "current": 504}
