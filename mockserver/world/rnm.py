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
from mockserver.world.randomness import Weights, day_between, seeded, weighted, years_after

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
NAFA_LABELS = {nafa: label for nafa, label, _, _ in CRAFT_ACTIVITIES.values()}
CRAFT_FORMS = ("1000", "5499", "5498", "5710", "5720", "5202")
QUALIFICATIONS = Weights({"ARTISAN": 60, "MAITRE ARTISAN": 12, "ARTISAN D'ART": 4, "SANS QUALIFICATION": 24})
# Where the entry came from: creation, purchase, takeover... (RNM origin codes).
ORIGINS = Weights({"1": 70, "3": 15, "4": 8, "6": 7})
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
# How a ceased company left the register: its liquidation closed, or its estate passed whole to its
# sole shareholder (transmission universelle de patrimoine), one in three.
ESTATE_TRANSFER_SHARE = 1 / 3
# Commune code -> the EPCI (intercommunal body) the commune belongs to, as the RNM names it.
EPCI = {
    **dict.fromkeys(
        ("75102", "75108", "75109", "75111", "75115", "75117", "92050", "92012", "93066", "94028"),
        "Métropole du Grand Paris",
    ),
    "45234": "Orléans Métropole",
    "37261": "Tours Métropole Val de Loire",
    "21231": "Dijon Métropole",
    "25056": "Grand Besançon Métropole",
    "14118": "Communauté urbaine Caen la Mer",
    "76540": "Métropole Rouen Normandie",
    "76351": "Le Havre Seine Métropole",
    "59350": "Métropole Européenne de Lille",
    "80021": "Amiens Métropole",
    "67482": "Eurométropole de Strasbourg",
    "51454": "Communauté urbaine du Grand Reims",
    "57463": "Metz Métropole",
    "54395": "Métropole du Grand Nancy",
    "68224": "Mulhouse Alsace Agglomération",
    "44109": "Nantes Métropole",
    "49007": "Angers Loire Métropole",
    "72181": "Le Mans Métropole",
    "35238": "Rennes Métropole",
    "29019": "Brest Métropole",
    "33063": "Bordeaux Métropole",
    "87085": "Limoges Métropole",
    "86194": "Communauté urbaine de Grand Poitiers",
    "64445": "Communauté d'agglomération Pau Béarn Pyrénées",
    "17300": "Communauté d'agglomération de La Rochelle",
    "31555": "Toulouse Métropole",
    "34172": "Montpellier Méditerranée Métropole",
    "30189": "Nîmes Métropole",
    "66136": "Perpignan Méditerranée Métropole",
    "38185": "Grenoble-Alpes Métropole",
    "42218": "Saint-Étienne Métropole",
    "63113": "Clermont Auvergne Métropole",
    "74010": "Communauté d'agglomération du Grand Annecy",
    "06088": "Métropole Nice Côte d'Azur",
    "83137": "Métropole Toulon Provence Méditerranée",
}
# The RNM is imported into the API's database once a year, on the first Monday of January.
IMPORT_MONTH = 1


def _first_monday(year: int) -> date:
    """Return the first Monday of January of ``year``."""
    new_year = date(year, IMPORT_MONTH, 1)
    return new_year + timedelta(days=-new_year.weekday() % 7)


def imported_on(at: date) -> date:
    """Return the day of the RNM's last yearly import by ``at``."""
    this_year = _first_monday(at.year)
    return this_year if this_year <= at else _first_monday(at.year - 1)


# An entry's later events (an EIRL, a procedure, an update) fall within these years of its registration.
EVENT_YEARS = 10


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
    imported_on: date
    secondary_nafa: tuple[str, ...]
    # How a ceased company left: the day its liquidation closed, or the day its estate was transferred.
    liquidation_closed_on: date | None = None
    estate_transferred_on: date | None = None

    @property
    def secondary_labels(self) -> tuple[str, ...]:
        """Return the labels of the secondary craft activities, as the RNE lists them beside the main one."""
        return tuple(NAFA_LABELS[code] for code in self.secondary_nafa)

    @property
    def libelle_epci(self) -> str | None:
        """Return the EPCI of the business's commune (none for a commune the table does not know)."""
        return EPCI.get(self.company.address.code_insee)


def is_craft(company: Company) -> bool:
    """Tell whether the RNM enters ``company``: a craft activity run as a sole trader or a small company."""
    return company.naf in CRAFT_ACTIVITIES and company.legal_form in CRAFT_FORMS


def _staff(rng: random.Random, band: str) -> int:
    """Draw the salaried staff the RNM recorded, inside INSEE's band."""
    low, high, _ = nom.HEADCOUNT_BANDS[band]
    if low is None:
        return 0
    return rng.randint(low, high if high is not None else low)


def draw_entry(company: Company, birthplace: str, at: date, forced: bool = False) -> CraftEntry | None:
    """Draw the RNM entry of ``company`` read on ``at``, or None when it is no craft business (unless ``forced``).

    Its events (an EIRL's declaration, a procedure, the last update) are drawn in absolute dates
    within years of the registration; one after ``at`` does not show yet.
    """
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
        declared = day_between(rng, registered, years_after(registered, EVENT_YEARS))
        eirl = (f"{company.person.nom} EIRL", label.upper(), declared) if declared <= at else None
    closed_on = transferred_on = None
    if company.ceased_on and not company.person:
        # Drawn from a generator of its own, so that no earlier fact of the entry moved.
        if seeded("rnm_closing", company.siren).random() < ESTATE_TRANSFER_SHARE:
            transferred_on = company.ceased_on
        else:
            closed_on = company.ceased_on
    others = sorted(a[0] for a in CRAFT_ACTIVITIES.values() if a[0] != nafa)
    secondary = tuple(rng.sample(others, rng.randint(1, 3)))
    # Each draw is made whatever the day, so that the entry draws the same facts at every instant.
    modalite = "S" if rng.random() < SECONDARY_SHARE else "P"
    mobile = rng.random() < MOBILE_SHARE
    qualification = weighted(rng, QUALIFICATIONS)
    usage_name = rng.choice(USAGE_NAMES) if craftsman and rng.random() < USAGE_NAME_SHARE else None
    pseudonym = rng.choice(PSEUDONYMS) if rng.random() < PSEUDONYM_SHARE else None
    origin = weighted(rng, ORIGINS)
    code_cfe = f"M{company.address.code_insee[:2]}{rng.randint(1, 9):02d}"
    apprentices = rng.choice((0, 0, 0, 1, 1, 2)) if staff else 0
    procedure_on = day_between(rng, registered, years_after(registered, EVENT_YEARS))
    procedure = f"{procedure_on:%d.%m.%Y} {rng.choice(PROCEDURE_TEXTS)}" if rng.random() < PROCEDURE_SHARE else None
    rnm_id, numero_gestion = rng.randint(100_000, 9_999_999), f"{rng.randint(0, 99_999_999_999):011d}"
    updated = day_between(rng, registered, years_after(registered, EVENT_YEARS))
    imported = imported_on(at)
    return CraftEntry(
        company=company,
        nafa=nafa,
        nafa_label=label,
        sector_nar4=nar4,
        sector_nar20=nar20,
        modalite_exercice=modalite,
        non_sedentaire=mobile,
        qualification=qualification,
        craftsman=craftsman,
        usage_name=usage_name,
        pseudonym=pseudonym,
        birthplace=birthplace,
        registered_on=registered,
        origin=origin,
        code_cfe=code_cfe,
        apprentices=apprentices,
        staff=staff,
        procedures=procedure if procedure_on <= at else None,
        eirl=eirl,
        rnm_id=rnm_id,
        numero_gestion=numero_gestion,
        # The API knows the entry as its last import had it.
        updated_on=min(updated, imported),
        imported_on=imported,
        secondary_nafa=secondary if rng.random() < 0.3 else (),
        liquidation_closed_on=closed_on,
        estate_transferred_on=transferred_on,
    )
