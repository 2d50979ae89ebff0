"""The scenario an admin forced on the next calls (``POST /__admin/scenario``).

A test that cannot choose the identifier its client sends, or that must see a scenario on
every call of a flow, forces the scenario server-side instead: on every route that plays it
(or only on the routes named), for a number of calls or until cleared, with an optional
delay for the slow provider. A request's own ``X-Mock-Scenario`` header still wins.

The forcing lives where the counters do (``shared_state``): with Redis, every worker and
replica plays the same forcing from the next request on, and counts down the same calls.
"""

from dataclasses import asdict, dataclass

from mockserver.catalogue import BY_NAME, Endpoint
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import NOMINAL, SCENARIOS
from mockserver.rules.spelling import closest
from mockserver.state import shared_state

# The longest slow-provider delay a forcing may ask for, in seconds.
MAX_DELAY_SECONDS = 60
# Times a call tries to count itself down while other calls keep counting the same forcing first.
MAX_COUNTDOWN_TRIES = 16


@dataclass(frozen=True)
class Forcing:
    """One forced scenario: which, on which routes (none named: all), how many calls left."""

    scenario: str
    routes: tuple[str, ...] = ()
    times: int | None = None
    delay_seconds: float | None = None

    def applies_to(self, endpoint: Endpoint) -> bool:
        """Tell whether the forcing plays on ``endpoint``: named (or all named) and able to play it."""
        named = not self.routes or endpoint.name in self.routes
        return named and (self.scenario == NOMINAL or self.scenario in endpoint.all_scenarios)


def parse(body: object) -> Forcing:
    """Read a forcing from an admin request body; raise a 400 for anything malformed."""
    if not isinstance(body, dict) or set(body) - {"scenario", "routes", "times", "delay_seconds"}:
        raise ApiError("bad_request")
    scenario, routes = body.get("scenario"), body.get("routes") or []
    times, delay = body.get("times"), body.get("delay_seconds")
    if scenario != NOMINAL and scenario not in SCENARIOS:
        raise ApiError("unknown_scenario", detail=unknown_name("scenario", scenario, [NOMINAL, *SCENARIOS]))
    if not isinstance(routes, list) or not all(isinstance(r, str) for r in routes):
        raise ApiError("bad_request")
    for index, route in enumerate(routes):
        if route not in BY_NAME:
            raise ApiError("bad_request", detail=unknown_name(f"routes[{index}]", route, BY_NAME))
    forcing = Forcing(scenario, tuple(routes), times, delay)
    for index, route in enumerate(routes):
        if not forcing.applies_to(BY_NAME[route]):
            raise ApiError(
                "unknown_scenario",
                detail=f"routes[{index}] : la route « {route} » ne joue pas le scénario « {scenario} » "
                "(GET /__admin/routes donne les scénarios de chaque route)",
            )
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise ApiError("bad_request")
    if delay is not None and (
        not isinstance(delay, int | float) or isinstance(delay, bool) or not 0 <= delay <= MAX_DELAY_SECONDS
    ):
        raise ApiError("bad_request")
    return forcing


def unknown_name(field: str, asked: str, known) -> str:
    """Word the error of an unknown scenario or route name: the field, the name, the nearest known one."""
    listing = "GET /__admin/scenarios" if field == "scenario" else "GET /__admin/routes"
    what = "un scénario" if field == "scenario" else "une route du catalogue"
    near = closest(asked, known)
    suggestion = f" ; vouliez-vous dire « {near} » ?" if near else ""
    return f"{field} : « {asked} » n'est pas {what}{suggestion} (voir {listing})"


def _forcing(record: dict | None) -> Forcing | None:
    """Return the forcing a stored record describes."""
    return None if record is None else Forcing(**{**record, "routes": tuple(record["routes"])})


def _record(forcing: Forcing | None) -> dict | None:
    return None if forcing is None else {**asdict(forcing), "routes": list(forcing.routes)}


class ForcedScenario:
    """The one forcing in effect, if any, kept in a shared-state slot; consumed call by call."""

    def __init__(self, slot=None):
        self._slot = slot if slot is not None else shared_state.MemorySlot()

    def set(self, forcing: Forcing) -> None:
        self._slot.write(_record(forcing))

    def clear(self) -> None:
        self._slot.write(None)

    @property
    def active(self) -> bool:
        """Tell whether a forcing is in effect (a glance, not a decision)."""
        return self._slot.read() is not None

    def describe(self) -> dict | None:
        """Return the forcing in effect as JSON, or None."""
        return _record(_forcing(self._slot.read()))

    def take(self, endpoint: Endpoint) -> Forcing | None:
        """Return the forcing that plays on this call of ``endpoint``, counting the call."""
        for _ in range(MAX_COUNTDOWN_TRIES):
            record = self._slot.read()
            forcing = _forcing(record)
            if forcing is None or not forcing.applies_to(endpoint):
                return None
            if forcing.times is None:
                return forcing
            left = forcing.times - 1
            if self._slot.swap(
                record,
                _record(Forcing(forcing.scenario, forcing.routes, left, forcing.delay_seconds)) if left else None,
            ):
                return forcing
        return None
