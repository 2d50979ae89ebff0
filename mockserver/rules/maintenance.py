"""Providers' maintenance windows and the world's clock (siade MaintenanceService, MaintenanceError).

Production answers 503 with subcode 020 while a provider is inside its daily window of
``fixtures/maintenances.json``, before it looks at the identifier, and says when the window ends
(``meta.retry_in``, in seconds). The sandbox's world has a fixed date, so it has a fixed time of
day too: noon in Paris, outside every window. A request moves the world's clock with the
``X-Mock-Clock`` header, a Paris time (``01:30``) or an ISO 8601 date and time
(``2025-06-30T01:30:00+02:00``); the ``provider_maintenance`` scenario plays the window as at
its first minute.
"""

import json
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from mockserver.clock import WORLD_DATE
from mockserver.paths import FIXTURES_DIR
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import PROVIDER_MAINTENANCE as SCENARIO

PARIS = ZoneInfo("Europe/Paris")
CLOCK_HEADER = "X-Mock-Clock"
# The world's time of day when a request does not set it: outside every window, so answers do not drift.
WORLD_TIME = time(12, 0)


@dataclass(frozen=True)
class Window:
    """A provider's daily maintenance window, in Paris time, both ends included."""

    starts: time
    ends: time

    def covers(self, moment: datetime) -> bool:
        """Tell whether the Paris time of ``moment`` falls inside the window."""
        return self.starts <= moment.astimezone(PARIS).time() <= self.ends

    def retry_in(self, moment: datetime) -> int:
        """Return the whole seconds from ``moment`` to the window's end that day."""
        paris = moment.astimezone(PARIS)
        ends = datetime.combine(paris.date(), self.ends, PARIS)
        return int((ends - paris).total_seconds())

    def error(self, moment: datetime | None = None) -> ApiError:
        """Return the 503 of the window, seen at ``moment`` (by default its first second)."""
        moment = moment or datetime.combine(WORLD_DATE, self.starts, PARIS)
        return ApiError(
            "provider_maintenance",
            detail=f"Le fournisseur de données est en maintenance de {self.starts:%H:%M} à {self.ends:%H:%M}",
            meta={"retry_in": self.retry_in(moment)},
        )


def _load() -> dict[str, Window]:  # pragma: no mutate block
    """Load the windows, keyed by provider name."""
    with open(FIXTURES_DIR / "maintenances.json", encoding="utf-8") as handle:
        rows = json.load(handle)["windows"]
    return {
        provider: Window(time.fromisoformat(row["from"]), time.fromisoformat(row["to"]))
        for provider, row in rows.items()
    }


WINDOWS = _load()


def world_clock(header: str | None) -> datetime:
    """Return the world's moment a request sets with ``X-Mock-Clock``; raise 400 for a value that is none."""
    if header is None:
        return datetime.combine(WORLD_DATE, WORLD_TIME, PARIS)
    value = header.strip()
    try:
        if len(value) <= 8:
            return datetime.combine(WORLD_DATE, time.fromisoformat(value), PARIS)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ApiError("invalid_clock") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)


def check(provider: str, moment: datetime, scenario: str | None) -> None:
    """Raise the provider's 503 when ``moment`` is inside its window or the request names the scenario."""
    window = WINDOWS.get(provider)
    if window is None:
        return
    if scenario == SCENARIO:
        raise window.error()
    if window.covers(moment):
        raise window.error(moment)
