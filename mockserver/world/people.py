"""People and places the world draws: names from Faker ``fr_FR``, adults, street addresses, signatories.

Each helper takes the caller's seeded generator (or a seed drawn from it), so what it draws
depends only on the identifier that seeded the caller. Faker's version is pinned: names
depend on it. They are drawn from Faker's French lists as a seeded ``Faker("fr_FR")`` draws
them (its ``last_name`` and ``first_name`` are one ``choice`` each from a generator seeded with
the seed), without Faker's call layers and lock: the same names at a fraction of the cost
(``tests/test_world_draws.py`` compares them with Faker's over thousands of seeds).
"""

import random
from datetime import date, timedelta

from faker.providers.person.fr_FR import Provider as FrenchNames

from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Address, Person
from mockserver.world.randomness import WorldRandom, day_between, upper_ascii, weighted

LAST_NAMES = FrenchNames.last_names
FIRST_NAMES = FrenchNames.first_names


def names(seed: int, count: int) -> tuple[tuple[str, str], ...]:
    """Draw ``count`` (last name, first name) pairs as Faker ``fr_FR`` seeded with ``seed`` does."""
    choice = WorldRandom(seed).choice
    # A tuple of strings: a company keeps its officers' names until they are read, and the collector leaves it be.
    return tuple([(choice(LAST_NAMES), choice(FIRST_NAMES)) for _ in range(count)])


def address(
    rng: random.Random,
    commune: tuple[str, str, str, str] | None = None,
    *,
    highest_number: int = 180,
    complement_rate: float = 0.12,
) -> Address:
    """Draw a street address in a commune of the nomenclature."""
    code_insee, code_postal, localite, region_code = commune or rng.choice(nom.COMMUNES)
    return Address(
        numero_voie=str(rng.randint(1, highest_number)),
        type_voie=weighted(rng, nom.STREET_TYPE_WEIGHTS),
        nom_voie=rng.choice(nom.STREET_NAMES),
        complement=rng.choice(nom.ADDRESS_COMPLEMENTS) if rng.random() < complement_rate else None,
        code_postal=code_postal,
        code_insee=code_insee,
        localite=localite,
        region_code=region_code,
    )


def office_address(rng: random.Random, city_of: Address) -> Address:
    """Draw the street address of a public office in the entity's commune."""
    return Address(
        numero_voie=str(rng.randint(1, 60)),
        type_voie="RUE",
        nom_voie=rng.choice(nom.STREET_NAMES),
        complement=None,
        code_postal=city_of.code_postal,
        code_insee=city_of.code_insee,
        localite=city_of.localite,
        region_code=city_of.region_code,
    )


def person(rng: random.Random, name: tuple[str, str], born_before: date) -> Person:
    """Make an adult person from a drawn name."""
    return person_of(name, *person_draws(rng, born_before))


# An adult of the world was born from 1945 on, twenty years (of 365 days) before the day they are drawn for.
EARLIEST_BIRTH = date(1945, 1, 1)
ADULT_AGE = timedelta(days=365 * 20)


def person_draws(rng: random.Random, born_before: date) -> tuple[date, int | None]:
    """Draw what an adult takes of the caller's generator: a birth day, and for some the seed of a second given name."""
    born = day_between(rng, EARLIEST_BIRTH, born_before - ADULT_AGE)
    return born, rng.getrandbits(32) if rng.random() < 0.4 else None


def person_of(name: tuple[str, str], born: date, second_name_seed: int | None, nom_usage: str | None = None) -> Person:
    """Make the adult of a drawn name from their draws (``person_draws``)."""
    last, first = name
    extra = (upper_ascii(names(second_name_seed, 1)[0][1]),) if second_name_seed is not None else ()
    return Person(nom=upper_ascii(last), prenoms=(upper_ascii(first), *extra), date_naissance=born, nom_usage=nom_usage)


def signatory(seed: int) -> str:
    """Return the name of a fictional signatory, "Prénom NOM"."""
    last, first = names(seed, 1)[0]
    return f"{first} {upper_ascii(last)}"


def fiction_phone(rng: random.Random) -> str:
    """Draw a phone number of the range ARCEP reserves for fiction (01 99 00 xx xx)."""
    return f"01 99 00 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
