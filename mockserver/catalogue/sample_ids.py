"""Random valid identifiers, for the console's "draw" button (``GET /__admin/random/<kind>``).

A drawn identifier passes the API's validation and names an ordinary entity of the world:
never one reserved for a scenario. A SIRET is drawn as the head office of a drawn company,
so that it belongs to a SIREN the world knows as its owner. A kind of the form ``a_or_b``
(``siret_or_rna``) draws one of its parts.
"""

import random

from mockserver import world
from mockserver.rules import scenarios
from mockserver.rules.identifiers import with_check_digit

URL = "/__admin/random/{kind}"


def _siren(rng: random.Random) -> str:
    """Draw a SIREN that no scenario reserves."""
    while True:
        siren = with_check_digit(f"{rng.randint(30_000_000, 99_999_999):08d}")
        if scenarios.reserved_scenario(siren) is None:
            return siren


def _siret(rng: random.Random) -> str:
    """Draw the head office SIRET of a drawn company."""
    return world.company(_siren(rng)).siege_siret


def _rna(rng: random.Random) -> str:
    """Draw an RNA number: "W", a department-like pair of digits, seven digits."""
    while True:
        rna = f"W{rng.randint(10, 99)}{rng.randint(0, 9_999_999):07d}"
        if scenarios.reserved_scenario(rna) is None:
            return rna


def _annee(rng: random.Random) -> str:
    """Draw one of the world's last three closed years."""
    return str(world.WORLD_DATE.year - rng.randint(1, 3))


def _month(rng: random.Random) -> str:
    """Draw a month, written on two digits."""
    return f"{rng.randint(1, 12):02d}"


# Identifier kind -> how to draw one.
DRAWS = {
    "siren": _siren,
    "siret": _siret,
    "rna": _rna,
    "annee": _annee,
    "year": _annee,
    "dgfip_year": _annee,
    "current_year": _annee,
    "month": _month,
}


def _parts(kind: str) -> list[str]:
    """Return the drawable kinds a (possibly composite) kind accepts."""
    return [part for part in kind.split("_or_") if part in DRAWS]


def url(kind: str) -> str | None:
    """Return the admin URL that draws an identifier of ``kind``, or None when none can be drawn."""
    return URL.format(kind=kind) if _parts(kind) else None


def draw(kind: str, rng: random.Random) -> str:
    """Draw a valid identifier of ``kind``; raise ``KeyError`` for a kind that cannot be drawn."""
    parts = _parts(kind)
    if not parts:
        raise KeyError(kind)
    return DRAWS[rng.choice(parts)](rng)
