"""The scenario matrix: every answer a set of routes can give, nominal first, each with how it is played.

The pytest plugin runs a test once per column (``kit.sandbox`` plays it); ``GET /__admin/matrix``
gives the same columns to the Ruby and JavaScript helpers, so every language tests the same answers.
"""

from dataclasses import asdict, dataclass

from mockserver.catalogue import BY_NAME
from mockserver.rules import scenarios
from mockserver.rules.spelling import closest

INVALID_IDENTIFIER = "invalid_identifier"
# What a careless client sends: each fails its kind's rule (a wrong Luhn check digit for SIREN/SIRET).
INVALID_EXAMPLES = {
    "siren": "418166097",
    "siret": "41816609600052",
    "siret_or_rna": "W75121251",
    "annee": "24",
    "siren_is": "418166097",
    "siren_tva": "418166097",
    "type_attestation": "AVG",
    "siren_or_rna": "41816609600051",
    "year": "24",
    "dgfip_year": "2005",
    "limit": "0",
    "current_year": "1899",
    "month": "13",
    "depth": "14",
    "siret_or_eori": "FR418166096",
    "siren_or_siret_or_rna": "W75121251",
}
# How far past the client's timeout the slow provider answers, in seconds.
SLOW_MARGIN = 0.5
# Scenarios that are a moment, not a state: played on one call, then the API answers normally
# (a 429 until the window ends; a 301 whose target, the successor, is an ordinary identifier).
ONE_CALL_SCENARIOS = frozenset({scenarios.RATE_LIMITED, scenarios.REDIRECTED})


@dataclass(frozen=True)
class MatrixCase:
    """One column of the scenario matrix: a scenario, its status, and how the sandbox plays it."""

    scenario: str
    status: int
    routes: tuple[str, ...]
    times: int | None = None
    delay_seconds: float | None = None
    # Rules whose breach is the very answer this column plays, so it fails no test.
    expected_violations: frozenset[str] = frozenset()


def matrix(routes: tuple[str, ...], timeout: float | None = None) -> list[MatrixCase]:
    """Return the scenarios the ``routes`` can answer, nominal first, then by status."""
    if not routes:
        raise ValueError(
            'api_entreprise_matrix needs one route name at least, e.g. api_entreprise_matrix("entreprises")'
        )
    for name in routes:
        if name not in BY_NAME:
            near = closest(name, BY_NAME)
            suggestion = f" (did you mean {near!r}?)" if near else ""
            raise ValueError(
                f"api_entreprise_matrix: unknown route {name!r}{suggestion}; the route names are listed by "
                "GET /__admin/routes and in docs/routes.md"
            )
    endpoints = [BY_NAME[name] for name in routes]
    cases = [MatrixCase(scenarios.NOMINAL, 200, routes)]
    if any(endpoint.identifiers for endpoint in endpoints):
        # The identifier a user mistyped: the client may check it itself or let the API answer 422;
        # what the column tests is that the client copes either way.
        cases.append(MatrixCase(INVALID_IDENTIFIER, 422, routes, expected_violations=frozenset({INVALID_IDENTIFIER})))
    # The status of the first route that plays a scenario: v3 and v4 answer some anew (504, not 503).
    statuses = {}
    for endpoint in reversed(endpoints):
        statuses |= {name: endpoint.scenario_status(name) for name in endpoint.all_scenarios}
    for name in sorted(statuses, key=lambda n: (statuses[n], n)):
        times = 1 if name in ONE_CALL_SCENARIOS else None
        delay = timeout + SLOW_MARGIN if name == scenarios.SLOW_PROVIDER and timeout is not None else None
        cases.append(MatrixCase(name, statuses[name], routes, times, delay))
    return cases


def describe(case: MatrixCase) -> dict:
    """Return a column as JSON: its scenario, status, routes, how many calls and delay it is forced for."""
    return {**asdict(case), "routes": list(case.routes), "expected_violations": sorted(case.expected_violations)}
