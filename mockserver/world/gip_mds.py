"""What the GIP-MDS knows of an employer from its DSN: headcounts by year and by month, per social regime.

The figures agree with the rest of the world: a yearly or monthly average falls in INSEE's
headcount band of the unit; a farming employer (the MSA's population) declares under the
agricultural regime, every other one under the general regime; only an employer of twenty or
more is bound by the disabled-workers quota, so only it has BOETH and ECAP figures, and its
BOETH share reaches the 6 % quota in the years the AGEFIPH counts it compliant. A unit that
employs nobody files no DSN, so the GIP-MDS does not know it.
"""

import random
from dataclasses import dataclass
from datetime import date

from mockserver.world import curated
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Company, Establishment
from mockserver.world.randomness import seeded
from mockserver.world.social import MSA_NAF_PREFIXES

# The DSN became compulsory for every employer in 2017: the GIP-MDS's figures start then.
FIRST_YEAR = 2017
QUOTA_STAFF = 20
QUOTA_SHARE = 0.06
# A band with no upper bound: the world keeps its averages under one and a half times the floor.
OPEN_BAND_FACTOR = 1.5
NON_EMPLOYING = ("NN", "00", None)
NATURES = ("moyen", "boeth", "ecap", "assujettissement_oeth")
REGIMES = ("regime_general", "regime_agricole")


@dataclass(frozen=True)
class Headcount:
    """One figure of one regime: its value (None where the regime has no figure) and its last update."""

    regime: str
    value: float | None
    updated_on: date | None


def employs(band: str) -> bool:
    """Tell whether a unit of INSEE headcount band ``band`` employs staff (and so files a DSN)."""
    return band not in NON_EMPLOYING


def regime_of(company: Company) -> str:
    """Return the regime an employer declares its staff under: agricultural for the MSA's population."""
    return "regime_agricole" if company.naf.startswith(MSA_NAF_PREFIXES) else "regime_general"


def _average(rng: random.Random, band: str) -> float:
    """Draw an average headcount inside INSEE band ``band``, to the hundredth."""
    low, high, _ = nom.HEADCOUNT_BANDS[band]
    high = high if high is not None else int(low * OPEN_BAND_FACTOR)
    return round(rng.uniform(max(low, 1), high + 0.49), 2)


def _nature_value(rng: random.Random, average: float, nature: str, compliant: bool) -> float | None:
    """Return the figure of ``nature`` for a unit of ``average`` staff (None where the quota does not bind it)."""
    if nature == "moyen":
        return average
    bound = average >= QUOTA_STAFF
    if nature == "assujettissement_oeth":
        return 1 if bound else 0
    if not bound:
        return None
    if nature == "boeth":
        share = rng.uniform(QUOTA_SHARE, 0.09) if compliant else rng.uniform(0.0, QUOTA_SHARE - 0.01)
        return round(average * share, 2)
    return round(average * rng.uniform(0.0, 0.05), 2)


def known_figures(rows: list | None, today: date) -> tuple[Headcount, ...] | None:
    """Return the figures a staging file shows (regime, value, update day), as known on ``today``, or None.

    A figure is an event of its update day: read before it, it is not shown, and a period none of whose
    figures was updated yet has none.
    """
    if rows is None:
        return None
    figures = [
        Headcount(regime, None if value is None else float(value), curated.day(updated))
        for regime, value, updated in rows
    ]
    shown = tuple(figure for figure in figures if figure.updated_on is None or figure.updated_on <= today)
    return shown if any(figure.value is not None for figure in shown) else None


def yearly(
    company: Company, year: int, nature: str, compliant: bool, today: date, known: dict | None = None
) -> tuple[Headcount, ...] | None:
    """Return the company's figures of ``year``, both regimes, or None when the GIP-MDS has none for that year.

    ``known``: the figures a staging file shows, by year and nature; they replace the draw's.
    """
    if (rows := (known or {}).get(str(year), {}).get(nature)) is not None:
        return known_figures(rows, today)
    last_year = (company.ceased_on.year if company.ceased_on else today.year) - 1
    if not employs(company.headcount_band) or not max(FIRST_YEAR, company.created_on.year) <= year <= last_year:
        return None
    rng = seeded("gip_mds_year", f"{company.siren}/{year}/{nature}")
    average = _average(seeded("gip_mds_year", f"{company.siren}/{year}"), company.headcount_band)
    value = _nature_value(rng, average, nature, compliant)
    regime = regime_of(company)
    # Updated early the next year; read before that day, the figure is the one updated on the day read.
    updated = min(date(year + 1, 1, rng.randint(5, 28)), today)
    return tuple(
        Headcount(name, value if name == regime else None, updated if name == regime else None) for name in REGIMES
    )


def _months_back(year: int, month: int, depth: int) -> list[tuple[int, int]]:
    """Return the month asked for and the ``depth`` months before it, newest first."""
    newest = _month_index(year, month)
    return [((newest - back) // 12, (newest - back) % 12 + 1) for back in range(depth + 1)]


def _month_index(year: int, month: int) -> int:
    """Return a month as a count of months, so that months compare and step simply."""
    return year * 12 + month - 1


def _open_in(site: Establishment, year: int, month: int, today: date) -> bool:
    """Tell whether ``site`` was open during the month, a month the DSN already covers (before this one)."""
    start = max(_month_index(site.created_on.year, site.created_on.month), _month_index(FIRST_YEAR, 1))
    closed = site.closed_on
    end = _month_index(closed.year, closed.month) if closed else _month_index(today.year, today.month) - 1
    return start <= _month_index(year, month) <= end


def monthly(
    site: Establishment,
    year: int,
    month: int,
    depth: int,
    nature: str,
    compliant_years: frozenset[int],
    today: date,
    known: dict | None = None,
) -> list[tuple[int, int, Headcount]] | None:
    """Return the site's figures of the month and the ``depth`` before it, or None when the month has none.

    ``known``: the figures a staging file shows, by month (``YYYY-MM``) and nature; they replace the draw's.
    """
    if not employs(site.headcount_band) or not _open_in(site, year, month, today):
        return None
    regime = regime_of(site.company)
    rows = []
    for y, m in _months_back(year, month, depth):
        if (shown := (known or {}).get(f"{y}-{m:02d}", {}).get(nature)) is not None:
            rows.extend((y, m, figure) for figure in known_figures(shown, today) or ())
            continue
        if not _open_in(site, y, m, today):
            continue
        average = _average(seeded("gip_mds_month", f"{site.siret}/{y}/{m}"), site.headcount_band)
        rng = seeded("gip_mds_month", f"{site.siret}/{y}/{m}/{nature}")
        value = _nature_value(rng, average, nature, y in compliant_years)
        updated = min(date(y + (m == 12), m % 12 + 1, 10), today)
        for name in REGIMES:
            on_regime = name == regime
            rows.append((y, m, Headcount(name, value if on_regime else None, updated if on_regime else None)))
    # The months a staging file shows may all be figures not updated yet.
    return rows or None


def company_month(company: Company, year: int, month: int, today: date) -> float | None:
    """Return the company's average headcount of a month (the v2 ACOSS figure), or None when it has none."""
    start = max(_month_index(company.created_on.year, company.created_on.month), _month_index(FIRST_YEAR, 1))
    end = company.ceased_on or today
    if not employs(company.headcount_band) or not start <= _month_index(year, month) < _month_index(
        end.year, end.month
    ):
        return None
    return _average(seeded("gip_mds_company_month", f"{company.siren}/{year}/{month}"), company.headcount_band)
