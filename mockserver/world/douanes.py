"""The customs' EORI register: the traders that import or export, under "FR" + their SIRET.

A French EORI number is "FR" followed by the SIRET of the trader's head office; only firms
that trade across the EU's border hold one: wholesalers, mail-order sellers, carriers,
manufacturers and wine growers, most of them, and a few others. Everyone else is unknown
to the register, as production answers.
"""

from dataclasses import dataclass

from mockserver.world.entities import Company
from mockserver.world.randomness import seeded

# NAF prefix -> share of the firms that hold an EORI number.
TRADER_SHARES = {"46": 0.8, "4791": 0.7, "4941": 0.7, "25": 0.5, "35": 0.3, "0121": 0.6, "10": 0.2}
# Street types as the customs' register abbreviates them.
STREET_ABBREVIATIONS = {"RUE": "R", "AV": "AV", "BD": "BD", "PL": "PL", "ALL": "ALL", "CHE": "CHE", "IMP": "IMP"}


@dataclass(frozen=True)
class RegisteredIdentity:
    """The name and address the register's own file gives a trader, where it is not its company's (staging)."""

    name: str
    street: str
    postal_code: str
    city: str
    country: str


@dataclass(frozen=True)
class EoriRecord:
    """A trader's EORI registration."""

    company: Company
    registered_as: RegisteredIdentity | None = None

    @property
    def number(self) -> str:
        """Return the EORI number: "FR" and the head office's SIRET."""
        return "FR" + self.company.siege_siret

    @property
    def street(self) -> str:
        """Return the street line the register keeps, street type abbreviated."""
        address = self.company.address
        kind = STREET_ABBREVIATIONS.get(address.type_voie, address.type_voie)
        return f"{address.numero_voie} {kind} {address.nom_voie}"


def is_trader(company: Company) -> bool:
    """Tell whether ``company`` imports or exports (and so holds an EORI number)."""
    share = next((s for prefix, s in TRADER_SHARES.items() if company.naf.startswith(prefix)), 0.0)
    return seeded("eori", company.siren).random() < share


def draw_record(company: Company, forced: bool = False, known: dict | None = None) -> EoriRecord | None:
    """Return the EORI registration of ``company``, or None when it trades within France only (unless ``forced``).

    ``known``: the name and address a staging file registers the trader under; such a trader is registered.
    """
    if known:
        return EoriRecord(company, RegisteredIdentity(**known))
    # A company of foreign law holds the EORI number of its home country, not a French one.
    trades = is_trader(company) and not company.is_association and company.seat_abroad is None
    return EoriRecord(company) if trades or forced else None
