"""What the CARIF-OREF network and France Compétences know of a training provider.

Only training providers are known: an establishment whose activity is adult training. Each
holds a declaration of activity (NDA) and, most often, the Qualiopi quality mark for some of
its kinds of action; some are also accredited by France Compétences to train for, or assess,
certifications of the RNCP, and a few apprenticeship centres carry a UAI code.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from mockserver.world.entities import Establishment
from mockserver.world.randomness import day_between, seeded

TRAINING_NAF = ("8559A", "8559B")
# Formacode-NSF specialities (code, label) a provider declares.
SPECIALITIES = (
    ("313", "Finances, banque, assurances"),
    ("326", "Informatique, traitement de l'information, réseaux de transmission des données"),
    ("327", "Langues"),
    ("330", "Spécialités plurivalentes des services aux personnes"),
    ("312", "Commerce, vente"),
    ("315", "Ressources humaines, gestion du personnel, gestion de l'emploi"),
    ("227", "Énergie, génie climatique"),
)
QUALIOPI_SHARE = 0.8
ACCREDITED_SHARE = 0.35
UAI_SHARE = 0.15
SEVERAL_NDA_SHARE = 0.1
# RNCP registrations run for five years.
REGISTRATION_DAYS = 5 * 365


@dataclass(frozen=True)
class Declaration:
    """A declaration of activity (NDA) and the Qualiopi mark that goes with it."""

    numero: str
    active: bool
    declared_on: date
    year_start: date
    year_end: date
    qualiopi: tuple[bool, bool, bool, bool] | None
    via_unite_legale: bool | None
    specialities: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Accreditation:
    """A France Compétences accreditation on an RNCP certification."""

    code: str
    active: bool
    active_on: date | None
    registered_until: date | None
    decided_on: date | None
    trains: bool
    assesses: bool
    certifiers: tuple[str, ...]


@dataclass(frozen=True)
class TrainingProvider:
    """A training establishment as the CARIF-OREF shows it."""

    code_uai: str | None
    several_nda: bool
    declarations: tuple[Declaration, ...]
    accreditations: tuple[Accreditation, ...]


def draw_provider(
    site: Establishment, certifier_siret: str, today: date, forced: bool = False
) -> TrainingProvider | None:
    """Draw what the CARIF-OREF knows of ``site``, or None when it is no training provider (unless ``forced``)."""
    # The regional CARIF-OREF know sites in France only, whatever a scenario forces.
    if site.address.is_abroad or (site.naf not in TRAINING_NAF and not forced):
        return None
    rng = seeded("carif_oref", site.siret)
    declared = day_between(rng, site.created_on, today - timedelta(days=30))
    year_start = date(today.year - 1, 1, 1)
    qualiopi = tuple(rng.random() < p for p in (0.9, 0.2, 0.15, 0.25)) if rng.random() < QUALIOPI_SHARE else None
    declaration = Declaration(
        numero=f"{site.address.code_insee[:2]}{rng.randint(0, 999_999_999):09d}",
        active=site.is_active,
        declared_on=declared,
        year_start=year_start,
        year_end=date(today.year - 1, 12, 31),
        qualiopi=qualiopi,
        via_unite_legale=(not site.is_siege) if qualiopi else None,
        specialities=tuple(rng.sample(SPECIALITIES, rng.randint(1, 3))),
    )
    accreditations = []
    if rng.random() < ACCREDITED_SHARE:
        for _ in range(rng.randint(1, 2)):
            decided = day_between(rng, date(2019, 1, 1), today - timedelta(days=60))
            dated = rng.random() < 0.85
            accreditations.append(
                Accreditation(
                    code=f"RNCP{rng.randint(10000, 39999)}",
                    active=True,
                    active_on=decided if dated else None,
                    registered_until=decided + timedelta(days=REGISTRATION_DAYS) if dated else None,
                    decided_on=decided if dated else None,
                    trains=True,
                    assesses=rng.random() < 0.6,
                    certifiers=(certifier_siret,),
                )
            )
    return TrainingProvider(
        code_uai=f"{site.address.code_insee[:2]}{rng.randint(10000, 99999)}{chr(65 + rng.randint(0, 25))}"
        if rng.random() < UAI_SHARE
        else None,
        several_nda=rng.random() < SEVERAL_NDA_SHARE,
        declarations=(declaration,),
        accreditations=tuple(accreditations),
    )


def known_on(provider: TrainingProvider, today: date) -> TrainingProvider | None:
    """Return a provider a staging file shows as known on ``today``: its declarations and decisions made by then."""
    shown = replace(
        provider,
        declarations=tuple(d for d in provider.declarations if d.declared_on <= today),
        accreditations=tuple(a for a in provider.accreditations if a.decided_on is None or a.decided_on <= today),
    )
    return shown if shown.declarations else None
