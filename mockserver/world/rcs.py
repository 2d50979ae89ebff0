"""The trade and companies register (RCS, now part of the RNE): one entry per registered company.

Every route that reads the register — v2 ``extraits_rcs_infogreffe``, ``actes_inpi`` and
``bilans_inpi``, v3 ``extrait_kbis`` and ``mandataires_sociaux``, the RNE's ``actes_bilans``
and the documents behind them — projects this one entry, so a company is registered, at the
same greffe, on the same day, with the same observations and deposits, wherever it is read.

Who is registered: commercial companies and civil companies, and the sole traders whose
activity is commercial (trade, hotels and restaurants). Associations never are (the RNA or the
courts of Alsace-Moselle keep them), nor craftsmen and liberal professions (the répertoire des
métiers and URSSAF know those). The directors are the company's own (``Company.directors``).
"""

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world import curated
from mockserver.world import nomenclatures as nom
from mockserver.world import registry_tables as tables
from mockserver.world.entities import Company, Person
from mockserver.world.randomness import Weights, day_between, seeded, weighted, years_after

# A company is registered within days of its creation, sometimes just before it starts trading.
REGISTRATION_DELAY_DAYS = (-5, 20)
# How many observations the greffe wrote on a company's entry.
OBSERVATION_COUNT_WEIGHTS = Weights({0: 35, 1: 30, 2: 20, 3: 10, 4: 5})
# The INPI names the company on the deposits it received since its registry went digital.
INPI_NAMED_SINCE = date(2020, 1, 1)


@dataclass(frozen=True)
class Greffe:
    """The greffe keeping a company's entry: Infogreffe's four-digit code and the court's seat."""

    code: str
    seat: str


@dataclass(frozen=True)
class Observation:
    """A mention the greffe wrote on the entry."""

    numero: str
    libelle: str
    day: date


@dataclass(frozen=True)
class Act:
    """An act deposited at the greffe (statuts, minutes of a general meeting...)."""

    id_fichier: int
    deposited_on: date
    nature_archive: str
    title: str
    # The RNE's id and name of the document and its last update, where a staging file gives them (else derived).
    rne_id: str | None = None
    document_name: str | None = None
    updated_on: date | None = None


@dataclass(frozen=True)
class Accounts:
    """Annual accounts deposited at the greffe."""

    id_fichier: int
    deposited_on: date
    closed_on: date
    nature_archive: str
    confidentiel: int
    # The RNE's id and name of the document and its last update, where a staging file gives them (else derived).
    rne_id: str | None = None
    document_name: str | None = None
    updated_on: date | None = None


def deposits_of(facts: dict) -> dict:
    """Return the acts and accounts a staging file shows, as the register's records (its order kept)."""
    return {
        "acts": curated.build(tuple[Act, ...], facts["acts"]),
        "accounts": curated.build(tuple[Accounts, ...], facts["accounts"]),
    }


def rne_deposit_id(deposit: Act | Accounts) -> str:
    """Return the RNE's identifier of a deposit: its own, else 24 hexadecimal digits of its INPI file id."""
    return deposit.rne_id or f"{deposit.id_fichier:024x}"


@dataclass(frozen=True)
class Registration:
    """A company's entry in the register: where, since when, what the greffe noted and holds."""

    company: Company
    greffe: Greffe
    registered_on: date
    numero_gestion: str
    observations: tuple[Observation, ...]
    origine_fonds: str
    fiscal_year_end: str
    acts: tuple[Act, ...]
    accounts: tuple[Accounts, ...]

    @property
    def radiated_on(self) -> date | None:
        """Return the day the unit left the register: the day it ceased."""
        return self.company.ceased_on

    @property
    def lifetime_end(self) -> date:
        """Return the end of the company's term: 99 years from its registration, as statutes usually set."""
        return years_after(self.registered_on, 99)

    @staticmethod
    def name_on_deposit(deposit: Act | Accounts, filer: Company) -> str | None:
        """Return the name the INPI lists on ``deposit``: ``filer``'s, the company on its day (none before digital)."""
        return filer.raison_sociale if deposit.deposited_on >= INPI_NAMED_SINCE else None


def is_registered(company: Company) -> bool:
    """Tell whether the register knows the unit: companies and commercial sole traders, never associations."""
    if company.is_association:
        return False
    return not company.is_personne_physique or company.naf.startswith(tables.RCS_TRADER_NAF_PREFIXES)


def greffe_of(company: Company) -> Greffe:
    """Return the greffe of the head office's département."""
    code, seat = tables.GREFFES[company.address.code_insee[:2]]
    return Greffe(code, seat)


def _observations(rng: random.Random, company: Company, registered: date, today: date) -> tuple[Observation, ...]:
    """Draw the greffe's mentions, oldest first: changes to a company, and its closure once it ceased."""
    last = company.ceased_on or today
    count = 0
    if company.person is None and last > registered + timedelta(days=60):
        count = weighted(rng, OBSERVATION_COUNT_WEIGHTS)
    labels = list(tables.RCS_OBSERVATIONS) + ([tables.RCS_CAPITAL_OBSERVATION] if company.capital else [])
    days = sorted(day_between(rng, registered + timedelta(days=30), last - timedelta(days=1)) for _ in range(count))
    entries = list(zip(days, rng.sample(labels, count), strict=True))
    if company.ceased_on and company.person is None:
        entries.append((company.ceased_on, tables.RCS_CLOSURE_OBSERVATION))
    number = rng.randint(1000, 60000)
    observations = []
    for day, label in entries:
        number += rng.randint(1, 900)
        observations.append(Observation(numero=str(number), libelle=label, day=day))
    return tuple(observations)


def _file_id(rng: random.Random, ids: set[int]) -> int:
    """Draw an INPI file id not yet used in this company's file."""
    while True:
        file_id = rng.randint(10_000_000, 299_999_999)
        if file_id not in ids:
            ids.add(file_id)
            return file_id


def _acts(rng: random.Random, company: Company, registered: date, ids: set[int], today: date) -> tuple[Act, ...]:
    """Draw the acts deposited since the RNCS stock begins, oldest first; the founding act comes with registration."""
    first_day = max(company.created_on, date(tables.RNCS_FIRST_YEAR, 1, 1))
    last_day = company.ceased_on or today
    if last_day < first_day:
        return ()
    founding_day = min(max(registered, first_day), last_day)
    if company.is_personne_physique:
        rng.randint(3, 30)  # the deposit's delay once drawn here; kept so later draws stay as they were
        return (Act(_file_id(rng, ids), founding_day, "P", tables.TRADER_ACT),)
    acts = []
    if company.created_on.year >= tables.RNCS_FIRST_YEAR:
        rng.randint(3, 30)
        acts.append(Act(_file_id(rng, ids), founding_day, "A", tables.CONSTITUTION_ACT))
    later = rng.randint(0 if acts else 1, min(4, 1 + (last_day - first_day).days // 365))
    for _ in range(later):
        deposited = day_between(rng, first_day, last_day)
        acts.append(Act(_file_id(rng, ids), deposited, "A", weighted(rng, tables.LATER_ACTS)))
    return tuple(sorted(acts, key=lambda act: act.deposited_on))


def _accounts(
    rng: random.Random, company: Company, closing_month: int, ids: set[int], today: date
) -> tuple[Accounts, ...]:
    """Draw the annual accounts deposited, one per year closed at the end of ``closing_month``, oldest first."""
    if company.legal_form not in tables.ACCOUNTS_FORMS:
        return ()
    last_day = company.ceased_on or today
    low = company.headcount_low
    nature = "B-C" if company.categorie == "GE" else "B-CO" if low >= 50 else "B-S"
    # Small companies may keep their accounts confidential, medium ones their income statement.
    confidentiel = 1 if low < 10 and rng.random() < 0.3 else 2 if low < 50 and rng.random() < 0.1 else 0
    accounts = []
    for year in range(tables.ACCOUNTS_FIRST_YEAR - 1, today.year):
        closed = date(year, closing_month, calendar.monthrange(year, closing_month)[1])
        deposited = closed + timedelta(days=rng.randint(120, 200))
        if closed - company.created_on < timedelta(days=180) or deposited > last_day:
            continue
        accounts.append(Accounts(_file_id(rng, ids), deposited, closed, nature, confidentiel))
    return tuple(accounts)


def draw_registration(company: Company, closing_month: int, today: date) -> Registration | None:
    """Draw the entry of ``company`` from its SIREN's seeds, or None when the register does not know it.

    ``closing_month`` is the month its financial years close in (its accounts' own fact); a
    curated company keeps its documented registration day and observations.
    """
    if not is_registered(company):
        return None
    fixed = curated.REGISTRATIONS.get(company.siren, {})
    rng = seeded("rcs", company.siren)
    registered = company.created_on + timedelta(days=rng.randint(*REGISTRATION_DELAY_DAYS))
    registered = min(fixed.get("registered_on", registered), today)
    observations = _observations(rng, company, registered, today)
    if "observations" in fixed:
        observations = tuple(Observation(**fields) for fields in fixed["observations"])
    origine_fonds = weighted(rng, tables.BUSINESS_ORIGINS)
    closing_day = calendar.monthrange(2001, closing_month)[1]  # any year without 29 February
    # The deposits have a generator of their own: the INPI's file is another copy of the register.
    deposits = seeded("rncs", company.siren)
    letter = tables.GESTION_LETTERS.get(company.legal_form, "B")
    numero_gestion = f"{registered.year}{letter}{deposits.randint(1, 99999):05d}"
    ids: set[int] = set()
    acts = _acts(deposits, company, registered, ids, today)
    return Registration(
        company=company,
        greffe=greffe_of(company),
        registered_on=registered,
        numero_gestion=numero_gestion,
        observations=observations,
        origine_fonds=origine_fonds,
        fiscal_year_end=f"{closing_month:02d}-{closing_day:02d}",
        acts=acts,
        accounts=_accounts(deposits, company, closing_month, ids, today),
    )


def birthplace(person: Person) -> str:
    """Return the town a person was born in, the same wherever the person appears."""
    rng = seeded("birthplace", f"{person.nom}/{'-'.join(person.prenoms)}/{person.date_naissance}")
    code_insee, _, localite, _ = rng.choice(nom.COMMUNES)
    return "PARIS" if code_insee.startswith("751") else localite
