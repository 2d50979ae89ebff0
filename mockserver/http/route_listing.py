"""What ``GET /__admin/routes`` says about each catalogue row.

Enough for a client to call any route without reading the code: its family in the official
catalogue, its path parameters with their identifier kinds (and where to draw a valid one the
route answers 200 for), its optional query parameters, whether it needs the traceability
parameters, its scopes, rate-limit group and scenarios. The console builds its forms from
this alone.
"""

from mockserver.catalogue import ENDPOINTS, TRACEABILITY_PARAMS, Endpoint, families, sample_ids
from mockserver.rules.ratelimit import RateLimiter


def route_entry(endpoint: Endpoint, limits: dict[str, int]) -> dict:
    """Describe one catalogue row; ``limits`` are the per-minute limits in force, by group."""
    return {
        "name": endpoint.name,
        "version": endpoint.version,
        "path": endpoint.path,
        "provider": endpoint.provider,
        "scopes": list(endpoint.scopes),
        "rate_limit_group": endpoint.rate_group,
        "rate_limit_per_minute": limits.get(endpoint.rate_group),
        "scenarios": sorted(endpoint.scenarios),
        "family": endpoint.family,
        "family_label": families.FAMILIES[endpoint.family],
        "path_parameters": [
            {"name": name, "kind": kind, "random": sample_ids.url(kind, endpoint.name if endpoint.supported else None)}
            for name, kind in endpoint.identifiers
        ],
        "mandatory_parameters": [param for param, _ in TRACEABILITY_PARAMS] if endpoint.traceability else [],
        "query_options": [{"name": option.name, "values": list(option.values)} for option in endpoint.options],
    }


def route_listing(limiter: RateLimiter) -> list[dict]:
    """Describe every catalogue row, grouped by family in the catalogue's order, then by version."""
    limits = limiter.limits if limiter.enabled else {}
    order = list(families.FAMILIES)
    rows = sorted(ENDPOINTS, key=lambda e: (order.index(e.family), e.version))
    return [route_entry(endpoint, limits) for endpoint in rows]
