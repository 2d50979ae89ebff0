"""The trade and companies register (RCS) kept by the greffes: what Infogreffe knows of a company.

Companies and sole traders are entered in the register of the greffe of their head office's
commune; associations are not. The entry is drawn from a generator of its own, seeded by the
SIREN, so the company it describes is unchanged.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.clock import WORLD_DATE
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Company, Person
from mockserver.world.randomness import day_between, seeded, weighted


@dataclass(frozen=True)
class Observation:
    """A mention the greffe wrote on the entry."""

    numero: str
    libelle: str
    day: date


@dataclass(frozen=True)
class Registration:
    """A company's entry in the register."""

    greffe_code: str
    greffe: str
    registered_on: date
    observations: tuple[Observation, ...]
    origine_fonds: str
    fiscal_year_end: str

    @property
    def lifetime_end(self) -> date:
        """Return the end of the company's term: 99 years from its registration, as statutes usually set."""
        return self.registered_on.replace(year=self.registered_on.year + 99)


def registration(company: Company) -> Registration | None:
    """Return the company's RCS entry, or None for a unit the register does not know."""
    if company.is_association:
        return None
    rng = seeded("rcs", company.siren)
    greffe_code, greffe = nom.GREFFES[company.address.code_insee]
    # A company is registered within days of its creation, sometimes just before its activity starts.
    registered_on = company.created_on + timedelta(days=rng.randint(-5, 20))
    last_day = company.ceased_on or WORLD_DATE
    # The greffe's mentions concern companies (seat, capital, officers), not sole traders.
    count = rng.choice((0, 0, 1, 1, 2)) if company.person is None else 0
    observations = tuple(
        Observation(
            numero=str(rng.randint(1000, 99999)),
            libelle=rng.choice(nom.RCS_OBSERVATIONS),
            day=day_between(rng, registered_on, last_day),
        )
        for _ in range(count)
    )
    return Registration(
        greffe_code=greffe_code,
        greffe=greffe,
        registered_on=registered_on,
        observations=tuple(sorted(observations, key=lambda o: o.day)),
        origine_fonds=weighted(rng, nom.BUSINESS_ORIGINS),
        fiscal_year_end=weighted(rng, nom.FISCAL_YEAR_ENDS),
    )


def birthplace(person: Person) -> str:
    """Return the town a person was born in, the same wherever the person appears."""
    rng = seeded("birthplace", f"{person.nom}/{'-'.join(person.prenoms)}/{person.date_naissance}")
    code_insee, _, localite, _ = rng.choice(nom.COMMUNES)
    return "PARIS" if code_insee.startswith("751") else localite
