"""The INPI's industrial property rights of a company: patents, designs, trademarks.

Drawn from a generator seeded by the SIREN and from the company itself: rights are filed
after creation, more of them for larger and inventive firms. (The INPI's copy of the trade
register, acts and accounts, is the register's entry: ``rcs``.)
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world import nomenclatures as nom
from mockserver.world import registry_tables as tables
from mockserver.world.entities import Company
from mockserver.world.randomness import day_between, seeded

# The INPI short extract lists the five latest rights of each kind.
LATEST_RIGHTS = 5
# A patent application is published eighteen months after it is filed; a design within months.
PATENT_PUBLICATION_DELAY = timedelta(days=548)
DESIGN_PUBLICATION_DELAY_DAYS = (60, 200)
# A trademark application stays "published" until registration, about five months.
TRADEMARK_REGISTRATION_DELAY = timedelta(days=150)
# The trademarks INPI lists by SIREN were filed since 2000.
TRADEMARK_ERA = date(2000, 1, 1)


@dataclass(frozen=True)
class Patent:
    """A published patent application."""

    title: str
    filed_on: date
    published_on: date
    number: str


@dataclass(frozen=True)
class Design:
    """A registered industrial design (dessin ou modèle)."""

    title: str
    filed_on: date
    published_on: date
    number: str


@dataclass(frozen=True)
class Trademark:
    """A French trademark; a figurative mark has no word."""

    number: str
    word: str | None
    status: str


@dataclass(frozen=True)
class IpRights:
    """The industrial property rights INPI lists for a SIREN: counts and the latest of each kind."""

    patent_count: int
    patents: tuple[Patent, ...]
    design_count: int
    designs: tuple[Design, ...]
    trademark_count: int
    trademarks: tuple[Trademark, ...]


def _filing_days(rng: random.Random, count: int, start: date, end: date) -> list[date]:
    """Draw the filing days of the ``count`` latest rights filed between ``start`` and ``end``, newest first."""
    if end < start:
        return []
    return sorted((day_between(rng, start, end) for _ in range(count)), reverse=True)


def _patents(rng: random.Random, count: int, created: date, today: date) -> tuple[Patent, ...]:
    """Draw the latest published patents of a firm that holds ``count``."""
    days = _filing_days(rng, min(count, LATEST_RIGHTS), created, today - PATENT_PUBLICATION_DELAY)
    patents = []
    for filed in days:
        published = filed + PATENT_PUBLICATION_DELAY
        # French publication numbers grow by some 17,000 a year from 3,000,000 in 2013.
        number = 3_000_000 + (published.year - 2013) * 17_000 + rng.randint(0, 16_999)
        patents.append(
            Patent(title=rng.choice(tables.PATENT_TITLES), filed_on=filed, published_on=published, number=str(number))
        )
    return tuple(patents)


def _designs(rng: random.Random, count: int, created: date, today: date) -> tuple[Design, ...]:
    """Draw the latest published designs of a firm that holds ``count``."""
    latest_filing = today - timedelta(days=DESIGN_PUBLICATION_DELAY_DAYS[1])
    designs = []
    for filed in _filing_days(rng, min(count, LATEST_RIGHTS), created, latest_filing):
        published = filed + timedelta(days=rng.randint(*DESIGN_PUBLICATION_DELAY_DAYS))
        designs.append(
            Design(
                title=rng.choice(tables.DESIGN_TITLES),
                filed_on=filed,
                published_on=published,
                number=f"{filed.year}{rng.randint(0, 9999):04d}",
            )
        )
    return tuple(designs)


def _trademarks(rng: random.Random, count: int, company: Company, today: date) -> tuple[Trademark, ...]:
    """Draw the latest trademarks of a firm that holds ``count``."""
    stem = (company.nom_commercial or company.raison_sociale.split("*")[0]).split()[0]
    trademarks = []
    start = max(company.created_on, TRADEMARK_ERA)
    for filed in _filing_days(rng, min(count, LATEST_RIGHTS), start, today):
        # French trademark numbers grow by some 90,000 a year from 3,700,000 in 2010.
        number = 3_700_000 + (filed.year - 2010) * 90_000 + rng.randint(0, 89_999)
        word = None if rng.random() < 0.15 else f"{stem}{rng.choice(tables.TRADEMARK_SUFFIXES)}"
        registered = filed + TRADEMARK_REGISTRATION_DELAY <= today
        status = tables.TRADEMARK_REGISTERED if registered else tables.TRADEMARK_PUBLISHED
        trademarks.append(Trademark(number=str(number), word=word, status=status))
    return tuple(trademarks)


def draw_ip_rights(company: Company, today: date) -> IpRights:
    """Draw the INPI rights of ``company``: most firms hold none, larger and inventive ones hold more."""
    rng = seeded("inpi", company.siren)
    employees = nom.HEADCOUNT_BANDS[company.headcount_band][0] or 0
    scale = 1 + employees // 50
    trademark_count = rng.randint(1, 3 * scale + 2) if rng.random() < min(0.85, 0.12 + employees / 500) else 0
    patent_count = 0
    if company.naf.startswith(tables.PATENTING_NAF_PREFIXES) and employees >= 3 and rng.random() < 0.4:
        patent_count = rng.randint(1, 4 * scale)
    design_count = 0
    if company.naf.startswith(tables.DESIGNING_NAF_PREFIXES) and rng.random() < 0.1:
        design_count = rng.randint(1, 2 * scale + 3)
    patents = _patents(rng, patent_count, company.created_on, today)
    designs = _designs(rng, design_count, company.created_on, today)
    trademarks = _trademarks(rng, trademark_count, company, today)
    # A right too recent to be published is not listed, nor counted.
    return IpRights(
        patent_count=patent_count if patents else 0,
        patents=patents,
        design_count=design_count if designs else 0,
        designs=designs,
        trademark_count=trademark_count if trademarks else 0,
        trademarks=trademarks,
    )
