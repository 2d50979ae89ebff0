"""The building and public-works providers: CNETP, FNTP, Qualibat, ADEME's RGE, OPQIBI.

Each knows only its own trades, as the real ones do: the CNETP and the FNTP public works
(NAF 42), Qualibat and the RGE building (41, 43), OPQIBI engineering and some building
firms. A provider's certificate goes to an active company; its references are drawn from a
generator seeded by the SIREN, so the JSON answer and the PDF show the same ones. (PRO BTP,
a pension fund, is with the social bodies: ``social``.)
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world import building_tables as tables
from mockserver.world import people
from mockserver.world.entities import Company
from mockserver.world.randomness import day_between, seeded, years_after

TRADES_WITH_PUBLIC_WORKS = ("42",)
TRADES_WITH_BUILDING = ("41", "43")
# OPQIBI: the certificate is renewed every year; qualifications run four years, probationary ones two.
QUALIFICATION_CYCLE_YEARS = 4
PROBATION_YEARS = 2
BUILDING_FIRMS_QUALIFIED = 0.2


@dataclass(frozen=True)
class FundCertificate:
    """The CNETP's certificate that a public-works employer is up to date with its paid-leave fund."""

    member_number: str
    reference: str
    signatory: str


def draw_cnetp_certificate(company: Company, today: date) -> FundCertificate | None:
    """Draw the CNETP's paid-leave certificate of an active public-works employer."""
    if not (company.naf.startswith(TRADES_WITH_PUBLIC_WORKS) and company.is_employer and company.is_active):
        return None
    rng = seeded("cnetp", company.siren)
    return FundCertificate(
        member_number=f"{rng.randint(100_000, 999_999)}",
        reference=f"ATE{rng.randint(1000, 9999)}",
        signatory=people.signatory(rng.getrandbits(32)),
    )


@dataclass(frozen=True)
class ProfessionalCard:
    """The FNTP's carte professionnelle: the public-works identities a company holds."""

    company: Company
    numero_tp: str
    identities: tuple[tuple[str, str, bool], ...]
    valid_from: date
    signatory: str

    @property
    def valid_until(self) -> date:
        """Draw the last day of validity: the cards run from April to March."""
        return date(self.valid_from.year + 1, 3, 31)


def draw_professional_card(company: Company, today: date) -> ProfessionalCard | None:
    """Draw the FNTP card of an active public-works company, or None."""
    if not (company.naf in tables.FNTP_BY_NAF and company.is_active):
        return None
    rng = seeded("fntp", company.siren)
    pool = tables.FNTP_BY_NAF[company.naf]
    chosen = sorted(rng.sample(range(len(pool)), rng.randint(2, len(pool))))
    # Identities are usual activities, or probationary ones for a young company.
    identities = tuple((*pool[i], rng.random() < 0.85) for i in chosen)
    season = today.year if today.month >= 4 else today.year - 1
    return ProfessionalCard(
        company=company,
        numero_tp=f"{rng.randint(10_000, 99_999)}",
        identities=identities,
        valid_from=date(season, 4, 1),
        signatory=people.signatory(rng.getrandbits(32)),
    )


@dataclass(frozen=True)
class Qualification:
    """A Qualibat qualification and the day it was granted (or last renewed)."""

    code: str
    label: str
    granted_on: date


@dataclass(frozen=True)
class QualibatCertificate:
    """Qualibat's certificate of a building company's qualifications, and the RGE ones ADEME lists."""

    company: Company
    numero: str
    valid_until: date
    qualifications: tuple[Qualification, ...]
    rge: tuple["RgeCertificate", ...]
    agency: str
    insurer: str
    signatory: str
    # The insurer's policy numbers, for works and civil liability, when the certificate quotes them.
    policy_numbers: tuple[str, str] | None = None

    @property
    def is_rge(self) -> bool:
        """Tell whether the certificate carries the RGE mention: ADEME lists a Qualibat RGE qualification."""
        return bool(self.rge)


def draw_qualibat_certificate(
    company: Company, rge: tuple["RgeCertificate", ...], today: date
) -> QualibatCertificate | None:
    """Draw the Qualibat certificate of an active building company, or None; ``rge`` is what ADEME lists."""
    if not (company.naf.startswith(TRADES_WITH_BUILDING) and company.is_active):
        return None
    rng = seeded("qualibat", company.siren)
    qualifications = tuple(
        Qualification(code, label, day_between(rng, max(company.created_on, date(2012, 1, 1)), today))
        for code, label in tables.QUALIBAT_BY_NAF.get(company.naf, tables.QUALIBAT_DEFAULT)
    )
    return QualibatCertificate(
        company=company,
        numero=f"E-E{rng.randint(100_000, 999_999)}",
        valid_until=date(today.year + 1, rng.randint(1, 12), 1) - timedelta(days=1),
        qualifications=qualifications,
        rge=tuple(c for c in rge if c.body == "QUALIBAT"),
        agency=rng.choice(tables.QUALIBAT_AGENCIES),
        insurer=rng.choice(tables.BUILDING_MUTUALS),
        signatory=people.signatory(rng.getrandbits(32)),
        policy_numbers=_policy_numbers(seeded("qualibat_policy", company.siren)),
    )


# Certificates that quote the insurer's policy numbers.
QUOTED_POLICY_SHARE = 0.3


def _policy_numbers(rng: random.Random) -> tuple[str, str] | None:
    """Draw the policy numbers a certificate quotes: about one in three does."""
    if rng.random() >= QUOTED_POLICY_SHARE:
        return None
    return tuple(f"{rng.randint(1_000_000_000, 9_999_999_999)}" for _ in range(2))


@dataclass(frozen=True)
class RgeCertificate:
    """One RGE qualification as ADEME lists it, with its certificate."""

    name: str
    certificate: str
    domain: str
    numero: str
    granted_on: date
    valid_until: date

    @property
    def body(self) -> str:
        """Draw the qualifying body that issues the certificate (Qualibat, Qualifelec...)."""
        return self.certificate.split(" - ")[0].removesuffix("-RGE")


# The trade whose RGE qualifications a scenario lends to a company that holds none.
RGE_DEFAULT_TRADE = "4322B"


def draw_rge_certificates(company: Company, today: date, forced: bool = False) -> tuple[RgeCertificate, ...]:
    """Draw the RGE qualifications of an active company of an eligible trade.

    ``forced`` lends the qualifications of a heating installer to any company: a scenario
    asked for a certified one.
    """
    trade = company.naf if company.naf in tables.RGE_BY_NAF and company.is_active else None
    if trade is None and not forced:
        return ()
    pool = tables.RGE_BY_NAF[trade or RGE_DEFAULT_TRADE]
    rng = seeded("rge", company.siren)
    chosen = sorted(rng.sample(range(len(pool)), rng.randint(1, len(pool))))
    certificates = []
    for index in chosen:
        name, certificate, domain = tables.RGE_QUALIFICATIONS[pool[index]]
        granted = day_between(rng, today - timedelta(days=1000), today - timedelta(days=30))
        certificates.append(
            RgeCertificate(
                name=name,
                certificate=certificate,
                domain=domain,
                numero=f"RGE-{rng.randint(10_000, 99_999)}",
                granted_on=granted,
                valid_until=granted + timedelta(days=4 * 365),
            )
        )
    return tuple(certificates)


@dataclass(frozen=True)
class OpqibiCertificate:
    """An OPQIBI engineering qualification certificate."""

    number: str
    issued_on: date
    insurer: str
    page_id: int
    qualifications: tuple[str, ...]
    valid_until: date
    probationary: tuple[str, ...]
    probationary_valid_until: date | None


def draw_opqibi_certificate(company: Company, today: date) -> OpqibiCertificate | None:
    """Draw the OPQIBI certificate of ``company``: engineering firms and some building ones hold one."""
    rng = seeded("opqibi", company.siren)
    if not company.is_active:
        return None
    if company.naf in tables.OPQIBI_ENGINEERING_NAF:
        pool = list(tables.OPQIBI_QUALIFICATIONS)
    elif company.is_building_trade and rng.random() < BUILDING_FIRMS_QUALIFIED:
        pool = list(tables.OPQIBI_BUILDING_QUALIFICATIONS)
    else:
        return None
    first = day_between(rng, company.created_on + timedelta(days=365), today - timedelta(days=30)).replace(day=1)
    if first >= today:
        return None
    # The certificate is renewed on the anniversary of the first one: the latest renewal is within a year.
    issued = first.replace(year=today.year)
    if issued > today:
        issued = issued.replace(year=today.year - 1)
    issued = max(issued, first)
    cycles = (issued.year - first.year) // QUALIFICATION_CYCLE_YEARS
    cycle_start = years_after(first, cycles * QUALIFICATION_CYCLE_YEARS)
    chosen = sorted(rng.sample(pool, rng.randint(1, min(3, len(pool)))))
    remaining = [code for code in pool if code not in chosen]
    probationary = tuple(sorted(rng.sample(remaining, 1))) if remaining and rng.random() < 0.3 else ()
    return OpqibiCertificate(
        number=f"{first:%y %m} {rng.randint(1000, 9999)}",
        issued_on=issued,
        insurer=rng.choice(tables.ENGINEERING_INSURERS),
        page_id=rng.randint(1000, 9999),
        qualifications=tuple(chosen),
        valid_until=years_after(cycle_start, QUALIFICATION_CYCLE_YEARS),
        probationary=probationary,
        probationary_valid_until=years_after(issued, PROBATION_YEARS) if probationary else None,
    )
