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
    """Draw the filing days of ``count`` rights filed between ``start`` and ``end``, newest first."""
    if end < start:
        return []
    return sorted((day_between(rng, start, end) for _ in range(count)), reverse=True)


def _patents(rng: random.Random, count: int, created: date, history_end: date) -> list[Patent]:
    """Draw the patents of a firm that filed ``count``, each published eighteen months after its filing."""
    patents = []
    for filed in _filing_days(rng, count, created, history_end - PATENT_PUBLICATION_DELAY):
        published = filed + PATENT_PUBLICATION_DELAY
        # French publication numbers grow by some 17,000 a year from 3,000,000 in 2013.
        number = 3_000_000 + (published.year - 2013) * 17_000 + rng.randint(0, 16_999)
        patents.append(
            Patent(title=rng.choice(tables.PATENT_TITLES), filed_on=filed, published_on=published, number=str(number))
        )
    return patents


def _designs(rng: random.Random, count: int, created: date, history_end: date) -> list[Design]:
    """Draw the designs of a firm that filed ``count``, each published within months of its filing."""
    latest_filing = history_end - timedelta(days=DESIGN_PUBLICATION_DELAY_DAYS[1])
    designs = []
    for filed in _filing_days(rng, count, created, latest_filing):
        published = filed + timedelta(days=rng.randint(*DESIGN_PUBLICATION_DELAY_DAYS))
        designs.append(
            Design(
                title=rng.choice(tables.DESIGN_TITLES),
                filed_on=filed,
                published_on=published,
                number=f"{filed.year}{rng.randint(0, 9999):04d}",
            )
        )
    return designs


@dataclass(frozen=True)
class _Filing:
    """A trademark application: its number, word and the day it was filed (published the same day)."""

    number: str
    word: str | None
    filed_on: date


def _trademarks(rng: random.Random, count: int, company: Company, history_end: date) -> list[_Filing]:
    """Draw the trademark applications of a firm that filed ``count``."""
    stem = (company.nom_commercial or company.raison_sociale.split("*")[0]).split()[0]
    filings = []
    for filed in _filing_days(rng, count, max(company.created_on, TRADEMARK_ERA), history_end):
        # French trademark numbers grow by some 90,000 a year from 3,700,000 in 2010.
        number = 3_700_000 + (filed.year - 2010) * 90_000 + rng.randint(0, 89_999)
        word = None if rng.random() < 0.15 else f"{stem}{rng.choice(tables.TRADEMARK_SUFFIXES)}"
        filings.append(_Filing(str(number), word, filed))
    return filings


def draw_ip_rights(company: Company, history_end: date, at: date) -> IpRights:
    """Draw the INPI rights of ``company`` published by ``at``: most firms hold none, larger and inventive ones more.

    Every right is filed on a day drawn once, up to ``history_end``; read on ``at``, the counts and
    the latest five of each kind are those published by then.
    """
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
    patents = [p for p in _patents(rng, patent_count, company.created_on, history_end) if p.published_on <= at]
    designs = [d for d in _designs(rng, design_count, company.created_on, history_end) if d.published_on <= at]
    filings = [f for f in _trademarks(rng, trademark_count, company, history_end) if f.filed_on <= at]
    # A right too recent to be published is not listed, nor counted; a trademark is registered months after.
    trademarks = tuple(
        Trademark(
            f.number,
            f.word,
            tables.TRADEMARK_REGISTERED
            if f.filed_on + TRADEMARK_REGISTRATION_DELAY <= at
            else tables.TRADEMARK_PUBLISHED,
        )
        for f in filings[:LATEST_RIGHTS]
    )
    return IpRights(
        patent_count=len(patents),
        patents=tuple(patents[:LATEST_RIGHTS]),
        design_count=len(designs),
        designs=tuple(designs[:LATEST_RIGHTS]),
        trademark_count=len(filings),
        trademarks=trademarks,
    )
