"""Qualifelec's certificates: the qualifications of electrical contractors, site by site.

Qualifelec qualifies electrical trades only, so only an establishment whose activity is
electrical installation can hold a certificate; most of them do. A certificate holds one
qualification (with its indices, mentions and domains), a class set by the site's staff,
and the contractor's ten-year and civil-liability insurers.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Establishment
from mockserver.world.randomness import day_between, seeded, years_after
from mockserver.world.validity import Period, period_at

ELECTRICAL_NAF = ("4321A", "4321B")
CERTIFIED_SHARE = 0.75
# Qualification label -> its indices (code, label).
QUALIFICATIONS = {
    "Installations Électriques Logement Commerce Petit Tertiaire": (
        ("E1", "Électrotechnique – indice 1 (installations simples)"),
        ("E2", "Électrotechnique – indice 2 (installations courantes)"),
    ),
    "Infrastructures de Recharge de Véhicules Électriques": (
        ("IRVE1", "IRVE – indice 1 (station de recharge – puissance maximale ≤ 22 kW)"),
        ("IRVE2", "IRVE – indice 2 (station de recharge – puissance maximale > 22 kW)"),
    ),
    "Photovoltaïque": (("SPV1", "Solaire photovoltaïque – indice 1 (≤ 36 kVA)"),),
    "Efficacité énergétique": (("EE1", "Efficacité énergétique – indice 1"),),
}
MENTIONS = (("RGE", "Reconnu Garant de l'Environnement"), ("PRGE", "Probatoire Reconnu Garant de l'Environnement"))
DOMAINS = (("SU", "Sûreté"), ("CO", "Communication"), ("EN", "Énergie"))
# Class of a contractor by the number of its executants (Qualifelec's classification).
CLASSES = ((3, 1, "Classe 1 - de 1 à 3 exécutants"), (9, 2, "Classe 2 - de 4 à 9 exécutants"))
LARGEST_CLASS = (3, "Classe 3 - 10 exécutants et plus")
INSURERS = ("AXA", "HISCOX", "MAAF PRO", "SMABTP", "MMA", "ALLIANZ")
VALIDITY_YEARS = 4
# Chance that a four-year certificate is renewed at its term.
RENEWAL = 0.85


@dataclass(frozen=True)
class Certificate:
    """One Qualifelec certificate of a site."""

    numero: int
    rge: bool
    valid_from: date
    valid_until: date
    qualification: str
    indices: tuple[tuple[str, str], ...]
    mentions: tuple[tuple[str, str], ...]
    domains: tuple[tuple[str, str], ...]
    classification: tuple[int, str] | None
    ten_year_insurer: tuple[str, date | None, date | None]
    liability_insurer: tuple[str, date | None, date | None]
    # The qualification's own period, where it outlives the certificate (a staging file's); else the certificate's.
    qualified_from: date | None = None
    qualified_until: date | None = None

    @property
    def qualification_period(self) -> tuple[date, date]:
        """Return the first and last days of the qualification the certificate attests."""
        return self.qualified_from or self.valid_from, self.qualified_until or self.valid_until


def _classification(site: Establishment) -> tuple[int, str] | None:
    """Return the class of the site's contractor by its staff (None for a unit without staff)."""
    low = nom.HEADCOUNT_BANDS[site.headcount_band][0]
    if low is None:
        return None
    for most, code, label in CLASSES:
        if low + 1 <= most:
            return code, label
    return LARGEST_CLASS


def draw_certificates(site: Establishment, at: date, forced: bool = False) -> tuple[Certificate, ...]:
    """Draw the certificates of ``site`` in force on ``at``: none outside electrical trades or for a closed site.

    ``site`` is read on ``at``. Each qualification is a chain of four-year certificates first granted
    within a few years of the site's creation, renewed or not at each term (``validity``). ``forced``
    (a scenario) lends any site certificates in force on ``at``.
    """
    rng = seeded("qualifelec", site.siret)
    certified = site.naf in ELECTRICAL_NAF and site.is_active and rng.random() < CERTIFIED_SHARE
    if not certified and not forced:
        return ()
    certificates = []
    for label in rng.sample(sorted(QUALIFICATIONS), rng.choice((1, 1, 1, 2))):
        first = day_between(rng, site.created_on, years_after(site.created_on, VALIDITY_YEARS))
        period = period_at("qualifelec", f"{site.siret}:{label}", first, VALIDITY_YEARS, RENEWAL, at)
        if period is None and forced:
            # Lent by the scenario: granted a month before the instant.
            granted = at - timedelta(days=30)
            period = Period(0, granted, years_after(granted, VALIDITY_YEARS) - timedelta(days=1))
        indices = QUALIFICATIONS[label]
        mention = rng.choice((None, MENTIONS[0], MENTIONS[0], MENTIONS[1]))
        known_period = rng.random() < 0.8
        # Drawn whether or not a certificate holds, so that the next qualification draws the same at every instant.
        numero, indices = rng.randint(1000, 99999), tuple(indices[: rng.randint(1, len(indices))])
        domains = tuple(rng.sample(DOMAINS, rng.choice((0, 0, 1, 2))))
        insurers = rng.choice(INSURERS), rng.choice(INSURERS)
        if period is None:
            continue
        insured_from = period.granted_on.replace(month=1, day=1)
        policy = (insured_from, insured_from.replace(month=12, day=31)) if known_period else (None, None)
        certificates.append(
            Certificate(
                numero=numero,
                rge=mention is not None,
                valid_from=period.granted_on,
                valid_until=period.valid_until,
                qualification=label,
                indices=indices,
                mentions=(mention,) if mention else (),
                domains=domains,
                classification=_classification(site),
                ten_year_insurer=(insurers[0], *policy),
                liability_insurer=(insurers[1], *policy),
            )
        )
    return tuple(certificates)


def certified_by(certificates: tuple[Certificate, ...], today: date) -> tuple[Certificate, ...]:
    """Return the certificates a staging file shows that were issued by ``today`` (an event of its first day)."""
    return tuple(certificate for certificate in certificates if certificate.valid_from <= today)
