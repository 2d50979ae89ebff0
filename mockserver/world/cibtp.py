"""The CIBTP network's paid-leave and bad-weather funds: the building firms affiliated to them.

Building firms (NAF 41 and 43; public works belong to the CNETP) that employ staff are
affiliated to the CIBTP fund of their region, which certifies that they are up to date.
"""

from dataclasses import dataclass

from mockserver.world.entities import Establishment
from mockserver.world.gip_mds import employs
from mockserver.world.randomness import seeded

BUILDING_NAF_PREFIXES = ("41", "43")
UP_TO_DATE_SHARE = 0.92
# Region code -> the CIBTP fund that covers it.
FUNDS = {
    "11": "CIBTP Île-de-France",
    "24": "CIBTP Centre",
    "27": "CIBTP Bourgogne-Franche-Comté",
    "28": "CIBTP Normandie",
    "32": "CIBTP Nord-Pas-de-Calais-Picardie",
    "44": "CIBTP Grand Est",
    "52": "CIBTP Grand Ouest",
    "53": "CIBTP Grand Ouest",
    "75": "CIBTP Grand Ouest",
    "76": "CIBTP Méditerranée",
    "84": "CIBTP Rhône-Alpes-Auvergne",
    "93": "CIBTP Méditerranée",
}


@dataclass(frozen=True)
class FundAttestation:
    """A CIBTP fund's attestation that an establishment pays its paid-leave and bad-weather contributions."""

    site: Establishment
    fund: str
    member_number: str
    reference: str


def is_behind(site: Establishment) -> bool:
    """Tell whether ``site`` is affiliated to a CIBTP fund, open, but behind with its contributions."""
    return _covered(site) and site.is_active and not _paid_up(site)


def _covered(site: Establishment) -> bool:
    """Tell whether a CIBTP fund covers ``site``: a building firm in France that employs staff."""
    company = site.company
    return (
        not site.address.is_abroad and company.naf.startswith(BUILDING_NAF_PREFIXES) and employs(company.headcount_band)
    )


def _paid_up(site: Establishment) -> bool:
    """Draw whether ``site``'s contributions are paid up (whatever it is affiliated to)."""
    return seeded("cibtp", site.siret).random() < UP_TO_DATE_SHARE


def draw_attestation(site: Establishment, forced: bool = False) -> FundAttestation | None:
    """Draw the attestation of ``site``, or None when no CIBTP fund covers it or it is behind (unless ``forced``)."""
    # The funds are regional: a site abroad has none, whatever a scenario forces.
    if site.address.is_abroad:
        return None
    rng = seeded("cibtp", site.siret)
    up_to_date = site.is_active and rng.random() < UP_TO_DATE_SHARE
    if not (_covered(site) and up_to_date) and not forced:
        return None
    return FundAttestation(
        site=site,
        fund=FUNDS[site.address.region_code],
        member_number=f"{rng.randint(1_000_000, 9_999_999)}",
        reference=f"CP-{rng.randint(100_000, 999_999)}",
    )
