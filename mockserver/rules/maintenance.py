"""Providers' maintenance windows and the world's clock (siade MaintenanceService, MaintenanceError).

Production answers 503 with subcode 020 while a provider is inside its daily window of
``fixtures/maintenances.json``, before it looks at the identifier, and says when the window ends
(``meta.retry_in``, in seconds). The world's instant (``mockserver.clock``) is noon in Paris unless
a request sets its time with the ``X-Mock-Clock`` header, a Paris time (``01:30``) or an ISO 8601
date and time (``2025-06-30T01:30:00+02:00``), or an instance pins one: outside every window,
so answers do not change within a day. The ``provider_maintenance`` scenario plays the window as
at its first minute.
"""

import json
from dataclasses import dataclass
from datetime import datetime, time

from mockserver.clock import HISTORY_END, PARIS, parse
from mockserver.paths import FIXTURES_DIR
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import PROVIDER_MAINTENANCE as SCENARIO

CLOCK_HEADER = "X-Mock-Clock"


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
        # Any day gives the window's length; one without a change of summer time.
        moment = moment or datetime.combine(HISTORY_END, self.starts, PARIS)
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


def world_clock(header: str | None, default: datetime) -> datetime:
    """Return the world's instant of a request: its ``X-Mock-Clock`` (a time on ``default``'s day), else ``default``.

    Raise 400 for a header that is no instant, or one outside 1900-2100.
    """
    if header is None:
        return default
    try:
        return parse(header, default.astimezone(PARIS).date())
    except ValueError:
        raise ApiError("invalid_clock") from None


def check(provider: str, moment: datetime, scenario: str | None) -> None:
    """Raise the provider's 503 when ``moment`` is inside its window or the request names the scenario."""
    window = WINDOWS.get(provider)
    if window is None:
        return
    if scenario == SCENARIO:
        raise window.error()
    if window.covers(moment):
        raise window.error(moment)
