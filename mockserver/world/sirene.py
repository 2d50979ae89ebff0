"""What the current Sirene directory tells of a unit beyond the v2 fields: sigle, sex, ESS.

Each fact is drawn from a generator of its own, seeded by the identifier, so that adding
them changed no v2 answer.
"""

from functools import cache

from faker.providers.person.fr_FR import Provider as FrenchNames

from mockserver.world.entities import Company, Person
from mockserver.world.randomness import seeded, upper_ascii

# Words a sigle leaves out.
SIGLE_STOP_WORDS = {"DE", "DES", "DU", "LA", "LE", "LES", "ET", "D'", "L'", "A", "AU", "AUX"}


@cache
def _female_first_names() -> frozenset[str]:
    """Return the female first names the world draws from, spelled as the world prints them."""
    return frozenset(upper_ascii(name) for name in FrenchNames.first_names_female)


def sex(person: Person) -> str:
    """Return INSEE's sex of a person, "M" or "F", read from the first given name."""
    return "F" if person.prenom in _female_first_names() else "M"


def sigle(company: Company) -> str | None:
    """Return the acronym some legal persons register, made of their name's initials."""
    if company.person or seeded("sigle", company.siren).random() >= 0.25:
        return None
    words = [w for w in company.raison_sociale.replace("-", " ").split() if w not in SIGLE_STOP_WORDS]
    return "".join(word[0] for word in words) if len(words) > 1 else None


def economie_sociale_et_solidaire(company: Company) -> bool | None:
    """Tell whether the unit belongs to the social economy (associations do); unknown for a person."""
    if company.person:
        return None
    return company.is_association
