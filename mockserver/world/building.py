"""The building and public-works providers: CNETP, FNTP, Qualibat, ADEME's RGE, OPQIBI.

Each knows only its own trades, as the real ones do: the CNETP and the FNTP public works
(NAF 42), Qualibat and the RGE building (41, 43), OPQIBI engineering and some building
firms. A provider's certificate goes to an active company; its references are drawn from a
generator seeded by the SIREN, so the JSON answer and the PDF show the same ones. (PRO BTP,
a pension fund, is with the social bodies: ``social``.)

Each is read on a day (``at``) from the company as it stood then: the CNETP's certificate and the
FNTP's card of the season are issued to a company active on that day; Qualibat's yearly certificate,
the RGE qualifications (four years) and OPQIBI's yearly certificate are chains of periods drawn in
absolute dates from the SIREN (``validity``): the one that holds on the day, or none.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world import building_tables as tables
from mockserver.world import people
from mockserver.world.entities import Company
from mockserver.world.randomness import day_between, seeded, years_after
from mockserver.world.validity import Period, period_at

TRADES_WITH_PUBLIC_WORKS = ("42",)
TRADES_WITH_BUILDING = ("41", "43")
# OPQIBI: the certificate is renewed every year; qualifications run four years, probationary ones two.
QUALIFICATION_CYCLE_YEARS = 4
PROBATION_YEARS = 2
BUILDING_FIRMS_QUALIFIED = 0.2
# Qualibat certifies from 2012 on in the sandbox's records; ADEME's RGE mention began in 2014.
QUALIBAT_RECORDS_FROM = date(2012, 1, 1)
RGE_FROM = date(2014, 1, 1)
# A company seeks its first certificate within these years of its creation (or of the scheme's start).
FIRST_CERTIFICATE_YEARS = 6
# Chances that a yearly certificate, or a four-year RGE qualification, is renewed at its term.
YEARLY_RENEWAL = 0.95
RGE_RENEWAL = 0.8
RGE_YEARS = 4


@dataclass(frozen=True)
class FundCertificate:
    """The CNETP's certificate that a public-works employer is up to date with its paid-leave fund."""

    member_number: str
    reference: str
    signatory: str


def draw_cnetp_certificate(company: Company) -> FundCertificate | None:
    """Draw the CNETP's paid-leave certificate of a public-works employer active on the day ``company`` is read."""
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


def draw_professional_card(company: Company, at: date) -> ProfessionalCard | None:
    """Draw the FNTP card of the season of ``at`` of a public-works company active then, or None."""
    if not (company.naf in tables.FNTP_BY_NAF and company.is_active):
        return None
    rng = seeded("fntp", company.siren)
    pool = tables.FNTP_BY_NAF[company.naf]
    chosen = sorted(rng.sample(range(len(pool)), rng.randint(2, len(pool))))
    # Identities are usual activities, or probationary ones for a young company.
    identities = tuple((*pool[i], rng.random() < 0.85) for i in chosen)
    season = at.year if at.month >= 4 else at.year - 1
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


def first_certified_on(rng: random.Random, company: Company, scheme_start: date, steady: bool) -> date:
    """Draw the day a company is first certified: within some years of its creation or of the scheme's start.

    A ``steady`` company (curated, or an official staging case) is certified as soon as it can be.
    """
    start = max(company.created_on + timedelta(days=90), scheme_start)
    drawn = day_between(rng, start, years_after(start, FIRST_CERTIFICATE_YEARS))
    return start if steady else drawn


def draw_qualibat_certificate(
    company: Company, rge: tuple["RgeCertificate", ...], at: date, steady: bool = False
) -> QualibatCertificate | None:
    """Draw the Qualibat certificate in force on ``at`` of a building company active then, or None.

    ``rge`` is what ADEME lists on ``at``. The certificate is yearly; its qualifications run four
    years, granted anew at each four-year term. A ``steady`` company's is renewed at every term.
    """
    if not (company.naf.startswith(TRADES_WITH_BUILDING) and company.is_active):
        return None
    rng = seeded("qualibat", company.siren)
    first = first_certified_on(rng, company, QUALIBAT_RECORDS_FROM, steady)
    period = period_at("qualibat", company.siren, first, 1, 1.0 if steady else YEARLY_RENEWAL, at)
    if period is None:
        return None
    cycle_start = years_after(first, QUALIFICATION_CYCLE_YEARS * (period.rank // QUALIFICATION_CYCLE_YEARS))
    qualifications = tuple(
        Qualification(code, label, min(cycle_start + timedelta(days=rng.randint(0, 60)), period.granted_on))
        for code, label in tables.QUALIBAT_BY_NAF.get(company.naf, tables.QUALIBAT_DEFAULT)
    )
    return QualibatCertificate(
        company=company,
        numero=f"E-E{rng.randint(100_000, 999_999)}",
        valid_until=period.valid_until,
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
    # Its place among the company's qualifications, whether or not the others hold: its PDF's part.
    rank: int = 0

    @property
    def body(self) -> str:
        """Draw the qualifying body that issues the certificate (Qualibat, Qualifelec...)."""
        return self.certificate.split(" - ")[0].removesuffix("-RGE")


# The trade whose RGE qualifications a scenario lends to a company that holds none.
RGE_DEFAULT_TRADE = "4322B"


def draw_rge_certificates(
    company: Company, at: date, forced: bool = False, steady: bool = False
) -> tuple[RgeCertificate, ...]:
    """Draw the RGE qualifications in force on ``at`` of a company of an eligible trade active then.

    Each qualification is a chain of four-year periods (a ``steady`` company's renewed at every
    term). ``forced`` lends the qualifications of a heating installer to any company, in force on
    ``at``: a scenario asked for a certified one.
    """
    trade = company.naf if company.naf in tables.RGE_BY_NAF and company.is_active else None
    if trade is None and not forced:
        return ()
    pool = tables.RGE_BY_NAF[trade or RGE_DEFAULT_TRADE]
    rng = seeded("rge", company.siren)
    chosen = sorted(rng.sample(range(len(pool)), rng.randint(1, len(pool))))
    certificates = []
    for rank, index in enumerate(chosen):
        name, certificate, domain = tables.RGE_QUALIFICATIONS[pool[index]]
        first = first_certified_on(rng, company, RGE_FROM, steady)
        numero = f"RGE-{rng.randint(10_000, 99_999)}"
        renewed = 1.0 if steady else RGE_RENEWAL
        period = period_at("rge", f"{company.siren}:{rank}", first, RGE_YEARS, renewed, at)
        if period is None and forced:
            # Lent by the scenario: granted a month before the instant.
            granted = at - timedelta(days=30)
            period = Period(0, granted, years_after(granted, RGE_YEARS) - timedelta(days=1))
        if period is not None:
            certificates.append(
                RgeCertificate(name, certificate, domain, numero, period.granted_on, period.valid_until, rank)
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


def draw_opqibi_certificate(company: Company, at: date, steady: bool = False) -> OpqibiCertificate | None:
    """Draw the OPQIBI certificate in force on ``at`` of ``company``: engineering firms and some building ones.

    The certificate is renewed each year on the anniversary of the first one when drawn to be (a
    ``steady`` company's every year).
    """
    rng = seeded("opqibi", company.siren)
    if not company.is_active:
        return None
    if company.naf in tables.OPQIBI_ENGINEERING_NAF:
        pool = list(tables.OPQIBI_QUALIFICATIONS)
    elif company.is_building_trade and rng.random() < BUILDING_FIRMS_QUALIFIED:
        pool = list(tables.OPQIBI_BUILDING_QUALIFICATIONS)
    else:
        return None
    start = company.created_on + timedelta(days=365)
    drawn = day_between(rng, start, years_after(start, FIRST_CERTIFICATE_YEARS))
    first = (start if steady else drawn).replace(day=1)
    period = period_at("opqibi", company.siren, first, 1, 1.0 if steady else YEARLY_RENEWAL, at)
    if period is None:
        return None
    issued = period.granted_on
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
