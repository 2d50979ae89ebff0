"""INSEE's succession links: which establishment took over from which.

A link joins two establishments of the same company whose sequence numbers follow each other:
when a site closes and its business moves, the next site of the company carries it on. The
link is decided by the closed site alone, so the predecessor and the successor tell the same
story whichever one is asked. A few links are curated (``curated.SUCCESSIONS``, production's
staging example): a site one of them names has those links alone, dated as the files date them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.rules.identifiers import with_check_digit
from mockserver.world import curated
from mockserver.world.entities import Establishment
from mockserver.world.randomness import seeded

MOVED_SHARE = 0.6
CONTINUITY_SHARE = 0.8
LAST_SEQUENCE = 9999


@dataclass(frozen=True)
class Succession:
    """A link between a predecessor and a successor establishment."""

    predecessor: str
    successor: str
    day: date
    head_office_moved: bool
    economic_continuity: bool


def _neighbour(siret: str, step: int) -> str | None:
    """Return the SIRET of the same company's site ``step`` sequence numbers away, if there is one."""
    sequence = int(siret[9:13]) + step
    if not 1 <= sequence <= LAST_SEQUENCE:
        return None
    return with_check_digit(siret[:9] + f"{sequence:04d}")


def link_from(
    site: Establishment, successor: Establishment | None, today: date, forced: bool = False
) -> Succession | None:
    """Return the link a closed ``site`` starts, to the next site of its company (None if its business stopped).

    A ``forced`` link exists whatever the draw, dated the day the site closed or, for an open one, a
    month per sequence number after the company's creation: a chain of forced links runs forward in time.
    """
    if successor is None:
        return None
    rng = seeded("succession", site.siret)
    moved = site.closed_on is not None and site.company.ceased_on is None and rng.random() < MOVED_SHARE
    if not moved and not forced:
        return None
    return Succession(
        predecessor=site.siret,
        successor=successor.siret,
        day=site.closed_on or min(site.company.created_on + timedelta(days=30 * int(site.siret[9:13])), today),
        head_office_moved=successor.is_siege,
        economic_continuity=rng.random() < CONTINUITY_SHARE,
    )


def next_siret(siret: str) -> str | None:
    """Return the SIRET a closed site's business would move to: the company's next sequence number."""
    return _neighbour(siret, 1)


def previous_siret(siret: str) -> str | None:
    """Return the SIRET of the site that would have moved to ``siret``: the previous sequence number."""
    return _neighbour(siret, -1)


def curated_links(siret: str) -> list[Succession]:
    """Return the curated links that name ``siret`` at either end (none for almost every site)."""
    return [
        Succession(
            predecessor=link["predecessor"],
            successor=link["successor"],
            day=link["day"],
            head_office_moved=link["head_office_moved"],
            economic_continuity=link["economic_continuity"],
        )
        for link in curated.SUCCESSIONS
        if siret in (link["predecessor"], link["successor"])
    ]
