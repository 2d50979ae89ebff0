"""What the social bodies know of an employer: MSA, PRO BTP, AGEFIPH, collective agreements.

Each body knows only its own population, as the real ones do: the MSA covers farming and
landscaping, PRO BTP the building trades, the AGEFIPH employers of twenty or more (those
bound by the disabled-workers employment quota), and an establishment falls under a
collective agreement only when it employs staff.
"""

from dataclasses import dataclass
from datetime import date, datetime

from mockserver.world import nomenclatures as nom
from mockserver.world import people
from mockserver.world import social_tables as tables
from mockserver.world.entities import PARIS, Company, Establishment
from mockserver.world.randomness import seeded

# Activities whose employers pay their social contributions to the MSA (NAF codes and divisions).
MSA_NAF_PREFIXES = (*nom.AGRICULTURE_NAF_PREFIXES, "8130Z")
MSA_UP_TO_DATE = 0.92
PROBTP_ELIGIBLE = 0.9
# The disabled-workers employment quota (OETH) binds employers of twenty or more.
AGEFIPH_MINIMUM_STAFF = 20
AGEFIPH_CURRENT = 0.8
# The AGEFIPH file the API reads was dumped a few weeks before the end of the world's drawn history.
AGEFIPH_DUMPED_AT = datetime(2025, 6, 2, 9, 41, 27, tzinfo=PARIS)
# Building firms above this size fall under the larger firms' workers agreement and employ ETAM staff.
BUILDING_SMALL_FIRM_STAFF = 10


@dataclass(frozen=True)
class MsaStanding:
    """An employer's standing with the MSA."""

    up_to_date: bool


@dataclass(frozen=True)
class ProbtpAccount:
    """An establishment's retirement-contribution account at PRO BTP, and the attestation it earns.

    ``eligible`` is what the eligibility routes answer; PRO BTP delivers its attestation to an
    eligible account only, so the attestation routes answer for exactly these.
    """

    eligible: bool
    member_number: str
    reference: str
    signatory: str


@dataclass(frozen=True)
class AgefiphRecord:
    """The last year AGEFIPH knows the employer met its disabled-workers quota."""

    last_compliant_year: int


def draw_msa_standing(site: Establishment) -> MsaStanding | None:
    """Draw the MSA standing of ``site``'s employer (one per company), or None outside the MSA's activities."""
    if not site.naf.startswith(MSA_NAF_PREFIXES):
        return None
    rng = seeded("msa", site.company.siren)
    return MsaStanding(up_to_date=rng.random() < MSA_UP_TO_DATE)


def draw_probtp_account(site: Establishment, today: date) -> ProbtpAccount | None:
    """Draw the PRO BTP account of ``site``, or None outside the building trades' employers.

    An account is eligible for the attestation while the establishment is open and up to date.
    """
    if not (site.company.is_building_trade and site.company.is_employer):
        return None
    rng = seeded("probtp", site.siret)
    return ProbtpAccount(
        eligible=site.is_active and rng.random() < PROBTP_ELIGIBLE,
        member_number=f"{rng.randint(10_000_000, 99_999_999)}",
        reference=f"ATT-RC-{today.year}-{rng.randint(100_000, 999_999)}",
        signatory=people.signatory(rng.getrandbits(32)),
    )


def draw_agefiph_record(company: Company, today: date) -> AgefiphRecord | None:
    """Draw the AGEFIPH record of ``company``, or None when no quota binds it or no year is known yet."""
    if company.headcount_low < AGEFIPH_MINIMUM_STAFF:
        return None
    rng = seeded("agefiph", company.siren)
    last_year = (company.ceased_on or today).year - 1
    if rng.random() >= AGEFIPH_CURRENT:
        last_year -= rng.randint(1, 3)
    if last_year < company.created_on.year:
        return None
    return AgefiphRecord(last_compliant_year=last_year)


def collective_agreements(site: Establishment, at: date) -> tuple[int, ...]:
    """Return the IDCC numbers of the agreements ``site``'s staff fall under on ``at`` (none without staff).

    An agreement applies from its publication: one published after ``at`` is not listed yet.
    """
    if site.headcount_band in nom.NON_EMPLOYING_BANDS:
        return ()
    if site.naf.startswith(tables.PUBLIC_WORKS_NAF_PREFIX):
        numbers = (tables.PUBLIC_WORKS_WORKERS, tables.PUBLIC_WORKS_ETAM)
    elif site.company.is_building_trade:
        staff = nom.HEADCOUNT_BANDS[site.company.headcount_band][0]
        large = staff > BUILDING_SMALL_FIRM_STAFF
        numbers = (tables.BUILDING_WORKERS_LARGE, tables.BUILDING_ETAM) if large else (tables.BUILDING_WORKERS_SMALL,)
    else:
        numbers = (tables.CONVENTION_BY_NAF[site.naf],)
    return tuple(number for number in numbers if tables.CONVENTIONS[number][2] <= at.isoformat())
