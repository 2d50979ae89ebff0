"""A company's accounts, year by year: turnover, result and balance sheet, in euros.

Drawn from a generator seeded by the SIREN, so that the DGFIP turnovers, the tax returns
and the Banque de France balance sheets tell one story. The latest turnover follows from
the headcount band and the activity; earlier years are walked back by a drawn yearly
growth; every other amount is a share of the turnover that stays stable for the company,
and the balance sheet balances.
"""

import calendar
import math
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from mockserver.clock import HISTORY_END
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Company
from mockserver.world.randomness import Weights, seeded, weighted

# Yearly turnover per employee, by NAF division (first two digits of the code), in euros.
TURNOVER_PER_EMPLOYEE = {
    "01": 90_000,
    "10": 75_000,
    "25": 150_000,
    "35": 600_000,
    "41": 160_000,
    "42": 180_000,
    "43": 120_000,
    "45": 150_000,
    "46": 450_000,
    "47": 220_000,
    "49": 120_000,
    "55": 80_000,
    "56": 60_000,
    "62": 130_000,
    "63": 150_000,
    "68": 300_000,
    "69": 100_000,
    "70": 140_000,
    "71": 110_000,
    "73": 150_000,
    "81": 70_000,
    "85": 80_000,
    "86": 150_000,
    "88": 40_000,
    "90": 60_000,
    "93": 50_000,
    "94": 40_000,
    "96": 50_000,
}
# A unit without employees lives on its owner's work (or, for an SCI, its rents): bounds in euros.
SOLO_TURNOVER = (25_000, 240_000)
# Legal forms liable to corporate tax (IS); the others' profits are taxed as their owners' income.
# The DGFIP's attestation de régularité fiscale covers these only.
CORPORATE_TAX_FORMS = ("5499", "5498", "5710", "5720", "5599", "5699", "5485", "3120")
# Above this turnover a company files under the réel normal regime (RN), below under the simplified one.
REAL_NORMAL_THRESHOLD = 840_000
CLOSING_MONTH_WEIGHTS = Weights({12: 80, 6: 8, 3: 6, 9: 6})
# The accounts the world keeps: the last years only.
HISTORY_YEARS = 10
# A return is filed three to five months after the year closes.
FILING_DELAY_DAYS = (95, 140)
# The Banque de France's file holds the accounts of companies above this turnover, for four years.
BDF_TURNOVER_FLOOR = 750_000
BDF_WINDOW = timedelta(days=4 * 365)
BDF_BALANCE_SHEETS = 3
# DGFIP's turnover service lists the latest one to three years.
DGFIP_LATEST_YEARS = 3
# The first financial year lasts six to eighteen months.
SHORTEST_FIRST_YEAR = timedelta(days=183)


@dataclass(frozen=True)
class FiscalYear:
    """One closed and filed financial year: income statement and liabilities side of the balance sheet."""

    opening: date
    closing: date
    filed_on: date
    turnover: int
    export_turnover: int
    result: int
    value_added: int
    gross_operating_surplus: int
    self_financing: int
    share_capital: int
    equity: int
    other_equity: int
    provisions: int
    convertible_bonds: int
    other_bonds: int
    bank_debt: int
    bank_debt_within_a_year: int
    sundry_financial_debt: int
    group_debt: int
    operating_debt: int
    fixed_assets: int
    cash: int

    @property
    def days(self) -> int:
        """Return the length of the year in days, both ends included."""
        return (self.closing - self.opening).days + 1

    @property
    def months(self) -> int:
        """Return the length of the year in whole months."""
        return max(1, round(self.days / 30.44))

    @property
    def domestic_turnover(self) -> int:
        """Return the turnover made in France (box FJ of form 2052)."""
        return self.turnover - self.export_turnover

    @property
    def total_debt(self) -> int:
        """Return every debt of the liabilities side (box EC of form 2051)."""
        return (
            self.convertible_bonds
            + self.other_bonds
            + self.bank_debt
            + self.sundry_financial_debt
            + self.operating_debt
        )

    @property
    def total_liabilities(self) -> int:
        """Return the total of the liabilities side (box EE of form 2051)."""
        return self.equity + self.other_equity + self.provisions + self.total_debt

    @property
    def stable_debt(self) -> int:
        """Return the long-term debt, as the Banque de France computes it."""
        return self.convertible_bonds + self.other_bonds + self.bank_debt - self.bank_debt_within_a_year

    @property
    def working_capital(self) -> int:
        """Return the fonds de roulement net global: stable resources less fixed assets."""
        return self.equity + self.other_equity + self.provisions + self.stable_debt - self.fixed_assets

    @property
    def working_capital_need(self) -> int:
        """Return the besoin en fonds de roulement: what the working capital funds besides cash."""
        return self.working_capital - self.cash


@dataclass(frozen=True)
class Finances:
    """The accounts of a company: its tax status and its closed financial years, oldest first."""

    subject_to_is: bool
    # The month every financial year closes in: the extrait Kbis states it too.
    closing_month: int
    years: tuple[FiscalYear, ...]
    tax_file_number: str
    tax_office_number: str

    @property
    def real_normal(self) -> bool:
        """Tell whether the latest year was filed under the réel normal regime."""
        return bool(self.years) and self.years[-1].turnover >= REAL_NORMAL_THRESHOLD

    def year_closing_in(self, year: int) -> FiscalYear | None:
        """Return the financial year that closed in calendar ``year``, if any."""
        return next((y for y in self.years if y.closing.year == year), None)

    def latest_years(self) -> tuple[FiscalYear, ...]:
        """Return the years DGFIP lists with the turnover: the latest ones, newest first."""
        return tuple(reversed(self.years[-DGFIP_LATEST_YEARS:]))

    def banque_de_france_years(self, today: date) -> tuple[FiscalYear, ...]:
        """Return the three latest balance sheets the Banque de France holds, newest first, or none.

        The Banque de France files companies subject to corporate tax above a turnover floor,
        and answers only when it holds three balance sheets closed within four years.
        """
        recent = tuple(y for y in reversed(self.years) if y.closing > today - BDF_WINDOW)
        if not self.subject_to_is or len(recent) < BDF_BALANCE_SHEETS or recent[0].turnover < BDF_TURNOVER_FLOOR:
            return ()
        return recent[:BDF_BALANCE_SHEETS]

    def year_before(self, year: FiscalYear) -> FiscalYear | None:
        """Return the financial year before ``year``, if the world keeps it."""
        index = self.years.index(year)
        return self.years[index - 1] if index else None


def _month_end(year: int, month: int) -> date:
    """Return the last day of ``month`` in ``year``."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _closings(company: Company, month: int, until: date) -> list[tuple[date, date]]:
    """Return the (opening, closing) dates of every year closing in ``month`` from the creation to ``until``.

    The list is the same on every day up to ``until``: a later ``until`` only adds years to it.
    """
    closing = _month_end(company.created_on.year, month)
    while closing < company.created_on + SHORTEST_FIRST_YEAR:
        closing = _month_end(closing.year + 1, month)
    end = min(company.ceased_on or until, until)
    years = []
    opening = company.created_on
    while closing <= end:
        years.append((opening, closing))
        opening = closing + timedelta(days=1)
        closing = _month_end(closing.year + 1, month)
    return years


def _employees(rng: random.Random, band: str) -> int:
    """Draw a headcount within the INSEE band."""
    low, high, _ = nom.HEADCOUNT_BANDS[band]
    if low is None:
        return 0
    return rng.randint(low, high if high is not None else 3 * low)


def _latest_turnover(rng: random.Random, company: Company) -> float:
    """Draw the turnover of a full recent year, from the staff and the activity."""
    employees = _employees(rng, company.headcount_band)
    if employees == 0:
        low, high = SOLO_TURNOVER
        return math.exp(rng.uniform(math.log(low), math.log(high)))
    per_employee = TURNOVER_PER_EMPLOYEE[company.naf[:2]]
    return employees * per_employee * math.exp(rng.gauss(0, 0.2))


def _closing_month(rng: random.Random) -> int:
    """Draw the month every financial year closes in: the accounts' first draw."""
    return weighted(rng, CLOSING_MONTH_WEIGHTS)


def draw_closing_month(company: Company) -> int:
    """Return the closing month of the accounts of ``company`` alone, as ``draw_finances`` draws it first.

    The trade register states it too: drawn alone, it spares a register entry the whole accounts.
    """
    return _closing_month(seeded("finances", company.siren))


def draw_finances(company: Company, today: date) -> Finances:
    """Draw the accounts of ``company`` as they stand on ``today``: the years filed by then.

    Each year is drawn once, in absolute dates, from a generator walking the years from the
    creation on: a year reads the same on every day after it was filed. The company's traits come
    from a second generator, and its turnover is anchored on the last year closed by ``HISTORY_END``.
    """
    rng = seeded("finances", company.siren)
    month = _closing_month(rng)
    latest = _latest_turnover(rng, company)
    # Company traits: they stay the same from one year to the next.
    margin = rng.gauss(0.05, 0.03)
    export_share = rng.uniform(0, 0.3) if rng.random() < 0.3 else 0.0
    staff_share = rng.uniform(0.15, 0.45) if company.is_employer else 0.05
    depreciation_share = rng.uniform(0.01, 0.05)
    reserves_share = rng.uniform(0.02, 0.3)
    payout = rng.uniform(0, 0.6)
    other_equity_share = rng.uniform(0.01, 0.05) if rng.random() < 0.1 else 0.0
    provisions_share = rng.uniform(0, 0.03)
    bonds_share = rng.uniform(0.05, 0.15) if company.headcount_low >= 250 else 0.0
    bank_share = rng.uniform(0, 0.35)
    short_term_share = rng.uniform(0.1, 0.3)
    sundry_share = rng.uniform(0, 0.05)
    group_part = rng.uniform(0.3, 1.0) if rng.random() < 0.4 else 0.0
    operating_share = rng.uniform(0.15, 0.3)
    fixed_share = rng.uniform(0.05, 0.5)
    cash_share = rng.uniform(0.03, 0.2)
    tax_file_number = f"1000{rng.randint(0, 99_999_999):08d}"
    tax_office_number = f"1002{rng.randint(0, 99_999_999):08d}"

    # Each year's own draws, in the order of the years: its filing delay, growth, margin and bank debt.
    yearly = seeded("finance_years", company.siren)
    # The years closed by today, and at least those closed by HISTORY_END, which the turnover is anchored on.
    dates = _closings(company, month, max(today, HISTORY_END))
    draws = [
        (
            timedelta(days=yearly.randint(*FILING_DELAY_DAYS)),
            max(-0.25, min(0.35, yearly.gauss(0.03, 0.08))),
            yearly.gauss(0, 0.03),
            yearly.uniform(0.85, 1.15),
        )
        for _ in dates
    ]
    # The turnover is ``latest`` in the last year closed by HISTORY_END, grown or shrunk year by year around it.
    anchor = max((i for i, (_, closing) in enumerate(dates) if closing <= HISTORY_END), default=0)
    levels = [latest] * len(dates)
    for i in range(anchor + 1, len(dates)):
        levels[i] = levels[i - 1] * (1 + draws[i][1])
    for i in range(anchor - 1, -1, -1):
        levels[i] = levels[i + 1] / (1 + draws[i + 1][1])

    capital = company.capital or 0
    retained = None
    years = []
    for (opening, closing), level, (delay, _, noise, bank_factor) in zip(dates, levels, draws, strict=True):
        filed = closing + delay
        if filed > today:
            break
        turnover = round(level * min(1.0, ((closing - opening).days + 1) / 365))
        result = round(turnover * max(-0.2, min(0.25, margin + noise)))
        if retained is None:
            retained = round(turnover * reserves_share)
        depreciation = round(turnover * depreciation_share)
        tax = round(max(result, 0) / 3)
        surplus = result + depreciation + tax
        equity = capital + retained + result
        retained += result - round(max(result, 0) * payout)
        bank_debt = round(turnover * bank_share * bank_factor)
        sundry = round(turnover * sundry_share)
        year = FiscalYear(
            opening=opening,
            closing=closing,
            filed_on=filed,
            turnover=turnover,
            export_turnover=round(turnover * export_share),
            result=result,
            value_added=max(surplus, 0) + round(turnover * staff_share),
            gross_operating_surplus=surplus,
            self_financing=result + depreciation,
            share_capital=capital,
            equity=equity,
            other_equity=round(turnover * other_equity_share),
            provisions=round(turnover * provisions_share),
            convertible_bonds=0,
            other_bonds=round(turnover * bonds_share),
            bank_debt=bank_debt,
            bank_debt_within_a_year=round(bank_debt * short_term_share),
            sundry_financial_debt=sundry,
            group_debt=round(sundry * group_part),
            operating_debt=round(turnover * operating_share),
            fixed_assets=0,
            cash=0,
        )
        # Assets: fixed assets and cash take their share of the total, what is left is current assets.
        total = year.total_liabilities
        cash = max(0, min(round(turnover * cash_share), total))
        fixed = max(0, min(round(turnover * fixed_share), total - cash))
        years.append(replace(year, fixed_assets=fixed, cash=cash))

    return Finances(
        subject_to_is=company.legal_form in CORPORATE_TAX_FORMS,
        closing_month=month,
        years=tuple(years[-HISTORY_YEARS:]),
        tax_file_number=tax_file_number,
        tax_office_number=tax_office_number,
    )
