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
from mockserver.world.validity import period_at

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
# A provider declares its activity, earns its mark, is accredited within about three years of it.
DECLARATION_DAYS = 3 * 365
# The Qualiopi mark began in 2020 (compulsory from 2022), France Compétences' accreditations in 2019.
QUALIOPI_FROM = date(2020, 1, 1)
ACCREDITATIONS_FROM = date(2019, 1, 1)
# Chance that a three-year Qualiopi certificate is renewed at its term.
QUALIOPI_RENEWAL = 0.85


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


def draw_provider(site: Establishment, certifier_siret: str, at: date, forced: bool = False) -> TrainingProvider | None:
    """Draw what the CARIF-OREF knows of ``site`` on ``at``, or None when it is no training provider then.

    ``site`` is read on ``at``. Its declaration, its Qualiopi mark (a chain of three-year certificates)
    and its accreditations are drawn in absolute dates: none shows before it was made. ``forced`` (a
    scenario) makes any site in France a provider declared a month before the instant at the latest.
    """
    # The regional CARIF-OREF know sites in France only, whatever a scenario forces.
    if site.address.is_abroad or (site.naf not in TRAINING_NAF and not forced):
        return None
    rng = seeded("carif_oref", site.siret)
    declared = day_between(rng, site.created_on, site.created_on + timedelta(days=DECLARATION_DAYS))
    if declared > at:
        if not forced:
            return None
        declared = at - timedelta(days=30)
    flags = tuple(rng.random() < p for p in (0.9, 0.2, 0.15, 0.25))
    marked = rng.random() < QUALIOPI_SHARE
    mark_from = max(declared, QUALIOPI_FROM)
    first_mark = day_between(rng, mark_from, mark_from + timedelta(days=DECLARATION_DAYS))
    qualiopi = flags if marked and period_at("qualiopi", site.siret, first_mark, 3, QUALIOPI_RENEWAL, at) else None
    declaration = Declaration(
        numero=f"{site.address.code_insee[:2]}{rng.randint(0, 999_999_999):09d}",
        active=site.is_active,
        declared_on=declared,
        year_start=date(at.year - 1, 1, 1),
        year_end=date(at.year - 1, 12, 31),
        qualiopi=qualiopi,
        via_unite_legale=(not site.is_siege) if qualiopi else None,
        specialities=tuple(rng.sample(SPECIALITIES, rng.randint(1, 3))),
    )
    accreditations = []
    if rng.random() < ACCREDITED_SHARE:
        for _ in range(rng.randint(1, 2)):
            start = max(declared, ACCREDITATIONS_FROM)
            decided = day_between(rng, start, start + timedelta(days=DECLARATION_DAYS))
            dated = rng.random() < 0.85
            assesses = rng.random() < 0.6
            code = f"RNCP{rng.randint(10000, 39999)}"
            if decided > at:
                continue
            accreditations.append(
                Accreditation(
                    code=code,
                    active=True,
                    active_on=decided if dated else None,
                    registered_until=decided + timedelta(days=REGISTRATION_DAYS) if dated else None,
                    decided_on=decided if dated else None,
                    trains=True,
                    assesses=assesses,
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
