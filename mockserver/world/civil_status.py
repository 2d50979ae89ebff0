"""What the Sirene directory adds to a sole trader's name: more given names, a married name, a pseudonym.

Drawn from a generator of its own, seeded by the SIREN, so that no other draw of the
company moved: some sole traders have three or four given names, some women trade under
their married name (nom d'usage), and a few artists and craftsmen under a pseudonym.
"""

import random

from faker.providers.person.fr_FR import Provider as FrenchNames

from mockserver.world.entities import Person, amended
from mockserver.world.randomness import upper_ascii

# Of the persons with two given names, those with a third; of those, the ones with a fourth. The
# shares are higher than in life, so that a tester meets each case within a few dozen sole traders.
THIRD_NAME_SHARE = 0.6
FOURTH_NAME_SHARE = 0.6
MARRIED_NAME_SHARE = 0.25
PSEUDONYM_SHARE = 0.2
PSEUDONYM_STEMS = ("L'ATELIER", "LE PETIT", "MAISON", "LES MAINS DE", "STUDIO")


def _names(rng: random.Random, pool, count: int) -> tuple[str, ...]:
    """Draw ``count`` names of ``pool``, upper-cased without accents."""
    return tuple(upper_ascii(rng.choice(pool)) for _ in range(count))


def sole_trader(person: Person, female: bool, rng: random.Random) -> Person:
    """Return the sole trader ``person`` with the given names, married name and pseudonym drawn from ``rng``."""
    extra = 0
    if len(person.prenoms) == 2 and rng.random() < THIRD_NAME_SHARE:
        extra = 2 if rng.random() < FOURTH_NAME_SHARE else 1
    prenoms = person.prenoms + _names(rng, FrenchNames.first_names, extra)
    married = female and rng.random() < MARRIED_NAME_SHARE
    nom_usage = _names(rng, FrenchNames.last_names, 1)[0] if married else person.nom_usage
    pseudonyme = None
    if rng.random() < PSEUDONYM_SHARE:
        pseudonyme = f"{rng.choice(PSEUDONYM_STEMS)} {person.prenom}"
    return amended(person, prenoms=prenoms, nom_usage=nom_usage, pseudonyme=pseudonyme)
