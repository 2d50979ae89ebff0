"""The Répertoire national des métiers (RNM) kept by the CMA: the craft businesses and their craftsmen.

Only craft trades are entered (food crafts, building trades, manufacturing crafts, services
such as hairdressing or car repair) and only in the forms a craftsman runs them: a sole
trader or a small company (SARL, SAS), never a public limited company, a property company or
an association. A firm past the craft threshold may stay entered, so the band is not checked.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Company, Person
from mockserver.world.randomness import day_between, seeded, weighted

# NAF code -> (NAFA code, its label, NAR 4 sector, NAR 20 sector): the craft activities of the world.
CRAFT_ACTIVITIES = {
    "1071C": ("1071CA", "Boulangerie-pâtisserie", "ALIMENTATION", "BOULANGERIE PATISSERIE"),
    "4724Z": ("4724ZA", "Pâtisserie, confiserie en magasin", "ALIMENTATION", "BOULANGERIE PATISSERIE"),
    "9602A": ("9602AA", "Coiffure en salon", "SERVICES", "COIFFURE"),
    "4520A": ("4520AA", "Réparation de véhicules automobiles légers", "SERVICES", "REPARATION AUTOMOBILE"),
    "2511Z": ("2511ZA", "Fabrication de structures métalliques", "PRODUCTION", "TRAVAIL DES METAUX"),
    "4120A": ("4120AA", "Construction de maisons individuelles", "BATIMENT", "MACONNERIE"),
    "4321A": ("4321AA", "Installation électrique", "BATIMENT", "ELECTRICITE"),
    "4322A": ("4322AA", "Plomberie, installation d'eau et de gaz", "BATIMENT", "PLOMBERIE CHAUFFAGE"),
    "4322B": ("4322BA", "Installation de chauffage et de climatisation", "BATIMENT", "PLOMBERIE CHAUFFAGE"),
    "4332A": ("4332AA", "Menuiserie bois et PVC", "BATIMENT", "MENUISERIE"),
    "4334Z": ("4334ZA", "Peinture en bâtiment", "BATIMENT", "PEINTURE VITRERIE"),
    "4391B": ("4391BA", "Couverture", "BATIMENT", "COUVERTURE"),
    "4399C": ("4399CA", "Maçonnerie générale", "BATIMENT", "MACONNERIE"),
    "8130Z": ("8130ZA", "Aménagement paysager", "SERVICES", "JARDINAGE PAYSAGISME"),
}
CRAFT_FORMS = ("1000", "5499", "5498", "5710", "5720", "5202")
QUALIFICATIONS = {"ARTISAN": 60, "MAITRE ARTISAN": 12, "ARTISAN D'ART": 4, "SANS QUALIFICATION": 24}
# Where the entry came from: creation, purchase, takeover... (RNM origin codes).
ORIGINS = {"1": 70, "3": 15, "4": 8, "6": 7}
MOBILE_SHARE = 0.08
SECONDARY_SHARE = 0.06
PSEUDONYM_SHARE = 0.05
PSEUDONYMS = ("JO", "LOULOU", "TITI", "LE BRESSAN")
# Married names a craftsman may practise under.
USAGE_NAMES = ("MARTIN", "BERNARD", "PETIT", "DURAND", "LEROY", "MOREAU")
USAGE_NAME_SHARE = 0.15
EIRL_SHARE = 0.1
PROCEDURE_SHARE = 0.05
PROCEDURE_TEXTS = (
    "Ouverture de procedure de sauvegarde",
    "Ouverture de procedure normale de redressement",
    "Plan de continuation",
)
# The RNM's yearly import into the API's database.
IMPORTED_ON = date(2025, 1, 6)


@dataclass(frozen=True)
class CraftEntry:
    """A business's entry in the RNM."""

    company: Company
    nafa: str
    nafa_label: str
    sector_nar4: str
    sector_nar20: str
    modalite_exercice: str
    non_sedentaire: bool
    qualification: str
    craftsman: Person | None
    usage_name: str | None
    pseudonym: str | None
    birthplace: str
    registered_on: date
    origin: str
    code_cfe: str
    apprentices: int
    staff: int
    procedures: str | None
    eirl: tuple[str, str, date] | None
    rnm_id: int
    numero_gestion: str
    updated_on: date
    secondary_nafa: tuple[str, ...]


def is_craft(company: Company) -> bool:
    """Tell whether the RNM enters ``company``: a craft activity run as a sole trader or a small company."""
    return company.naf in CRAFT_ACTIVITIES and company.legal_form in CRAFT_FORMS


def _staff(rng: random.Random, band: str) -> int:
    """Draw the salaried staff the RNM recorded, inside INSEE's band."""
    low, high, _ = nom.HEADCOUNT_BANDS[band]
    if low is None:
        return 0
    return rng.randint(low, high if high is not None else low)


def draw_entry(company: Company, birthplace: str, today: date, forced: bool = False) -> CraftEntry | None:
    """Draw the RNM entry of ``company``, or None when it is no craft business (unless ``forced``)."""
    if not is_craft(company) and not forced:
        return None
    rng = seeded("rnm", company.siren)
    # A unit entered although its activity is no craft of the table keeps its own activity.
    fallback = (company.naf + "Z", company.naf_label, "SERVICES", "AUTRES SERVICES")
    nafa, label, nar4, nar20 = CRAFT_ACTIVITIES.get(company.naf, fallback)
    craftsman = company.person or next((d.person for d in company.directors if d.person), None)
    registered = company.created_on + timedelta(days=rng.randint(0, 25))
    staff = _staff(rng, company.headcount_band)
    eirl = None
    if company.person and rng.random() < EIRL_SHARE:
        eirl = (f"{company.person.nom} EIRL", label.upper(), day_between(rng, registered, today))
    others = sorted(a[0] for a in CRAFT_ACTIVITIES.values() if a[0] != nafa)
    secondary = tuple(rng.sample(others, rng.randint(1, 3)))
    return CraftEntry(
        company=company,
        nafa=nafa,
        nafa_label=label,
        sector_nar4=nar4,
        sector_nar20=nar20,
        modalite_exercice="S" if rng.random() < SECONDARY_SHARE else "P",
        non_sedentaire=rng.random() < MOBILE_SHARE,
        qualification=weighted(rng, QUALIFICATIONS),
        craftsman=craftsman,
        usage_name=rng.choice(USAGE_NAMES) if craftsman and rng.random() < USAGE_NAME_SHARE else None,
        pseudonym=rng.choice(PSEUDONYMS) if rng.random() < PSEUDONYM_SHARE else None,
        birthplace=birthplace,
        registered_on=registered,
        origin=weighted(rng, ORIGINS),
        code_cfe=f"M{company.address.code_insee[:2]}{rng.randint(1, 9):02d}",
        apprentices=rng.choice((0, 0, 0, 1, 1, 2)) if staff else 0,
        staff=staff,
        procedures=f"{day_between(rng, registered, today):%d.%m.%Y} {rng.choice(PROCEDURE_TEXTS)}"
        if rng.random() < PROCEDURE_SHARE
        else None,
        eirl=eirl,
        rnm_id=rng.randint(100_000, 9_999_999),
        numero_gestion=f"{rng.randint(0, 99_999_999_999):011d}",
        updated_on=min(day_between(rng, registered, today), IMPORTED_ON),
        secondary_nafa=secondary if rng.random() < 0.3 else (),
    )
