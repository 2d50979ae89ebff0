"""The endpoint catalogue: one row per route, the rate-limit groups they share, and the index by name.

The rows live by generation: ``v2`` (the 2020 documentation) and ``current`` (v3 and v4);
``endpoint`` says what a row is. Adding an endpoint is adding a row (plus its schema, its
renderer and its family in ``families``).
"""

from mockserver.catalogue.current import CURRENT_ENDPOINTS
from mockserver.catalogue.endpoint import Endpoint, QueryOption
from mockserver.catalogue.v2 import INSEE_SCENARIOS, V2_ENDPOINTS

__all__ = [
    "BY_NAME",
    "ENDPOINTS",
    "INSEE_SCENARIOS",
    "RATE_LIMITS",
    "routes_playing",
    "TRACEABILITY_PARAMS",
    "Endpoint",
    "QueryOption",
]

# Per-token rate limits, requests per minute (CONTRACT §1.6; reference throttle table).
RATE_LIMITS = {
    "json_resources": 250,
    # AGEFIPH's group, shared with v2's COVID headcount routes.
    "very_low_latency_json_resources": 250,
    # Document routes: one counter shared by each group, as in the v2-era throttle table.
    "low_latency_documents": 50,
    "high_latency_documents": 5,
    # The current throttle table's JSON group (config/throttle_2026-04.yml), shared by v3 and v4.
    "json_resources_entreprise": 250,
    # The current table's groups of one route each (throttle_2026-04.yml, by_single_endpoint); a v4 route
    # counts with its v3 twin. The current low_latency_documents group shares the v2-era one's counter.
    "dgfip_attestations_fiscales": 5,
    "urssaf_attestation_sociales": 100,
    "inpi_rne_actes_bilans": 15,
    "inpi_rne_extrait_rne": 15,
    "inpi_rne_beneficiaires_effectifs": 15,
    "inpi_rne_beneficiaires_effectifs_open_data": 15,
    "cibtp_attestations": 5,
    # The GIP-MDS's two routes share one counter (throttle_2026-04.yml, gip_mds).
    "gip_mds": 50,
    # The MCP endpoint, /mcp, every message of it (throttle_2026-04.yml, mcp).
    "mcp": 100,
}
# The traceability parameters every data route requires (CONTRACT §1.3), with the error of each.
TRACEABILITY_PARAMS = (("context", "missing_context"), ("recipient", "missing_recipient"), ("object", "missing_object"))

ENDPOINTS = V2_ENDPOINTS + CURRENT_ENDPOINTS
# Route name -> row: how the admin API, the v2 switch-off and the integrator kit name a route.
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}


def routes_playing(scenario: str) -> list[str]:
    """Return the names of the routes that can play ``scenario``, in the catalogue's order."""
    return [endpoint.name for endpoint in ENDPOINTS if scenario in endpoint.all_scenarios]
