"""The scenario table, and which scenario a request gets.

A scenario is chosen, in this order, by the ``X-Mock-Scenario`` header, by a Prism-style
``Prefer: code=NNN`` header, by the scenario an admin forced (``POST /__admin/scenario``), by
an official staging case of the route (``fixtures/staging_cases.json``), by a reserved
identifier of ``fixtures/scenarios.json``, or is ``nominal``. The choice is settled once,
when the request arrives; it is played after the identifier is validated, as a provider is
only asked about valid identifiers, the rate limit alone earlier, where the real server
counts requests. Each row of the table says what the scenario answers in each generation of
the API; code names scenarios by the constants below, never by string literals.
"""

import json
import re
from dataclasses import dataclass

from mockserver.paths import FIXTURES_DIR
from mockserver.rules.errors import ApiError, spec

HEADER = "X-Mock-Scenario"
PREFER_CODE = re.compile(r"(?:^|[;,\s])code=(\d{3})(?:$|[;,\s])")
# The API's generations, as a scenario's answer tells them apart.
GENERATIONS = ("v2", "current")

# The scenarios by name, as code compares them; a test keeps them and the table's rows one to one.
NOMINAL = "nominal"
NOT_FOUND = "not_found"
NON_DIFFUSIBLE = "non_diffusible"
NEVER_DIFFUSED = "never_diffused"
REDIRECTED = "redirected"
PARTIAL_CONTENT = "partial_content"
PROVIDER_ERROR = "provider_error"
PROVIDER_UNAVAILABLE = "provider_unavailable"
PROVIDER_TIMEOUT = "provider_timeout"
SLOW_PROVIDER = "slow_provider"
ACOSS_DAILY_CAP = "acoss_daily_cap"
ACOSS_REFUSAL = "acoss_refusal"
DGFIP_NOT_IN_ORDER = "dgfip_not_in_order"
RGE_PDF_UNAVAILABLE = "rge_pdf_unavailable"
ASSOCIATION_WITHOUT_DOCUMENTS = "association_without_documents"
MSA_NOT_UP_TO_DATE = "msa_not_up_to_date"
MSA_ANALYSIS_IN_PROGRESS = "msa_analysis_in_progress"
MSA_UP_TO_DATE = "msa_up_to_date"
PROBTP_NOT_ELIGIBLE = "probtp_not_eligible"
AGEFIPH_NEVER_COMPLIANT = "agefiph_never_compliant"
BDF_TOO_FEW_BILANS = "bdf_too_few_bilans"
PROVIDER_MAINTENANCE = "provider_maintenance"
DGFIP_NOT_SUBJECT_TO_IS = "dgfip_not_subject_to_is"
DISSOLVED_ASSOCIATION = "dissolved_association"
INPI_NO_RIGHTS = "inpi_no_rights"
INSUFFICIENT_PRIVILEGES = "insufficient_privileges"
URSSAF_REFUSAL = "urssaf_refusal"
RGE_CERTIFIED = "rge_certified"
# A provider that knows the unit whatever its population, as some official staging examples need.
KNOWN_BY_PROVIDER = "known_by_provider"
RATE_LIMITED = "rate_limited"

# Scenarios every route answers; routes add their own in the catalogue.
PROVIDER_SCENARIOS = frozenset({NOT_FOUND, PROVIDER_ERROR, PROVIDER_UNAVAILABLE, PROVIDER_TIMEOUT, SLOW_PROVIDER})


def generation(version: str) -> str:
    """Return the generation of an API version: "v2", or "current" for v3 and v4."""
    return "v2" if version == "v2" else "current"


@dataclass(frozen=True)
class Scenario:
    """One row of the scenario table: what the scenario is, what each generation answers, how to reach it.

    ``errors`` is the error each generation answers with, by key of ``rules.errors`` (None:
    the route's renderer plays the scenario); ``statuses`` the status each generation answers.
    The routes that play a scenario list it in the catalogue.
    """

    name: str
    description: str
    prefer_code: int | None
    reserved: dict[str, tuple[str, ...]]
    errors: dict[str, str | None]
    statuses: dict[str, int]

    @property
    def status(self) -> int:
        """Return the status of the scenario in v2, the API it was first described for."""
        return self.statuses["v2"]

    def error(self, version: str) -> str | None:
        """Return the error key the routes of ``version`` answer the scenario with (None: they render it)."""
        return self.errors[generation(version)]

    def status_in(self, version: str) -> int:
        """Return the status the routes of ``version`` answer the scenario with."""
        return self.statuses[generation(version)]


def _scenario(row: dict) -> Scenario:  # pragma: no mutate block
    """Read one row of ``fixtures/scenarios.json``: an error's status is the error's, in each generation."""
    error = row.get("error")
    errors = error if isinstance(error, dict) else dict.fromkeys(GENERATIONS, error)
    if error is None:
        statuses = {"v2": row["status"], "current": row.get("current_status", row["status"])}
    else:
        statuses = {g: spec(errors[g], "v2" if g == "v2" else "v3").status for g in GENERATIONS}
    return Scenario(
        name=row["name"],
        description=row["description"],
        prefer_code=row.get("prefer_code"),
        reserved={kind: tuple(row.get(kind, ())) for kind in ("siren", "siret", "rna")},
        errors=errors,
        statuses=statuses,
    )


def _load() -> dict[str, Scenario]:  # pragma: no mutate block
    """Load the scenario table, keyed by name."""
    with open(FIXTURES_DIR / "scenarios.json", encoding="utf-8") as handle:
        return {row["name"]: _scenario(row) for row in json.load(handle)["scenarios"]}


SCENARIOS = _load()
RESERVED = {
    identifier: scenario.name
    for scenario in SCENARIOS.values()
    for identifiers in scenario.reserved.values()
    for identifier in identifiers
}
# Prism's clients ask for the documented success with ``Prefer: code=200``: the nominal answer.
BY_PREFER_CODE = {200: NOMINAL, **{s.prefer_code: s.name for s in SCENARIOS.values() if s.prefer_code}}


def _load_staging_cases() -> list[dict]:  # pragma: no mutate block
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
# The identifiers that play the slow provider, by reservation or by staging case (a SIRET: its SIREN's).
SLOW_IDENTIFIERS = frozenset(
    {identifier for identifier, name in RESERVED.items() if name == SLOW_PROVIDER}
    | {identifier for (_, identifier), name in STAGING_CASES.items() if name == SLOW_PROVIDER}
)


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
            "statuses": s.statuses,
            "errors": s.errors,
            "description": s.description,
            "prefer_code": s.prefer_code,
            "reserved_identifiers": {kind: list(ids) for kind, ids in s.reserved.items() if ids},
        }
        for s in SCENARIOS.values()
    ]
