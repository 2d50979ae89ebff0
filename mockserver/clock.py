"""The world's instant: each request reads the fictional France at one moment, in Paris time.

The moment is an input, never a hidden "today": a request sets it with ``X-Mock-Clock``, an
instance pins it with ``MOCKSERVER_CLOCK`` / ``--clock`` (or ``POST /__admin/clock``), and by
default it is today in Paris. The default and a date given alone read the world at noon, outside
every provider's maintenance window: the data changes from one day to the next, never within a
day, so the same request on the same day gives the same bytes. The registers' histories are
drawn once per entity in absolute dates up to ``HISTORY_END`` (closings go on after it, year by
year); what production issues at the call (attestations, extracts, the dates printed in PDFs)
is dated at the instant.
"""

import time as wall
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
# The last day the registers' histories (creations, closings, changes) are drawn to; the periodic
# series (accounts, headcounts, attestations) continue after it at any instant.
HISTORY_END = date(2025, 6, 30)
# The world's time of day when a request gives a day alone, or none.
NOON = time(12, 0)
# The instants the world can be read at: a clock outside them is a client's error (400 99007).
FIRST_YEAR, LAST_YEAR = 1900, 2100


# Today in Paris, and the wall-clock second it ends at: every request asks, the answer changes once a day.
_today = (date.min, 0.0)


def today() -> date:
    """Return today's date in Paris."""
    global _today
    day, ends_at = _today
    now = wall.time()
    if now >= ends_at:
        day = datetime.fromtimestamp(now, PARIS).date()
        _today = day, datetime.combine(day + timedelta(days=1), time(0), PARIS).timestamp()
    return day


def parse(text: str, day: date) -> datetime:
    """Read a clock: a Paris time (HH:MM) on ``day``, a date (at noon), or an ISO 8601 date and time.

    Raise ``ValueError`` for anything else, or an instant outside 1900-2100.
    """
    value = text.strip()
    if len(value) <= 8:
        moment = datetime.combine(day, time.fromisoformat(value), PARIS)
    elif len(value) == 10:
        moment = datetime.combine(date.fromisoformat(value), NOON, PARIS)
    else:
        moment = datetime.fromisoformat(value)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=PARIS)
    if not FIRST_YEAR <= moment.astimezone(PARIS).year <= LAST_YEAR:
        raise ValueError(f"{value}: outside {FIRST_YEAR}-{LAST_YEAR}")
    return moment


def default_instant(pinned: str) -> datetime:
    """Return the instant of a request that sets none: the pinned one, else today in Paris at noon."""
    return _default_instant(pinned, today())


@lru_cache(maxsize=64)
def _default_instant(pinned: str, day: date) -> datetime:
    """Return the instant ``pinned`` names on ``day`` (a time alone is one of that day), or that day at noon."""
    return parse(pinned, day) if pinned else datetime.combine(day, NOON, PARIS)
