"""INSEE's Sirene directory: the unité légale of a SIREN and the établissement of a SIRET.

A company is drawn from a random generator seeded by its SIREN (and an establishment by its
SIRET), so any valid identifier yields the same believable entity on every run and machine.
Names come from Faker ``fr_FR`` (``people``); codes and labels from the nomenclatures.
Curated entities in ``fixtures/entities.json`` override what the generator would have drawn
for a few well-known identifiers. The directory's other facts (sigle, sex, social economy)
are drawn from generators of their own, so adding them changed no earlier answer.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache, lru_cache
from random import Random
from typing import NamedTuple

from faker.providers.person.fr_FR import Provider as FrenchNames

from mockserver.rules import scenarios
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import civil_status, curated, people
from mockserver.world import nomenclatures as nom
from mockserver.world.association_kinds import association_kind
from mockserver.world.entities import Address, Company, Director, Establishment, Facet, Person, amended
from mockserver.world.postal import abroad_or_not, foreign_address, with_postal_extras
from mockserver.world.randomness import day_between, fraction, seeded, upper_ascii, weighted

# Commercial companies of which a few are foreign ones registered at the RCS for their French branch.
FOREIGN_CAPABLE_FORMS = ("5499", "5710", "5720", "5599", "5699")
FOREIGN_SHARE = 1 / 20


def _foreign_seat(siren: str, legal_form: str, fixed: dict, address: Address) -> Address | None:
    """Return the head office abroad of a company of foreign law, drawn from a generator of its own; None for most."""
    if fixed or legal_form not in FOREIGN_CAPABLE_FORMS:
        return None
    if fraction("seat_abroad", siren) >= FOREIGN_SHARE:
        return None
    return foreign_address(address, seeded("seat_abroad", siren))


def _address(street: Address, siren: str) -> Address:
    """Return the unit's address: the drawn street with the rarer parts drawn from a generator of their own."""
    return with_postal_extras(street, seeded("postal", siren))


# The drawn history's bounds, relative to its end: creations from 1955 to 200 days before it; a closing
# 400 days after the creation at the earliest and a month before the end at the latest (only for a unit
# created 430 days before it); Sirene's last update of a unit from 2018 to a month before the end.
EARLIEST_CREATION = date(1955, 1, 1)
NEWEST_CREATION_AGE = timedelta(days=200)
CLOSED_UNIT_MINIMUM_AGE = timedelta(days=430)
LIFE_BEFORE_CLOSING = timedelta(days=400)
EARLIEST_UPDATE = date(2018, 1, 1)
A_MONTH = timedelta(days=30)


# An officer as drawn: the function, then what the person took of the company's generator (``people.person_draws``).
OfficerDraws = tuple[str, tuple[date, int | None]]


def _directors(
    names: tuple[tuple[str, str], ...], first: int | None, officers: tuple[OfficerDraws, ...], auditor: int | None
) -> tuple[Director, ...]:
    """Return the officers built from their draws, named from ``names[first]`` on, then the auditor firm if any."""
    directors = tuple(
        Director(fonction=function, person=people.person_of(names[first + i], *draws))
        for i, (function, draws) in enumerate(officers)
    )
    if auditor is None:
        return directors
    firm = f"{upper_ascii(names[3][0])} AUDIT ET ASSOCIES"
    siren = with_check_digit(f"{auditor:08d}")
    return (*directors, Director(fonction="COMMISSAIRE AUX COMPTES TITULAIRE", raison_sociale=firm, siren=siren))


def company_name(surname: str, rng: Random) -> str:
    """Return a legal person's name: a founder's surname and a drawn suffix ("DUPONT ET FILS")."""
    return f"{upper_ascii(surname)} {rng.choice(nom.COMPANY_NAME_SUFFIXES)}"


def draw_company(siren: str, today: date) -> Company:
    """Draw the company of ``siren`` as it stands on ``today``, from the generator seeded by it.

    Every draw happens whether or not a curated field replaces it, so curating one field
    leaves the others as they were; fields drawn later depend on the curated ones. What the
    address and the officers take of the generator is drawn here, in its turn; they are built
    on their first read (``Facet``): their postal extras and second given names come from
    generators of their own.
    """
    rng = seeded("siren", siren)
    fixed = curated.COMPANIES.get(siren, {})
    drawn_form = weighted(rng, nom.LEGAL_FORM_WEIGHTS)
    legal_form = fixed.get("legal_form", association_kind(drawn_form, siren))
    naf = fixed.get("naf", rng.choice(nom.NAF_BY_LEGAL_FORM.get(legal_form, nom.NAF_GENERAL)))
    band = fixed.get("headcount_band", weighted(rng, nom.HEADCOUNT_WEIGHTS))
    if legal_form == nom.PERSONNE_PHYSIQUE and band not in ("NN", "00", "01", "02"):
        band = "01"
    created = fixed.get("created_on", day_between(rng, EARLIEST_CREATION, today - NEWEST_CREATION_AGE))
    ceased = None
    if rng.random() < 0.06 and created < today - CLOSED_UNIT_MINIMUM_AGE:
        ceased = day_between(rng, created + LIFE_BEFORE_CLOSING, today - A_MONTH)
    ceased = fixed.get("ceased_on", ceased)
    updated = day_between(rng, max(created, EARLIEST_UPDATE), today - A_MONTH)
    names = people.names(rng.getrandbits(32), 4)
    # Local-law associations are seated in Alsace-Moselle; the draw count stays the same.
    local_commune = rng.choice(nom.LOCAL_LAW_COMMUNES) if legal_form == nom.LOCAL_LAW_ASSOCIATION else None
    street = people.address(rng, local_commune)
    if "address" in fixed:
        # A curated address replaces the drawn one whole, its rarer parts included.
        address = Facet(fixed.__getitem__, "address")
        city = fixed["address"].city
    else:
        address = Facet(_address, street, siren)
        city = street.city

    person = None
    officers: tuple[OfficerDraws, ...] = ()
    first_officer_name = auditor = capital = nom_commercial = None
    if legal_form == nom.PERSONNE_PHYSIQUE:
        # A sole trader trades under the birth name: it is the usage name INSEE records.
        person = people.person_of(names[0], *people.person_draws(rng, created), nom_usage=upper_ascii(names[0][0]))
        person = civil_status.sole_trader(person, sex(person) == "F", seeded("civil_status", siren))
        if "person" in fixed:
            person = amended(person, **{**fixed["person"], "prenoms": tuple(fixed["person"]["prenoms"])})
        raison_sociale = f"{person.nom}*{person.nom_usage or ''}/{' '.join(person.prenoms)}/"
        if rng.random() < 0.3:
            nom_commercial = f"{person.nom} {rng.choice(nom.COMPANY_NAME_SUFFIXES)}"
    elif legal_form in nom.ASSOCIATION_FORMS:
        raison_sociale = f"{rng.choice(nom.ASSOCIATION_NAME_PREFIXES)} {city}"
        officers = tuple((f, people.person_draws(rng, today)) for f in nom.DIRECTOR_FUNCTIONS[legal_form])
        first_officer_name = 0
    else:
        raison_sociale = company_name(names[0][0], rng)
        if rng.random() < 0.35:
            nom_commercial = raison_sociale.split()[0]
        functions = nom.DIRECTOR_FUNCTIONS[legal_form][: rng.randint(1, 3)]
        officers = tuple((f, people.person_draws(rng, created)) for f in functions)
        first_officer_name = 1
        if legal_form in nom.AUDITED_FORMS:
            # The audit firm's SIREN, without its check digit.
            auditor = rng.randint(30000000, 89999999)
        floor = nom.MINIMUM_CAPITAL[legal_form]
        capital = max(floor, rng.choice((1000, 1500, 2000, 5000, 7500, 10000, 15000, 37000, 50000, 100000, 250000)))
    # A foreign company keeps the draws of the form it was drawn with (officers, capital), as its
    # French branch's officers and its capital are registered.
    # A seat abroad reads the street's number alone, which the postal extras leave as drawn.
    seat_abroad = _foreign_seat(siren, legal_form, fixed, street)
    if seat_abroad:
        legal_form = nom.FOREIGN_COMPANY
    raison_sociale = fixed.get("raison_sociale", raison_sociale)
    nom_commercial = fixed.get("nom_commercial", nom_commercial)
    enseigne = nom_commercial if nom_commercial and rng.random() < 0.5 else None

    return Company(
        siren=siren,
        legal_form=legal_form,
        naf=naf,
        headcount_band=band,
        headcount_year=fixed.get("headcount_year", today.year - rng.randint(2, 3)),
        created_on=created,
        ceased_on=ceased,
        updated_on=fixed.get("updated_on", updated),
        siege_nic=fixed.get("siege_nic", with_check_digit(siren + f"{rng.randint(1, 40):04d}")[9:]),
        address_facet=address,
        raison_sociale=raison_sociale,
        nom_commercial=nom_commercial,
        enseigne=fixed.get("enseigne", enseigne),
        capital=fixed.get("capital", capital),
        person=person,
        directors_facet=Facet(_directors, names, first_officer_name, officers, auditor),
        statut_diffusion=fixed.get("statut_diffusion", "O"),
        rna_id=fixed.get("rna_id"),
        seat_abroad=seat_abroad,
        unclassified="categorie_entreprise" in fixed and fixed["categorie_entreprise"] is None,
    )


def draw_establishment(owner: Company, siret: str, today: date) -> Establishment:
    """Draw the establishment ``siret`` of ``owner``: the head office, or a secondary site seeded by its SIRET."""
    if siret == owner.siege_siret:
        fixed = curated.HEAD_OFFICES.get(owner.siren, {})
        return Establishment(
            siret=siret,
            company=owner,
            address=owner.head_office_address,
            naf=fixed.get("naf", owner.naf),
            headcount_band=fixed.get("headcount_band", owner.headcount_band),
            created_on=fixed.get("created_on", owner.created_on),
            closed_on=fixed.get("closed_on", owner.ceased_on),
            updated_on=fixed.get("updated_on", owner.updated_on),
            enseigne=fixed.get("enseigne", owner.enseigne),
        )
    if siret in curated.ESTABLISHMENTS:
        fixed = curated.ESTABLISHMENTS[siret]
        return Establishment(
            siret=siret,
            company=owner,
            address=fixed["address"],
            naf=owner.naf,
            headcount_band=owner.headcount_band,
            created_on=fixed["created_on"],
            closed_on=fixed.get("closed_on", owner.ceased_on),
            updated_on=max(fixed["created_on"], owner.updated_on),
            enseigne=owner.enseigne,
        )
    rng = seeded("siret", siret)
    same_region = [c for c in nom.COMMUNES if c[3] == owner.address.region_code]
    commune = rng.choice(same_region) if rng.random() < 0.7 else rng.choice(nom.COMMUNES)
    created = day_between(rng, owner.created_on, owner.ceased_on or today - timedelta(days=60))
    closed = owner.ceased_on
    if closed is None and rng.random() < 0.15:
        closed = day_between(rng, created + timedelta(days=30), today - timedelta(days=10))
    employing = list(nom.HEADCOUNT_BANDS)[1:]
    band = "NN"
    if owner.headcount_band != "NN":
        band = employing[min(employing.index(owner.headcount_band), rng.randint(0, 6))]
    # Drawn after the band, as before the postal extras existed, so that no establishment moved.
    address = with_postal_extras(people.address(rng, commune), seeded("postal", siret))
    return Establishment(
        siret=siret,
        company=owner,
        address=abroad_or_not(address, seeded("abroad", siret)),
        naf=owner.naf,
        headcount_band=band,
        created_on=created,
        closed_on=closed,
        updated_on=max(created, owner.updated_on),
        enseigne=owner.enseigne,
    )


# After the drawn history the world goes on: each year, this share of the active companies closes.
YEARLY_CLOSING_SHARE = 0.015


def later_days(
    kind: str, siren: str, share: float, history_end: date, at: date, ceased_on: date | None = None
) -> Iterator[tuple[date, str]]:
    """Yield the day and key of each yearly event ``kind`` of ``siren`` after ``history_end`` and by ``at``.

    Each year is a draw of (SIREN, year) alone, with this share of the companies, before ``ceased_on``: a later
    instant adds events, never moves one seen earlier.
    """
    for year in range(history_end.year, at.year + 1):
        key = f"{siren}:{year}"
        if fraction(kind, key) >= share:
            continue
        day = date(year, 1, 1) + timedelta(days=int(fraction(f"{kind}_day", key) * 365))
        if history_end < day <= at and not (ceased_on and day >= ceased_on):
            yield day, key


def later_closing(siren: str, history_end: date, at: date) -> date | None:
    """Return the day a company active at the end of the drawn history closed, if by ``at``."""
    return next((day for day, _ in later_days("closing", siren, YEARLY_CLOSING_SHARE, history_end, at)), None)


# After the drawn history officers change too: each year, this share of the companies with officers replaces
# one (a gérant or a président stays in office some twelve years on average).
YEARLY_OFFICER_CHANGE_SHARE = 0.08


class Replacement(NamedTuple):
    """An officer replaced after the drawn history: the day, the seat in ``Company.directors``, the new officer."""

    day: date
    seat: int
    officer: Director


def officer_replacements(
    directors: tuple[Director, ...], siren: str, history_end: date, at: date, ceased_on: date | None
) -> tuple[Replacement, ...]:
    """Return the officers of ``siren`` replaced after ``history_end`` and by ``at``, before its closing, oldest first.

    Each year is a draw of (SIREN, year) alone, as ``later_closing``'s: a later instant adds replacements and
    moves none. The one replaced is a natural person (never the auditing firm); the new one keeps the function.
    """
    seats = [seat for seat, director in enumerate(directors) if director.person]
    if not seats:
        return ()
    replacements = []
    for day, key in later_days("officer_change", siren, YEARLY_OFFICER_CHANGE_SHARE, history_end, at, ceased_on):
        rng = seeded("officer", key)
        seat = seats[rng.randint(0, len(seats) - 1)]
        person = people.person(rng, people.names(rng.getrandbits(32), 1)[0], day)
        replacements.append(Replacement(day, seat, Director(fonction=directors[seat].fonction, person=person)))
    return tuple(replacements)


def later_officers(
    directors: tuple[Director, ...], siren: str, history_end: date, at: date, ceased_on: date | None
) -> tuple[Director, ...]:
    """Return the officers of ``siren`` in office on ``at``: ``directors`` with the later replacements made."""
    officers = list(directors)
    for replacement in officer_replacements(directors, siren, history_end, at, ceased_on):
        officers[replacement.seat] = replacement.officer
    return tuple(officers)


# After the drawn history legal persons also rename themselves: each year, this share of them takes a new
# name (a change of dénomination is one of the commoner amendments filed at the trade register).
YEARLY_NAME_CHANGE_SHARE = 0.02


def later_name(siren: str, history_end: date, at: date, ceased_on: date | None) -> tuple[date, str] | None:
    """Return the day and the name of the last change of ``siren``'s name after ``history_end``, by ``at``.

    Each year is a draw of (SIREN, year) alone, as ``later_closing``'s: a later instant adds changes and
    moves none. None is made on or after the closing; the new name is drawn as ``draw_company`` draws one.
    """
    renamed = None
    for day, key in later_days("name_change", siren, YEARLY_NAME_CHANGE_SHARE, history_end, at, ceased_on):
        rng = seeded("name", key)
        renamed = day, company_name(people.names(rng.getrandbits(32), 1)[0][0], rng)
    return renamed


# Of the SIRENs, those INSEE keeps as duplicates (doublons) of another unit's: asked for one, Sirene
# redirects to its successor, which every register knows in its stead.
DUPLICATE_SHARE = 1 / 50
# Identifiers that must answer as themselves: the entities curated with fields of their own, the
# scenarios' reserved ones and the official staging cases (a SIRET's SIREN stands for it).
NEVER_DUPLICATES = frozenset(
    {*(siren for siren, fields in curated.COMPANIES.items() if fields)}
    | {i[:9] for i in scenarios.RESERVED if i.isdigit()}
    | {i[:9] for case in scenarios.STAGING_TABLE for i in case["identifiers"] if i.isdigit()}
)


def _is_duplicate(siren: str) -> bool:
    """Tell whether Sirene keeps ``siren`` as a duplicate of another unit's."""
    return siren not in NEVER_DUPLICATES and fraction("duplicate", siren) < DUPLICATE_SHARE


def successor_siren(siren: str) -> str:
    """Return the SIREN a duplicate ``siren`` was merged into: a unit that is no duplicate itself."""
    rng = seeded("successor", siren)
    while True:
        successor = with_check_digit(f"{rng.randint(300000000, 899999999) // 10:08d}")
        if not _is_duplicate(successor):
            return successor


def duplicate_of(siren: str) -> str | None:
    """Return the successor of a duplicate ``siren``, or None for a unit of its own (most)."""
    return successor_siren(siren) if _is_duplicate(siren) else None


# How long after its successor's creation Sirene merges a duplicate at the earliest.
MERGE_DELAY = timedelta(days=30)


def draw_merge_day(siren: str, successor_created_on: date, history_end: date) -> date:
    """Draw the day Sirene merged a duplicate ``siren`` into its successor: after the successor's creation."""
    earliest = successor_created_on + MERGE_DELAY
    return day_between(seeded("merged", siren), earliest, history_end) if earliest < history_end else history_end


# Words a sigle leaves out.
SIGLE_STOP_WORDS = {"DE", "DES", "DU", "LA", "LE", "LES", "ET", "D'", "L'", "A", "AU", "AUX"}


@cache
def _female_first_names() -> frozenset[str]:
    """Return the female first names the world draws from, spelled as the world prints them."""
    return frozenset(upper_ascii(name) for name in FrenchNames.first_names_female)


def sex(person: Person) -> str:
    """Return INSEE's sex of a person, "M" or "F", read from the first given name."""
    return "F" if person.prenom in _female_first_names() else "M"


# Of the legal persons, the share that registers a sigle.
SIGLE_SHARE = 0.25


# As many as the world keeps companies: every route showing a unit reads its sigle, and each reading
# would seed the generator anew (it costs more than the rest of the sigle).
@lru_cache(maxsize=4096)
def _registers_sigle(siren: str) -> bool:
    """Tell whether the legal person ``siren`` registers a sigle: one draw of a generator of its own."""
    return seeded("sigle", siren).random() < SIGLE_SHARE


def sigle(company: Company) -> str | None:
    """Return the acronym some legal persons register, made of their name's initials (or a curated one)."""
    fixed = curated.COMPANIES.get(company.siren, {})
    if "sigle" in fixed:
        return fixed["sigle"]
    if company.person or not _registers_sigle(company.siren):
        return None
    words = [w for w in company.raison_sociale.replace("-", " ").split() if w not in SIGLE_STOP_WORDS]
    return "".join(word[0] for word in words) if len(words) > 1 else None


def economie_sociale_et_solidaire(company: Company) -> bool | None:
    """Tell whether the unit belongs to the social economy (associations do, unless curated); unknown for a person."""
    fixed = curated.COMPANIES.get(company.siren, {})
    if "economie_sociale_et_solidaire" in fixed:
        return fixed["economie_sociale_et_solidaire"]
    if company.person:
        return None
    return company.is_association
