"""The attestations of regularity: the DGFIP's (taxes) and the URSSAF's (social contributions).

An attestation goes to an active company the body collects from: the DGFIP's to one liable
to corporate tax, the URSSAF's to any. It is issued on the day the world is read at and states the
situation at the end of the month before; its references are drawn from a generator seeded
by the SIREN, so the JSON answer and the PDF show the same ones.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world import people
from mockserver.world.entities import Address, Company
from mockserver.world.finances import CORPORATE_TAX_FORMS
from mockserver.world.randomness import seeded, upper_ascii


def situation_on(today: date) -> date:
    """Return the day an attestation issued ``today`` states the situation of: the end of the month before."""
    return today.replace(day=1) - timedelta(days=1)


def _draw_code(rng, alphabet: str, length: int) -> str:
    """Draw a reference code of ``length`` characters of ``alphabet``."""
    return "".join(rng.choice(alphabet) for _ in range(length))


# --- DGFIP: attestation de régularité fiscale ---------------------------------------------


@dataclass(frozen=True)
class TaxAttestation:
    """The DGFIP's attestation that a company filed and paid its taxes."""

    company: Company
    numero: str
    office: str
    office_address: Address
    office_phone: str
    signatory: str


def draw_tax_attestation(company: Company, today: date) -> TaxAttestation | None:
    """Return the tax attestation of an active company liable to corporate tax, or None."""
    if company.legal_form not in CORPORATE_TAX_FORMS or not company.is_active:
        return None
    rng = seeded("dgfip", company.siren)
    return TaxAttestation(
        company=company,
        numero=str(rng.randint(1_000_000, 9_999_999)),
        office=f"SERVICE DES IMPOTS DES ENTREPRISES DE {company.address.city}",
        office_address=people.office_address(rng, company.address),
        office_phone=people.fiction_phone(rng),
        signatory=people.signatory(rng.getrandbits(32)),
    )


# --- URSSAF (ACOSS): attestation de vigilance ---------------------------------------------


@dataclass(frozen=True)
class VigilanceAttestation:
    """The URSSAF's attestation that a company declared and paid its social contributions."""

    company: Company
    security_code: str
    urssaf: str
    signatory: str
    situation_on: date

    @property
    def valid_until(self) -> date:
        """Return the last day of validity: six months after the situation it states."""
        month = self.situation_on.month + 7
        return date(self.situation_on.year + (month - 1) // 12, (month - 1) % 12 + 1, 1) - timedelta(days=1)


def draw_vigilance_attestation(company: Company, today: date) -> VigilanceAttestation | None:
    """Return the attestation de vigilance of an active company, or None (radiée)."""
    if not company.is_active:
        return None
    rng = seeded("urssaf", company.siren)
    return VigilanceAttestation(
        company=company,
        security_code=_draw_code(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 15),
        urssaf=f"URSSAF {upper_ascii(company.address.region)}",
        signatory=people.signatory(rng.getrandbits(32)),
        situation_on=situation_on(today),
    )
