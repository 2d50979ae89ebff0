"""Who owns a company: its shareholders, its subsidiaries, and the beneficial owners that follow.

The shareholders are the company's own officers of the RCS (the natural persons among its
directors), sometimes alongside a holding company; their shares split the registered capital.
The beneficial owners the RNE publishes follow from them: every natural person holding more
than a quarter of the capital, or, when nobody does, the legal representative. The DGFIP's
tax return (liasse 2059-F/G) lists the same shareholders and the company's own subsidiaries.
Sole traders and associations have no capital, so neither register knows them.
"""

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

from mockserver.rules.identifiers import with_check_digit
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Address, Company, Person
from mockserver.world.randomness import seeded

HOLDING_SHARE = 0.25
SUBSIDIARIES_SHARE = 0.15
CONTROL_THRESHOLD = 25.0
BARE_OWNERSHIP_SHARE = 0.1
FOREIGN_RESIDENT_SHARE = 0.05
NATIONALITIES = {"France": 95, "Belgique": 2, "Italie": 2, "Espagne": 1}
# Of the women among shareholders, those who declare a married name (drawn apart, seeded by the person).
MARRIED_NAME_SHARE = 0.3
MARRIED_NAMES = ("MARTIN", "BERNARD", "PETIT", "DURAND", "LEROY", "MOREAU", "FOURNIER", "GIRARD")
# Of the homes, those in a hamlet or a place with a name of its own (lieu-dit).
HAMLET_SHARE = 0.1
HAMLETS = ("LIEU-DIT LES GRANGES", "HAMEAU DU MOULIN", "LIEU-DIT LA CROIX BLANCHE", "HAMEAU DES VIGNES")
# The auditor the RCS lists is no owner.
AUDITOR = "COMMISSAIRE AUX COMPTES"
LOOKUPS = 20


@dataclass(frozen=True)
class Shareholder:
    """A holder of part of the capital: a natural person, or a company."""

    percentage: float
    shares: int
    person: Person | None = None
    company: Company | None = None
    bare_ownership: float = 0.0
    nationality: str = "France"
    residence: str = "FRANCE"
    uuid: str = ""


@dataclass(frozen=True)
class DeclaredOwner:
    """A beneficial owner as the RNE's declaration lists it (a staging file's), its modalities in the API's words.

    The register publishes what was declared: the modalities are not derived from any share of the capital.
    """

    uuid: str
    nom: str
    nom_usage: str | None
    prenoms: tuple[str, ...]
    born: str
    nationality: str
    residence: str
    modalities: dict


@dataclass(frozen=True)
class DeclaredLinks:
    """The capital links a tax return declares (a staging file's), each line in the return's own words.

    Its shareholders (form 2059-F) and subsidiaries (2059-G) name units the world does not draw alike.
    """

    shareholders: tuple[dict, ...]
    subsidiaries: tuple[dict, ...]


@dataclass(frozen=True)
class Ownership:
    """The capital of a company and the stakes it holds in others."""

    shareholders: tuple[Shareholder, ...]
    subsidiaries: tuple[tuple[Company, float], ...]
    representative: Person | None


def _person_key(person: Person) -> str:
    """Return what names a person wherever the person appears: names and day of birth."""
    return f"{person.nom}/{'-'.join(person.prenoms)}/{person.date_naissance}"


def married_name(person: Person, female: bool) -> str | None:
    """Return the married name a woman declares as a shareholder or beneficial owner, or None."""
    if not female:
        return None
    rng = seeded("married_name", _person_key(person))
    return rng.choice(MARRIED_NAMES) if rng.random() < MARRIED_NAME_SHARE else None


def home_address(person: Person) -> Address:
    """Return where a person lives (a shareholder, an officer), the same wherever the person appears."""
    rng = seeded("home", _person_key(person))
    code_insee, code_postal, localite, region_code = rng.choice(nom.COMMUNES)
    numero, type_voie, nom_voie = (
        str(rng.randint(1, 120)),
        rng.choice(sorted(nom.STREET_TYPES)),
        rng.choice(nom.STREET_NAMES),
    )
    # Drawn last, so that no home moved.
    hamlet = rng.choice(HAMLETS) if rng.random() < HAMLET_SHARE else None
    return Address(
        numero_voie=numero,
        type_voie=type_voie,
        nom_voie=nom_voie,
        complement=hamlet,
        code_postal=code_postal,
        code_insee=code_insee,
        localite=localite,
        region_code=region_code,
    )


def has_capital(company: Company) -> bool:
    """Tell whether the company has a registered capital split into shares."""
    return company.capital is not None and company.person is None and not company.is_association


def _other_company(rng: random.Random, lookup: Callable[[str], Company], owner: Company) -> Company | None:
    """Draw another company of the world that has a capital (a holding or a subsidiary)."""
    for _ in range(LOOKUPS):
        siren = with_check_digit(f"{rng.randint(30_000_000, 89_999_999):08d}")
        other = lookup(siren)
        if siren != owner.siren and has_capital(other) and other.is_active:
            return other
    return None


def _split(rng: random.Random, count: int, total: float) -> list[float]:
    """Split ``total`` per cent into ``count`` stakes, largest first, to the tenth."""
    weights = sorted((rng.uniform(1, 4) for _ in range(count)), reverse=True)
    stakes = [round(total * w / sum(weights), 1) for w in weights]
    stakes[0] = round(total - sum(stakes[1:]), 1)
    return stakes


def draw_ownership(company: Company, lookup: Callable[[str], Company]) -> Ownership | None:
    """Draw who owns ``company`` and what it owns, or None for a unit without capital."""
    if not has_capital(company):
        return None
    rng = seeded("shareholding", company.siren)
    officers = [d.person for d in company.directors if d.person and not d.fonction.startswith(AUDITOR)]
    holding = _other_company(rng, lookup, company) if rng.random() < HOLDING_SHARE else None
    holders: list[Shareholder] = []
    total_shares = max(company.capital // rng.choice((1, 10, 100)), 100)
    people_total = 100.0 if holding is None else rng.choice((20.0, 40.0, 49.0))
    if holding:
        holders.append(Shareholder(100.0 - people_total, 0, company=holding))
    for person, stake in zip(officers, _split(rng, len(officers), people_total), strict=True):
        holders.append(
            Shareholder(
                stake,
                0,
                person=person,
                bare_ownership=round(stake * 0.2, 1) if rng.random() < BARE_OWNERSHIP_SHARE else 0.0,
                nationality=rng.choices(list(NATIONALITIES), weights=list(NATIONALITIES.values()))[0],
                residence="BELGIQUE" if rng.random() < FOREIGN_RESIDENT_SHARE else "FRANCE",
                uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            )
        )
    shareholders = tuple(replace(h, shares=round(total_shares * h.percentage / 100)) for h in holders)
    subsidiaries = []
    if rng.random() < SUBSIDIARIES_SHARE:
        for _ in range(rng.randint(1, 2)):
            other = _other_company(rng, lookup, company)
            if other:
                subsidiaries.append((other, rng.choice((10.0, 33.3, 51.0, 100.0))))
    return Ownership(shareholders, tuple(subsidiaries), officers[0] if officers else None)


def representative_of(company: Company) -> Person | None:
    """Return the company's legal representative: its first officer who is a natural person, not its auditor."""
    return next((d.person for d in company.directors if d.person and not d.fonction.startswith(AUDITOR)), None)


def beneficial_owners(ownership: Ownership) -> tuple[Shareholder, ...]:
    """Return the beneficial owners: natural persons above a quarter, or else the legal representative.

    A representative who holds no share (one who replaced a shareholding officer) is the beneficial owner
    by default with none, under a UUID of their own (drawn from who they are).
    """
    people = [h for h in ownership.shareholders if h.person]
    owners = tuple(h for h in people if h.percentage > CONTROL_THRESHOLD)
    if owners:
        return owners
    representative = ownership.representative
    holding = tuple(h for h in people if h.person == representative)
    if holding or representative is None:
        return holding
    drawn = seeded("beneficial_owner", _person_key(representative))
    return (Shareholder(0.0, 0, person=representative, uuid=str(uuid.UUID(int=drawn.getrandbits(128), version=4))),)
