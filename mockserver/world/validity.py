"""Certificates and labels as chains of dated periods: granted once, renewed at each term while drawn to be.

A certificate's life is drawn in absolute dates from its key: the day it was first granted, the
length of a period, and for each term whether it was renewed. Read on a day, it shows the period
that holds then, or nothing (not granted yet, or not renewed that term): a period granted after the
day is never seen, and what held on a day reads the same whatever later day it is read on.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world.randomness import fraction, years_after


@dataclass(frozen=True)
class Period:
    """One period of a certificate: its rank in the chain (0: the first grant), its first and last days."""

    rank: int
    granted_on: date
    valid_until: date


def period_at(kind: str, key: str, first: date, years: int, renewed: float, at: date) -> Period | None:
    """Return the period of ``key``'s certificate (first granted on ``first``, ``years`` long) that holds on ``at``.

    Each later term is renewed with the chance ``renewed``, drawn from (kind, key, term): a term not
    renewed shows nothing, and the next may be granted again.
    """
    if at < first:
        return None
    rank = 0
    while years_after(first, (rank + 1) * years) <= at:
        rank += 1
    if rank and fraction(kind, f"{key}:{rank}") >= renewed:
        return None
    return Period(rank, years_after(first, rank * years), years_after(first, (rank + 1) * years) - timedelta(days=1))
