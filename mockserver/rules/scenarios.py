"""The scenario table, and which scenario a request gets.

A scenario is chosen, in this order, by the ``X-Mock-Scenario`` header, by a Prism-style
``Prefer: code=NNN`` header, by the scenario an admin forced (``POST /__admin/scenario``), by
an official staging case of the route (``fixtures/staging_cases.json``), by a reserved
identifier of ``fixtures/scenarios.json``, or is ``nominal``. The choice is made after the
identifier is validated, as a provider is only asked about valid identifiers; the rate limit
alone is played earlier, where the real server counts requests.
"""

import json
import re
from dataclasses import dataclass

from mockserver.paths import FIXTURES_DIR
from mockserver.rules.errors import ApiError

NOMINAL = "nominal"
RATE_LIMITED = "rate_limited"
# A provider that knows the unit whatever its population, as some official staging examples need.
KNOWN_BY_PROVIDER = "known_by_provider"
HEADER = "X-Mock-Scenario"
PREFER_CODE = re.compile(r"(?:^|[;,\s])code=(\d{3})(?:$|[;,\s])")
# Scenarios every route answers; routes add their own in the catalogue.
PROVIDER_SCENARIOS = frozenset(
    {"not_found", "provider_error", "provider_unavailable", "provider_timeout", "slow_provider"}
)


@dataclass(frozen=True)
class Scenario:
    """One row of the scenario table."""

    name: str
    status: int
    description: str
    prefer_code: int | None
    reserved: dict[str, tuple[str, ...]]


def _load() -> dict[str, Scenario]:
    """Load the scenario table, keyed by name."""
    with open(FIXTURES_DIR / "scenarios.json", encoding="utf-8") as handle:
        rows = json.load(handle)["scenarios"]
    return {
        row["name"]: Scenario(
            name=row["name"],
            status=row["status"],
            description=row["description"],
            prefer_code=row.get("prefer_code"),
            reserved={kind: tuple(row.get(kind, ())) for kind in ("siren", "siret", "rna")},
        )
        for row in rows
    }


SCENARIOS = _load()
RESERVED = {
    identifier: scenario.name
    for scenario in SCENARIOS.values()
    for identifiers in scenario.reserved.values()
    for identifier in identifiers
}
BY_PREFER_CODE = {s.prefer_code: s.name for s in SCENARIOS.values() if s.prefer_code}


def _load_staging_cases() -> list[dict]:
    """Load the official staging cases that play a scenario."""
    with open(FIXTURES_DIR / "staging_cases.json", encoding="utf-8") as handle:
        return json.load(handle)["cases"]


STAGING_TABLE = _load_staging_cases()
# (route, identifier) -> scenario.
STAGING_CASES = {
    (route, identifier): case["scenario"]
    for case in STAGING_TABLE
    for route in case["routes"]
    for identifier in case["identifiers"]
}


def staging_scenario(route: str | None, identifier: str) -> str | None:
    """Return the scenario an official staging case plays on ``route``; a SIRET inherits its SIREN's."""
    if (route, identifier) in STAGING_CASES:
        return STAGING_CASES[(route, identifier)]
    if len(identifier) == 14:
        return STAGING_CASES.get((route, identifier[:9]))
    return None


def reserved_scenario(identifier: str) -> str | None:
    """Return the scenario an identifier is reserved for; a SIRET inherits its SIREN's."""
    if identifier in RESERVED:
        return RESERVED[identifier]
    if len(identifier) == 14:
        return RESERVED.get(identifier[:9])
    return None


def named(header: str | None, prefer: str | None) -> str | None:
    """Return the scenario a request names by header or Prefer code ("" for a code naming none).

    An empty header names no scenario: it is refused like an unknown one, as the OpenAPI
    document's enum says.
    """
    if header is not None:
        return header
    match = PREFER_CODE.search(prefer or "")
    if match:
        return BY_PREFER_CODE.get(int(match.group(1)), "")
    return None


def select(
    supported: frozenset[str],
    identifiers: list[str],
    name: str | None,
    forced: str | None = None,
    route: str | None = None,
) -> str:
    """Return the scenario of a request to ``route``, which answers the ``supported`` scenarios."""
    if name is not None:
        if name != NOMINAL and name not in supported:
            raise ApiError("unknown_scenario")
        return name
    if forced == NOMINAL or forced in supported:
        return forced
    for identifier in identifiers:
        reserved = staging_scenario(route, identifier) or reserved_scenario(identifier)
        if reserved in supported:
            return reserved
    return NOMINAL


def table() -> list[dict]:
    """Return the scenario table as the admin route publishes it."""
    return [
        {
            "name": s.name,
            "status": s.status,
            "description": s.description,
            "prefer_code": s.prefer_code,
            "reserved_identifiers": {kind: list(ids) for kind, ids in s.reserved.items() if ids},
        }
        for s in SCENARIOS.values()
    ]
