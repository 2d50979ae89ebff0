"""The Agence Bio's directory of organic operators: farms and food firms certified organic.

Only farms (and, more rarely, bakers and food shops) are in it. An operator is known by its
SIRET; it is committed with one certifying body, produces a few crops, and is located at its
establishment's address (placed at the commune's centre, the precision the directory keeps).
"""

from dataclasses import dataclass
from datetime import date

from mockserver.world.entities import Establishment
from mockserver.world.randomness import day_between, seeded, years_after

# NAF prefix -> share of the operators certified organic.
ORGANIC_SHARES = {"01": 0.35, "1071C": 0.08, "4724Z": 0.05, "4711D": 0.1}
# The directory's records begin in 2008; a site commits within these years of its creation (or of 2008).
DIRECTORY_FROM = date(2008, 1, 1)
COMMITMENT_YEARS = 10
SUSPENDED_SHARE = 0.05
BODIES = {
    "Ecocert France": "https://certificat.ecocert.com/fiche/{n}",
    "Certipaq Bio": "https://www.certipaq.solutions/bio/certificats/fiche/{n}/",
    "Bureau Veritas Certification": "https://bio.bureauveritas.fr/certificat/{n}",
}
# NAF -> productions (code of the directory's nomenclature, name) and the operator's activities.
PRODUCTIONS = {
    "0111Z": (("01.11.12", "Blé tendre"), ("01.11.20", "Maïs grain"), ("01.11.71", "Pois protéagineux")),
    "0121Z": (("01.21.12", "Raisins de cuve"),),
    "0150Z": (("01.13.13", "Choux-fleurs et brocolis"), ("01.41.10", "Vaches laitières"), ("01.11.12", "Blé tendre")),
}
FOOD_PRODUCTIONS = (("10.71.11", "Pain frais"), ("10.71.12", "Pâtisserie fraîche"))
CATEGORIES = {"01": ("Production",), "10": ("Préparation",), "47": ("Distribution",)}
# Commune's INSEE code -> (latitude, longitude) of its centre.
CENTRES = {
    "75": (48.8566, 2.3522),
    "92": (48.8924, 2.2069),
    "93": (48.9362, 2.3574),
    "94": (48.7904, 2.4556),
    "45": (47.9029, 1.9093),
    "37": (47.3941, 0.6848),
    "21": (47.3220, 5.0415),
    "25": (47.2378, 6.0241),
    "14": (49.1829, -0.3707),
    "76": (49.4432, 1.0999),
    "59": (50.6292, 3.0573),
    "80": (49.8941, 2.2958),
    "67": (48.5734, 7.7521),
    "51": (49.2583, 4.0317),
    "57": (49.1193, 6.1757),
    "54": (48.6921, 6.1844),
    "68": (47.7508, 7.3359),
    "44": (47.2184, -1.5536),
    "49": (47.4784, -0.5632),
    "72": (48.0061, 0.1996),
    "35": (48.1173, -1.6778),
    "29": (48.3904, -4.4861),
    "33": (44.8378, -0.5792),
    "87": (45.8336, 1.2611),
    "86": (46.5802, 0.3404),
    "64": (43.2951, -0.3708),
    "17": (46.1603, -1.1511),
    "31": (43.6047, 1.4442),
    "34": (43.6108, 3.8767),
    "30": (43.8367, 4.3601),
    "66": (42.6887, 2.8948),
    "38": (45.1885, 5.7245),
    "42": (45.4397, 4.3872),
    "63": (45.7772, 3.0870),
    "74": (45.8992, 6.1294),
    "06": (43.7102, 7.2620),
    "83": (43.1242, 5.9280),
}


@dataclass(frozen=True)
class OrganicOperator:
    """An establishment's entry in the Agence Bio's directory."""

    site: Establishment
    numero_bio: int
    body: str
    certificate_url: str
    committed_on: date
    status: str
    suspended_on: date | None
    stopped_on: date | None
    productions: tuple[tuple[str, str], ...]
    categories: tuple[str, ...]
    updated_on: date
    coordinates: tuple[float, float]


def draw_operator(site: Establishment, at: date) -> OrganicOperator | None:
    """Draw the organic operator ``site`` is on ``at``, or None when it is not in the directory then.

    ``site`` is read on ``at``. Its commitment, a suspension and the directory's last update are
    drawn in absolute dates: none shows before it happened. A site abroad is never in the directory.
    """
    if site.address.is_abroad:
        return None
    share = next((s for prefix, s in ORGANIC_SHARES.items() if site.naf.startswith(prefix)), 0.0)
    rng = seeded("agence_bio", site.siret)
    if rng.random() >= share:
        return None
    body = rng.choice(sorted(BODIES))
    number = rng.randint(10_000, 99_999)
    start = max(site.created_on, DIRECTORY_FROM)
    committed = day_between(rng, start, years_after(start, COMMITMENT_YEARS))
    if committed > at:
        return None
    # Every draw is made whatever the day, so that the same site draws the same events at every instant.
    suspension = day_between(rng, committed, years_after(committed, COMMITMENT_YEARS))
    suspends = rng.random() < SUSPENDED_SHARE
    engagement = rng.choice(("ENGAGEE", "ENGAGEE", "CONVERSION"))
    productions = PRODUCTIONS.get(site.naf, FOOD_PRODUCTIONS)
    certificate_url = BODIES[body].format(n=rng.randint(10_000, 99_999))
    chosen = tuple(rng.sample(productions, rng.randint(1, len(productions))))
    update = day_between(rng, committed, years_after(committed, COMMITMENT_YEARS))
    stopped = site.closed_on
    suspended = suspension if suspends and not stopped and suspension <= at else None
    return OrganicOperator(
        site=site,
        numero_bio=number,
        body=body,
        certificate_url=certificate_url,
        committed_on=committed,
        status="ARRETEE" if stopped else "SUSPENDUE" if suspended else engagement,
        suspended_on=suspended,
        stopped_on=stopped,
        productions=chosen,
        categories=CATEGORIES[site.naf[:2]],
        updated_on=max(day for day in (committed, suspended, stopped, update if update <= at else None) if day),
        coordinates=CENTRES[site.address.code_insee[:2]],
    )
