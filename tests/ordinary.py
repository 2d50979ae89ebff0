"""SIRENs of ordinary units of the world, drawn at random: the duplicates left out.

A duplicate SIREN (one in fifty) names its successor's unit, whose own SIREN every route shows:
tests that compare a unit's routes with one another draw the units that answer as themselves.
"""

import random
from collections.abc import Iterator

from mockserver import world
from mockserver.rules.identifiers import with_check_digit


def ordinary_sirens(rng: random.Random, low: int = 10_000_000, high: int = 89_999_999) -> Iterator[str]:
    """Yield SIRENs drawn from ``rng`` (their first eight digits between ``low`` and ``high``) that are no duplicate."""
    while True:
        siren = with_check_digit(f"{rng.randint(low, high):08d}")
        if not world.is_duplicate(siren):
            yield siren


def drawn(count: int, seed: int, low: int = 10_000_000, high: int = 89_999_999) -> list[str]:
    """Return ``count`` ordinary SIRENs drawn from the generator seeded by ``seed``."""
    sirens = ordinary_sirens(random.Random(seed), low, high)
    return [next(sirens) for _ in range(count)]
