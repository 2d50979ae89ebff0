"""What an association declares beyond its RNA record: approvals, networks, staff, accounts, documents.

The DJEPVA's API Association joins the RNA to what associations declare on Le Compte Asso
(the "documents administratifs complémentaires"): state approvals, the federations it is
affiliated to and, for a union or a federation, its members; its volunteers and staff, its
accounts, the documents it uploaded; its social-object codes and reach. Everything is drawn
from a generator of its own, seeded by the association's key (its RNA number, or its SIREN
under Alsace-Moselle's local law), so that no other fact of the association moved. Each
block is rare enough to be a case, common enough to be found: one association in five to
one in twenty-five shows it.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from mockserver.clock import HISTORY_END
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Address
from mockserver.world.people import address as street_address
from mockserver.world.randomness import Weights, day_between, weighted

# Social objects, in the shape of the RNA's nomenclature: a theme's three digits, a subject's three.
SOCIAL_OBJECTS = {
    "011080": "Rugby (rugby à 13, à 15)",
    "011045": "Football",
    "011150": "Tennis",
    "006040": "Théâtre, marionnettes, cirque",
    "006020": "Musique, chorales, fanfares",
    "015020": "Aide à l'insertion des personnes en difficulté",
    "016030": "Protection de la nature, des espaces naturels",
    "017045": "Comités des fêtes",
    "009010": "Soutien scolaire, accompagnement éducatif",
}
# The nomenclature's labels: the drawn codes and those curated records name.
SOCIAL_OBJECT_LABELS = SOCIAL_OBJECTS | {"011160": "Sports mécaniques (sport automobile, moto, trial)"}
REACHES = Weights({"local": 50, "départemental": 20, "régional": 12, "national": 10, "international": 3})
# State approvals: (type, level, granting body).
APPROVALS = (
    ("Sport", "local", "Direction départementale de la cohésion sociale"),
    ("JEP", "local", "Service départemental à la jeunesse, à l'engagement et aux sports"),
    ("Service civique", "national", "Agence du Service Civique"),
    ("Education nationale", "national", "Ministère de l'Education nationale"),
    ("Ecologie", "local", "Préfecture"),
    ("Autres", "local", "Caisse d'Allocations Familiales"),
)
FEDERATIONS = (
    ("FEDERATION FRANCAISE DE RUGBY", "Organiser et promouvoir la pratique du rugby en France"),
    ("FEDERATION FRANCAISE DE FOOTBALL", "Organiser et développer la pratique du football"),
    ("LIGUE DE L'ENSEIGNEMENT", "Fédérer les associations d'éducation populaire"),
    ("FEDERATION DES CENTRES SOCIAUX", "Animer le réseau des centres sociaux et socio-culturels"),
    ("UNION NATIONALE DES ASSOCIATIONS FAMILIALES", "Représenter les familles auprès des pouvoirs publics"),
)
DAC_KINDS = (
    ("Attestation d’affiliation", False),
    ("Comptes du dernier exercice clôt", True),
    ("Rapport d'activité (le plus récent)", False),
    ("Budget prévisionnel", True),
    ("Projet associatif", True),
)
DAC_COMMENTS = ("Version signée", "Approuvé en assemblée générale", "Remplace le document précédent")
SUBSIDY_CAUSES = ("Fonctionnement", "Projet", "Investissement")
GROUPINGS = Weights({"Simple": 92, "Union": 4, "Fédération": 4})
# The shares of associations that show each block.
SIGLE_SHARE = 0.2
FORMER_ID_SHARE = 0.6
SOCIAL_OBJECT_SHARE = 0.7
SECOND_OBJECT_SHARE = 0.3
REACH_SHARE = 0.75
ESS_DATE_SHARE = 0.5
APPROVAL_SHARE = 0.12
AFFILIATION_SHARE = 0.15
CONTACT_SHARE = 0.35
STAFF_SHARE = 0.25
ACCOUNTS_SHARE = 0.15
DOCUMENT_SHARE = 0.2
SECONDARY_SITES_SHARE = 0.12
# The RNA replaced the prefectures' files (Waldec) in 2010: older associations keep their former id.
WALDEC_START = date(2010, 1, 1)
# The law on the social and solidarity economy (31 July 2014).
ESS_LAW = date(2014, 7, 31)
# Telephone numbers set aside for fiction (ARCEP): 01 99 00 00 00 to 01 99 00 99 99.
FICTION_PHONE = "019900{:04d}"


@dataclass(frozen=True)
class Approval:
    """A state approval (agrément) of the association."""

    numero: str
    granted_on: date
    kind: str
    level: str
    granted_by: str
    url: str | None


@dataclass(frozen=True)
class Partner:
    """Another association of its network: a member of its union, or a federation it belongs to."""

    nom: str
    rna: str | None
    siret: str | None
    objet: str
    address: Address
    telephone: str | None
    courriel: str | None
    site_web: str | None
    # A federation's affiliation number, and the licensed members it counts for the association.
    numero: str | None = None
    licensed: tuple[int, int] | None = None


@dataclass(frozen=True)
class StaffYear:
    """The people of an association in one year: volunteers, staff, members by sex."""

    year: int
    volunteers: int
    civic_volunteers: int
    employees: int
    full_time_equivalent: float
    subsidised_jobs: int
    seconded: int
    members: tuple[int, int]


@dataclass(frozen=True)
class AccountsYear:
    """An association's accounts for one year, in euros."""

    year: int
    audited: bool
    donations: int
    subsidy_cause: str | None
    subsidies: int
    aid_three_years: int
    expenses: int
    income: int
    # The result as the association typed it, where it is not income less expenses (a curated declaration).
    declared_result: int | None = None

    @property
    def result(self) -> int:
        """Return the year's result: the declared one, else income less expenses."""
        return self.income - self.expenses if self.declared_result is None else self.declared_result


@dataclass(frozen=True)
class UploadedDocument:
    """A document the association uploaded to Le Compte Asso."""

    id: str
    nom: str
    comment: str | None
    kind: str
    valid_year: int | None
    current: bool
    deposited_on: date


@dataclass(frozen=True)
class Declarations:
    """What the association declared beyond its RNA record."""

    sigle: str | None
    ancien_id: str | None
    social_objects: tuple[str, ...]
    reach: str | None
    ess_since: date | None
    grouping: str
    members: tuple[Partner, ...]
    affiliations: tuple[Partner, ...]
    approvals: tuple[Approval, ...]
    telephone: str | None
    courriel: str | None
    staff: tuple[StaffYear, ...]
    accounts: tuple[AccountsYear, ...]
    documents: tuple[UploadedDocument, ...]
    representative_contact: tuple[str, str] | None
    secondary_nics: tuple[int, ...]


def _slug(city: str) -> str:
    """Return a city's name as a mail or web domain spells it."""
    return city.lower().replace(" ", "-").replace("'", "")


def _phone(rng: random.Random) -> str:
    """Draw a telephone number of the range set aside for fiction."""
    return FICTION_PHONE.format(rng.randint(0, 9999))


def _partner_address(rng: random.Random) -> Address:
    """Draw the seat of a partner association: a street address, one in five with a post-office box."""
    seat = street_address(rng, highest_number=120, complement_rate=0.3)
    return replace(seat, distribution_speciale=f"BP {rng.randint(10, 999)}" if rng.random() < 0.2 else None)


def _siret(rng: random.Random) -> str:
    """Draw the SIRET of another association's head office."""
    siren = with_check_digit(f"{rng.randint(30_000_000, 89_999_999):08d}")
    return with_check_digit(f"{siren}{rng.randint(1, 40):04d}")


def _rna_number(rng: random.Random) -> str:
    """Draw an RNA number: "W", a department's digits, seven digits."""
    return f"W{rng.randint(10, 95)}{rng.randint(0, 9_999_999):07d}"


def _members(rng: random.Random, city: str) -> tuple[Partner, ...]:
    """Draw the member associations of a union or a federation."""
    members = []
    for _ in range(rng.randint(2, 4)):
        address = _partner_address(rng)
        members.append(
            Partner(
                nom=f"{rng.choice(nom.ASSOCIATION_NAME_PREFIXES)} {address.city}",
                rna=_rna_number(rng),
                siret=None if rng.random() < 0.5 else _siret(rng),
                objet=rng.choice(nom.ASSOCIATION_PURPOSES),
                address=address,
                telephone=_phone(rng) if rng.random() < 0.5 else None,
                courriel=f"contact@{_slug(address.city)}.example.org" if rng.random() < 0.5 else None,
                site_web=f"www.{_slug(city)}-reseau.example.org" if rng.random() < 0.4 else None,
            )
        )
    return tuple(members)


def _affiliations(rng: random.Random) -> tuple[Partner, ...]:
    """Draw the federations the association is affiliated to, with its licensed members."""
    affiliations = []
    for name, purpose in rng.sample(FEDERATIONS, rng.randint(1, 2)):
        men, women = rng.randint(0, 150), rng.randint(0, 150)
        affiliations.append(
            Partner(
                nom=name,
                rna=_rna_number(rng),
                siret=_siret(rng),
                objet=purpose,
                address=_partner_address(rng),
                telephone=_phone(rng),
                courriel=None if rng.random() < 0.5 else "affiliations@federation.example.org",
                site_web=None,
                numero=f"{rng.randint(0, 99_999_999):08d}",
                licensed=(men, women),
            )
        )
    return tuple(affiliations)


def _staff(rng: random.Random) -> tuple[StaffYear, ...]:
    """Draw the people of the association in its latest declared years, newest first."""
    years = []
    for back in range(1, rng.randint(2, 4)):
        employees = rng.choice((0, 0, 1, 2, 5))
        years.append(
            StaffYear(
                year=HISTORY_END.year - back,
                volunteers=rng.randint(2, 40),
                civic_volunteers=rng.choice((0, 0, 1, 2)),
                employees=employees,
                full_time_equivalent=round(employees * rng.choice((0.5, 0.8, 1.0)), 1),
                subsidised_jobs=rng.choice((0, 0, 1)),
                seconded=rng.choice((0, 0, 0, 1)),
                members=(rng.randint(5, 120), rng.randint(5, 120)),
            )
        )
    return tuple(years)


def _accounts(rng: random.Random) -> tuple[AccountsYear, ...]:
    """Draw the association's latest declared accounts, newest first."""
    accounts = []
    for back in range(1, rng.randint(2, 3)):
        income = rng.randint(5_000, 400_000)
        subsidies = rng.randint(0, income // 2)
        accounts.append(
            AccountsYear(
                year=HISTORY_END.year - back,
                audited=income > 153_000,
                donations=rng.randint(0, income // 5),
                subsidy_cause=rng.choice(SUBSIDY_CAUSES) if subsidies else None,
                subsidies=subsidies,
                aid_three_years=subsidies * rng.randint(2, 3),
                expenses=round(income * rng.uniform(0.85, 1.1)),
                income=income,
            )
        )
    return tuple(accounts)


def _documents(rng: random.Random, created: date) -> tuple[UploadedDocument, ...]:
    """Draw the documents the association uploaded, oldest first."""
    documents = []
    for kind, dated in rng.sample(DAC_KINDS, rng.randint(1, 3)):
        day = day_between(rng, max(created, date(2018, 1, 1)), HISTORY_END - timedelta(days=10))
        documents.append(
            UploadedDocument(
                id=str(rng.randint(100_000, 999_999)),
                nom=f"{kind.split()[0].lower()}_{day.year}.pdf",
                comment=rng.choice(DAC_COMMENTS) if rng.random() < 0.3 else None,
                kind=kind,
                valid_year=day.year if dated else None,
                current=rng.random() < 0.8,
                deposited_on=day,
            )
        )
    return tuple(sorted(documents, key=lambda d: d.deposited_on))


def _sigle(name: str) -> str | None:
    """Return the initials of a name of several words."""
    words = [word for word in name.split() if len(word) > 2]
    return "".join(word[0] for word in words) if len(words) > 1 else None


def draw_declarations(rng: random.Random, name: str, created: date, city: str, with_siren: bool) -> Declarations:
    """Draw what an association named ``name``, created on ``created``, declared beyond the RNA."""
    objects = ()
    if rng.random() < SOCIAL_OBJECT_SHARE:
        count = 2 if rng.random() < SECOND_OBJECT_SHARE else 1
        objects = tuple(rng.sample(sorted(SOCIAL_OBJECTS), count))
    former = None
    if created < WALDEC_START and rng.random() < FORMER_ID_SHARE:
        former = f"{rng.randint(10, 976):03d}S{rng.randint(0, 9_999_999_999):010d}"
    grouping = weighted(rng, GROUPINGS)
    approvals = ()
    if rng.random() < APPROVAL_SHARE:
        approvals = tuple(
            Approval(
                numero=f"{rng.randint(1, 99):02d}.{rng.randint(1, 999):03d}.{rng.randint(2000, HISTORY_END.year)}",
                granted_on=day_between(rng, created, HISTORY_END - timedelta(days=30)),
                kind=kind,
                level=level,
                granted_by=body,
                url=None if rng.random() < 0.6 else "https://lecompteasso.associations.gouv.fr/agrements/document.pdf",
            )
            for kind, level, body in rng.sample(APPROVALS, rng.randint(1, 2))
        )
    contact = rng.random() < CONTACT_SHARE
    return Declarations(
        sigle=_sigle(name) if rng.random() < SIGLE_SHARE else None,
        ancien_id=former,
        social_objects=objects,
        reach=weighted(rng, REACHES) if rng.random() < REACH_SHARE else None,
        ess_since=day_between(rng, max(created, ESS_LAW), HISTORY_END) if rng.random() < ESS_DATE_SHARE else None,
        grouping=grouping,
        members=_members(rng, city) if grouping != "Simple" else (),
        affiliations=_affiliations(rng) if rng.random() < AFFILIATION_SHARE else (),
        approvals=approvals,
        telephone=_phone(rng) if contact else None,
        courriel=f"bureau@{_slug(city)}-asso.example.org" if contact else None,
        staff=_staff(rng) if rng.random() < STAFF_SHARE else (),
        accounts=_accounts(rng) if rng.random() < ACCOUNTS_SHARE else (),
        documents=_documents(rng, created) if rng.random() < DOCUMENT_SHARE else (),
        representative_contact=(_phone(rng), "president@asso.example.org") if rng.random() < CONTACT_SHARE else None,
        secondary_nics=(
            tuple(sorted(rng.sample(range(41, 300), rng.randint(1, 2))))
            if with_siren and rng.random() < SECONDARY_SITES_SHARE
            else ()
        ),
    )


def with_curated_declarations(drawn: Declarations, view: dict) -> Declarations:
    """Return ``drawn`` with the declarations a curated DJEPVA view gives (``curated.DJEPVA_VIEWS``) in its place."""
    fixed = {key: value for key, value in view.items() if key in Declarations.__dataclass_fields__}
    for key, value in fixed.items():
        if isinstance(value, list):
            fixed[key] = tuple(_curated_record(key, item) for item in value)
    return replace(drawn, **fixed)


def _curated_record(key: str, item):
    """Return one item of a curated view's list of ``key`` as the world's record (a code stays a code)."""
    if key == "approvals":
        return Approval(**item | {"granted_on": date.fromisoformat(item["granted_on"])})
    if key == "staff":
        return StaffYear(**item | {"members": tuple(item["members"])})
    if key == "accounts":
        return AccountsYear(**item)
    if isinstance(item, dict):
        raise ValueError(f"a curated declaration of {key} is not supported: {item}")
    return item
