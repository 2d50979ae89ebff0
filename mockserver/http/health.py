"""Health routes as production answers them: ``GET /ping/{provider}``, ``GET /pings``, ``GET /v{n}/ping``.

They live outside the API's pipeline, as in the real server: no token, no traceability
parameters, no rate limit. A provider's ping says ``ok`` with the time of the check (the
real one's timestamps are the clock's, so these are too); ``X-Mock-Scenario`` with a provider
failure makes it answer 502 ``bad_gateway``, as a failing real ping does; an unknown
provider is 404 with an empty object (siade ``PingService``).
"""

import json
from datetime import datetime
from functools import cache

from mockserver.paths import FIXTURES_DIR
from mockserver.rules import scenarios
from mockserver.world.entities import PARIS

# What a failing provider's ping says, whichever way it fails.
DOWN_SCENARIOS = frozenset({"provider_error", "provider_unavailable", "provider_timeout"})


@cache
def providers() -> dict[str, str]:
    """Return the pinged providers: identifier -> name on the status page."""
    with open(FIXTURES_DIR / "pings.json", encoding="utf-8") as handle:
        return {entry["provider"]: entry["name"] for entry in json.load(handle)["pings"]}


def ping(provider: str, scenario_header: str | None, now: float) -> tuple[int, dict]:
    """Return the status and body of one provider's ping; raise for an unknown scenario."""
    if provider not in providers():
        return 404, {}
    scenario = scenarios.select(DOWN_SCENARIOS, [], scenario_header, None)
    # Rails renders times in the server's zone with milliseconds.
    checked_at = datetime.fromtimestamp(now, PARIS).isoformat(timespec="milliseconds")
    status = "bad_gateway" if scenario in DOWN_SCENARIOS else "ok"
    return (502 if status == "bad_gateway" else 200), {
        "status": status,
        "last_update": checked_at,
        "last_ok_status": checked_at,
    }


def pings(host_url: str) -> list[dict]:
    """Return every pinged provider with its status-page name and ping URL."""
    return [{"name": name, "url": f"{host_url}ping/{provider}"} for provider, name in providers().items()]
