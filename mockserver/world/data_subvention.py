"""Data Subvention: the grants associations asked the State for, and what was paid.

Only associations receive them (the ones the RNA and the DJEPVA routes show). A grant request
is instructed by a State service, granted or not; a granted one is paid through Chorus
in one or two instalments. Some associations never asked for any: the API knows nothing of them.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from mockserver.world.entities import Association
from mockserver.world.randomness import Weights, day_between, seeded, weighted

SUBSIDISED_SHARE = 0.45
YEARS_BACK = 5
# Scheme -> (sub-scheme, kind of aid, budget programme number and label, the instructing service's prefix).
SCHEMES = {
    "Fonds de développement de la vie associative": (
        "Aides territoriales (hors emploi)",
        "Projets associatifs",
        ("163", "Jeunesse et vie associative"),
        "SDJES",
    ),
    "ANS - Projets Sportifs Territoriaux": (
        "Aides territoriales (hors emploi)",
        "Projets sportifs territoriaux",
        ("219", "Sport"),
        "DRAJES",
    ),
    "Politique de la ville": ("Contrat de ville", "Cohésion sociale", ("147", "Politique de la ville"), "DDETS"),
}
PROJECTS = (
    ("Développement du numérique associatif", "Favoriser l'inclusion numérique", "Formation des bénévoles"),
    ("Accueil de nouveaux publics", "Ouvrir l'association aux jeunes du quartier", "Ateliers hebdomadaires"),
    ("Fête annuelle de quartier", "Créer du lien social", "Organisation d'un événement public"),
    ("Développement de la pratique féminine", "Développer la pratique", "Créneaux dédiés"),
)
# The evaluation indicators an association may give for a project (a third do), one per project of PROJECTS.
INDICATORS = {
    "Développement du numérique associatif": "Nombre de bénévoles formés ; nombre d'outils numériques adoptés",
    "Accueil de nouveaux publics": "Nombre de jeunes accueillis ; taux de renouvellement des adhésions",
    "Fête annuelle de quartier": "Nombre de participants ; nombre d'associations partenaires",
    "Développement de la pratique féminine": "Nombre de licenciées ; nombre de créneaux ouverts",
}
INDICATORS_SHARE = 0.3
STATUSES = Weights({"Accordé": 70, "Refusé": 12, "En instruction": 10, "En attente": 8})
COFUNDERS = ("Conseil départemental", "Ville", "Conseil régional", "Caisse d'allocations familiales")


@dataclass(frozen=True)
class Payment:
    """One payment of a grant through Chorus."""

    amount: int
    paid_on: date
    financial_centre: str
    functional_area: str
    activity: str


@dataclass(frozen=True)
class GrantRequest:
    """A grant request of one year and the payments that followed."""

    year: int
    scheme: str
    sub_scheme: str
    aid_nature: str
    programme: tuple[str, str]
    legal_commitment: str | None
    asked: int
    total_cost: int
    projects: tuple[tuple[str, str, str], ...]
    # The indicators given for each project, in the order of ``projects`` (None: none given).
    indicators: tuple[str | None, ...]
    cofunders: str
    service: str
    committee_on: date | None
    status: str
    granted: int
    updated_at: datetime
    payments: tuple[Payment, ...]
    # What a staging file gives of each project beyond the draw's (its own description and scheme); else
    # derived from the project and the request.
    project_descriptions: tuple[str, ...] = ()
    project_schemes: tuple[str, ...] = ()


def draw_grants(association: Association, today: date, forced: bool = False) -> tuple[GrantRequest, ...]:
    """Draw the grant requests of ``association``, oldest first: none for most (at least one when ``forced``)."""
    rng = seeded("data_subvention", association.rna_id)
    if rng.random() >= SUBSIDISED_SHARE and not forced:
        return ()
    last_year = (association.dissolved_on or today).year
    first_year = max(association.created_on.year + 1, today.year - YEARS_BACK)
    grants = []
    department = association.address.code_insee[:2]
    for year in range(first_year, last_year + 1):
        # Not every year brings a request; a forced association asked at least in its last year.
        if rng.random() < 0.4 and not (forced and year == last_year):
            continue
        scheme = rng.choice(sorted(SCHEMES))
        sub_scheme, nature, programme, service = SCHEMES[scheme]
        asked = rng.choice((1500, 2000, 3000, 5000, 8000, 10000, 15000))
        status = weighted(rng, STATUSES) if year == today.year else rng.choice(("Accordé", "Accordé", "Refusé"))
        granted = int(asked * rng.choice((0.6, 0.8, 1.0))) if status == "Accordé" else 0
        commitment = f"{year % 100:02d}/{rng.randint(0, 9_999_999):07d}" if status == "Accordé" else None
        committee = day_between(rng, date(year, 3, 1), date(year, 7, 15)) if status != "En attente" else None
        payments = []
        if granted:
            instalments = (granted,) if rng.random() < 0.6 else (granted * 6 // 10, granted - granted * 6 // 10)
            paid = committee + timedelta(days=rng.randint(20, 60))
            for amount in instalments:
                if paid > today:
                    break
                payments.append(
                    Payment(amount, paid, f"UO {service} {department}", nature.lower(), programme[1].lower())
                )
                paid += timedelta(days=rng.randint(120, 200))
        total_cost = asked * rng.choice((2, 3, 4))
        projects = tuple(rng.sample(PROJECTS, rng.randint(1, 2)))
        # From a generator of its own, so that no earlier fact of the request moved.
        given = seeded("data_subvention_indicators", f"{association.rna_id}:{year}")
        indicators = tuple(INDICATORS[title] if given.random() < INDICATORS_SHARE else None for title, _, _ in projects)
        grants.append(
            GrantRequest(
                year=year,
                scheme=scheme,
                sub_scheme=sub_scheme,
                aid_nature=nature,
                programme=programme,
                legal_commitment=commitment,
                asked=asked,
                total_cost=total_cost,
                projects=projects,
                indicators=indicators,
                cofunders=";".join(rng.sample(COFUNDERS, rng.randint(1, 2))),
                service=f"{service} {department}",
                committee_on=committee,
                status=status,
                granted=granted,
                updated_at=datetime(year, 1, 1) + timedelta(days=rng.randint(0, 60)),
                payments=tuple(payments),
            )
        )
    return tuple(grants)


def requested_by(grants: tuple[GrantRequest, ...], today: date) -> tuple[GrantRequest, ...]:
    """Return the requests a staging file shows as known on ``today``, with the payments made by then."""
    return tuple(
        replace(grant, payments=tuple(payment for payment in grant.payments if payment.paid_on <= today))
        for grant in grants
        if grant.updated_at.date() <= today
    )
