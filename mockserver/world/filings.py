"""What providers hold about an entity: greffe filings, RNA deposits, attestations, certificates.

Each provider's view derives from the entity (legal form, activity, dates, address) and
from a generator seeded by its identifier, so a route's JSON answer and the document behind
its URL show the same facts on every run. A function returns None, or nothing, where the
provider does not know the entity, as for an association at the greffe or a bakery at
Qualibat: the route then answers 404, as the real one does. Documents are issued on the
world's date, never on the wall clock's.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from mockserver import world
from mockserver.world import filing_nomenclatures as fnom
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Address, Association, Company, Director
from mockserver.world.randomness import seeded

ISSUED_ON = world.WORLD_DATE
# Attestations state the situation at the end of the month before they are issued.
SITUATION_ON = ISSUED_ON.replace(day=1) - timedelta(days=1)
NON_EMPLOYING_BANDS = ("NN", "00")
TRADES_WITH_PUBLIC_WORKS = ("42",)
TRADES_WITH_BUILDING = ("41", "43")
RNA_OPENING = date(2009, 1, 1)


def _draw_code(rng, alphabet: str, length: int) -> str:
    """Draw a reference code of ``length`` characters of ``alphabet``."""
    return "".join(rng.choice(alphabet) for _ in range(length))


def _is_employer(company: Company) -> bool:
    """Tell whether the company declares employees (funds and pension schemes know employers only)."""
    return company.headcount_band not in NON_EMPLOYING_BANDS


def _office_address(rng, city_of: Address) -> Address:
    """Draw the street address of a public office in the entity's commune."""
    return Address(
        numero_voie=str(rng.randint(1, 60)),
        type_voie="RUE",
        nom_voie=rng.choice(nom.STREET_NAMES),
        complement=None,
        code_postal=city_of.code_postal,
        code_insee=city_of.code_insee,
        localite=city_of.localite,
        region_code=city_of.region_code,
    )


def _signatory(seed: int) -> str:
    """Return the name of a fictional signatory, "Prénom NOM"."""
    last, first = world._names(seed, 1)[0]
    return f"{first} {world.upper_ascii(last)}"


# --- INPI: the company's file at the greffe (RNCS) -----------------------------------------


@dataclass(frozen=True)
class Act:
    """An act deposited at the greffe (statuts, minutes of a general meeting...)."""

    id_fichier: int
    deposited_on: date
    nature_archive: str
    title: str


@dataclass(frozen=True)
class Accounts:
    """Annual accounts deposited at the greffe."""

    id_fichier: int
    deposited_on: date
    closed_on: date
    nature_archive: str
    confidentiel: int


@dataclass(frozen=True)
class RegistryFile:
    """A company's file at its greffe: where, under which number, and what was deposited."""

    company: Company
    greffe_code: int
    greffe_seat: str
    numero_gestion: str
    acts: tuple[Act, ...]
    accounts: tuple[Accounts, ...]


def _acts(rng, company: Company, ids: set[int]) -> tuple[Act, ...]:
    """Draw the acts a company deposited since the RNCS stock begins, oldest first."""
    first_day = max(company.created_on, date(fnom.RNCS_FIRST_YEAR, 1, 1))
    last_day = company.ceased_on or ISSUED_ON
    if last_day < first_day:
        return ()
    if company.is_personne_physique:
        deposited = min(first_day + timedelta(days=rng.randint(3, 30)), last_day)
        return (Act(_file_id(rng, ids), deposited, "P", fnom.TRADER_ACT),)
    acts = []
    if company.created_on.year >= fnom.RNCS_FIRST_YEAR:
        deposited = min(company.created_on + timedelta(days=rng.randint(3, 30)), last_day)
        acts.append(Act(_file_id(rng, ids), deposited, "A", fnom.CONSTITUTION_ACT))
    later = rng.randint(0 if acts else 1, min(4, 1 + (last_day - first_day).days // 365))
    for _ in range(later):
        deposited = world.day_between(rng, first_day, last_day)
        acts.append(Act(_file_id(rng, ids), deposited, "A", world.weighted(rng, fnom.LATER_ACTS)))
    return tuple(sorted(acts, key=lambda act: act.deposited_on))


def _accounts(rng, company: Company, ids: set[int]) -> tuple[Accounts, ...]:
    """Draw the annual accounts a company deposited, one per closed year, oldest first."""
    if company.legal_form not in fnom.ACCOUNTS_FORMS:
        return ()
    last_day = company.ceased_on or ISSUED_ON
    low = nom.HEADCOUNT_BANDS[company.headcount_band][0] or 0
    nature = "B-C" if company.categorie == "GE" else "B-CO" if low >= 50 else "B-S"
    # Small companies may keep their accounts confidential, medium ones their income statement.
    confidentiel = 1 if low < 10 and rng.random() < 0.3 else 2 if low < 50 and rng.random() < 0.1 else 0
    accounts = []
    for year in range(fnom.ACCOUNTS_FIRST_YEAR - 1, ISSUED_ON.year):
        closed = date(year, 12, 31)
        deposited = closed + timedelta(days=rng.randint(120, 200))
        if closed - company.created_on < timedelta(days=180) or deposited > last_day:
            continue
        accounts.append(Accounts(_file_id(rng, ids), deposited, closed, nature, confidentiel))
    return tuple(accounts)


def _file_id(rng, ids: set[int]) -> int:
    """Draw an INPI file id not yet used in this company's file."""
    while True:
        file_id = rng.randint(10_000_000, 299_999_999)
        if file_id not in ids:
            ids.add(file_id)
            return file_id


@lru_cache(maxsize=world.CACHE_SIZE)
def registry_file(siren: str) -> RegistryFile | None:
    """Return the company's file at the greffe, or None for an association (not registered)."""
    company = world.company(siren)
    if company.legal_form == nom.ASSOCIATION:
        return None
    rng = seeded("rncs", siren)
    code, seat = fnom.GREFFES[company.address.code_insee[:2]]
    letter = fnom.GESTION_LETTERS.get(company.legal_form, "B")
    numero_gestion = f"{company.created_on.year}{letter}{rng.randint(1, 99999):05d}"
    ids: set[int] = set()
    acts = _acts(rng, company, ids)
    return RegistryFile(company, code, seat, numero_gestion, acts, _accounts(rng, company, ids))


# --- RNA: documents an association deposited at the prefecture ----------------------------


@dataclass(frozen=True)
class AssociationDocument:
    """A document of the RNA: its type, the day it is dated, and the day the RNA received it.

    Documents older than the RNA entered it when it opened, so the API's timestamps (of the
    deposit) are never negative while the document keeps its own date.
    """

    kind: str
    dated_on: date

    @property
    def deposited_on(self) -> date:
        """Return the day the RNA received the document."""
        return max(self.dated_on, RNA_OPENING)


@dataclass(frozen=True)
class AssociationFile:
    """An association's deposits, the ones that failed to download, and its directors."""

    association: Association
    documents: tuple[AssociationDocument, ...]
    deficient: int
    directors: tuple[Director, ...]


@lru_cache(maxsize=world.CACHE_SIZE)
def association_file(identifier: str) -> AssociationFile | None:
    """Return the RNA deposits of the association a SIRET or RNA number names, or None."""
    association = world.association(identifier)
    if association is None:
        return None
    rng = seeded("rna_documents", association.rna_id)
    created, declared = association.created_on, association.declared_on
    documents = [AssociationDocument("Statuts", min(created + timedelta(days=rng.randint(0, 20)), declared))]
    if declared > created and rng.random() < 0.7:
        for kind in fnom.ASSOCIATION_DOCUMENTS[1:3]:
            documents.append(AssociationDocument(kind, declared))
        receipt = min(declared + timedelta(days=rng.randint(1, 15)), ISSUED_ON)
        documents.append(AssociationDocument(fnom.ASSOCIATION_DOCUMENTS[3], receipt))
    if association.dissolved_on:
        documents.append(AssociationDocument(fnom.DISSOLUTION_RECEIPT, association.dissolved_on))
    deficient = 1 if rng.random() < 0.1 else 0
    directors = association.company.directors if association.company else ()
    if not directors:
        names = world._names(rng.getrandbits(32), 2)
        directors = tuple(
            Director(fonction=function, person=world._person(rng, name, ISSUED_ON))
            for function, name in zip(nom.DIRECTOR_FUNCTIONS[nom.ASSOCIATION], names, strict=True)
        )
    return AssociationFile(association, tuple(documents), deficient, directors)


# --- DGFIP: attestation de régularité fiscale ---------------------------------------------


@dataclass(frozen=True)
class TaxAttestation:
    """The DGFIP's attestation that a company filed and paid its taxes."""

    company: Company
    numero: str
    office: str
    office_address: Address
    office_phone: str
    signatory: str


@lru_cache(maxsize=world.CACHE_SIZE)
def tax_attestation(siren: str) -> TaxAttestation | None:
    """Return the tax attestation of an active company liable to corporate tax, or None."""
    company = world.company(siren)
    if company.legal_form not in fnom.CORPORATE_TAX_FORMS or not company.is_active:
        return None
    rng = seeded("dgfip", siren)
    return TaxAttestation(
        company=company,
        numero=str(rng.randint(1_000_000, 9_999_999)),
        office=f"SERVICE DES IMPOTS DES ENTREPRISES DE {company.address.city}",
        office_address=_office_address(rng, company.address),
        office_phone=_fiction_phone(rng),
        signatory=_signatory(rng.getrandbits(32)),
    )


def _fiction_phone(rng) -> str:
    """Draw a phone number of the range ARCEP reserves for fiction (01 99 00 xx xx)."""
    return f"01 99 00 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


# --- URSSAF (ACOSS): attestation de vigilance ---------------------------------------------


@dataclass(frozen=True)
class VigilanceAttestation:
    """The URSSAF's attestation that a company declared and paid its social contributions."""

    company: Company
    security_code: str
    urssaf: str
    signatory: str

    @property
    def valid_until(self) -> date:
        """Return the last day of validity: six months after the situation it states."""
        month = SITUATION_ON.month + 7
        return date(SITUATION_ON.year + (month - 1) // 12, (month - 1) % 12 + 1, 1) - timedelta(days=1)


@lru_cache(maxsize=world.CACHE_SIZE)
def vigilance_attestation(siren: str) -> VigilanceAttestation | None:
    """Return the attestation de vigilance of an active company, or None (radiée)."""
    company = world.company(siren)
    if not company.is_active:
        return None
    rng = seeded("urssaf", siren)
    return VigilanceAttestation(
        company=company,
        security_code=_draw_code(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 15),
        urssaf=f"URSSAF {world.upper_ascii(company.address.region)}",
        signatory=_signatory(rng.getrandbits(32)),
    )


# --- Building and public works: PRO BTP, CNETP, FNTP, Qualibat, RGE -----------------------


@dataclass(frozen=True)
class FundCertificate:
    """A fund's certificate that an employer is up to date (PRO BTP pensions, CNETP paid leave)."""

    member_number: str
    reference: str
    signatory: str


@lru_cache(maxsize=world.CACHE_SIZE)
def probtp_attestation(siret: str) -> FundCertificate | None:
    """Return PRO BTP's pension attestation of an open establishment of a building employer."""
    site = world.establishment(siret)
    company = site.company
    if not (company.is_building_trade and _is_employer(company) and site.is_active):
        return None
    rng = seeded("probtp", siret)
    return FundCertificate(
        member_number=f"{rng.randint(10_000_000, 99_999_999)}",
        reference=f"ATT-RC-{ISSUED_ON.year}-{rng.randint(100_000, 999_999)}",
        signatory=_signatory(rng.getrandbits(32)),
    )


@lru_cache(maxsize=world.CACHE_SIZE)
def cnetp_certificate(siren: str) -> FundCertificate | None:
    """Return the CNETP's paid-leave certificate of an active public-works employer."""
    company = world.company(siren)
    if not (company.naf.startswith(TRADES_WITH_PUBLIC_WORKS) and _is_employer(company) and company.is_active):
        return None
    rng = seeded("cnetp", siren)
    return FundCertificate(
        member_number=f"{rng.randint(100_000, 999_999)}",
        reference=f"ATE{rng.randint(1000, 9999)}",
        signatory=_signatory(rng.getrandbits(32)),
    )


@dataclass(frozen=True)
class ProfessionalCard:
    """The FNTP's carte professionnelle: the public-works identities a company holds."""

    company: Company
    numero_tp: str
    identities: tuple[tuple[str, str, bool], ...]
    valid_from: date
    signatory: str

    @property
    def valid_until(self) -> date:
        """Return the last day of validity: the cards run from April to March."""
        return date(self.valid_from.year + 1, 3, 31)


@lru_cache(maxsize=world.CACHE_SIZE)
def professional_card(siren: str) -> ProfessionalCard | None:
    """Return the FNTP card of an active public-works company, or None."""
    company = world.company(siren)
    if not (company.naf in fnom.FNTP_BY_NAF and company.is_active):
        return None
    rng = seeded("fntp", siren)
    pool = fnom.FNTP_BY_NAF[company.naf]
    chosen = sorted(rng.sample(range(len(pool)), rng.randint(2, len(pool))))
    # Identities are usual activities, or probationary ones for a young company.
    identities = tuple((*pool[i], rng.random() < 0.85) for i in chosen)
    season = ISSUED_ON.year if ISSUED_ON.month >= 4 else ISSUED_ON.year - 1
    return ProfessionalCard(
        company=company,
        numero_tp=f"{rng.randint(10_000, 99_999)}",
        identities=identities,
        valid_from=date(season, 4, 1),
        signatory=_signatory(rng.getrandbits(32)),
    )


@dataclass(frozen=True)
class Qualification:
    """A Qualibat qualification and the day it was granted (or last renewed)."""

    code: str
    label: str
    granted_on: date


@dataclass(frozen=True)
class QualibatCertificate:
    """Qualibat's certificate of a building company's qualifications, and the RGE ones ADEME lists."""

    company: Company
    numero: str
    valid_until: date
    qualifications: tuple[Qualification, ...]
    rge: tuple["RgeCertificate", ...]
    agency: str
    insurer: str
    signatory: str
    # The insurer's policy numbers, for works and civil liability, when the certificate quotes them.
    policy_numbers: tuple[str, str] | None = None

    @property
    def is_rge(self) -> bool:
        """Tell whether the certificate carries the RGE mention: ADEME lists a Qualibat RGE qualification."""
        return bool(self.rge)


INSURERS = ("MUTUELLE DU BATIMENT ET DES TRAVAUX PUBLICS", "SOCIETE MUTUELLE D'ASSURANCE DU BTP", "ASSURANCES DU BTP")


# Certificates that quote the insurer's policy numbers.
QUOTED_POLICY_SHARE = 0.3


@lru_cache(maxsize=world.CACHE_SIZE)
def qualibat_certificate(siren: str) -> QualibatCertificate | None:
    """Return the Qualibat certificate of an active building company, or None."""
    company = world.company(siren)
    if not (company.naf.startswith(TRADES_WITH_BUILDING) and company.is_active):
        return None
    rng = seeded("qualibat", siren)
    qualifications = tuple(
        Qualification(code, label, world.day_between(rng, max(company.created_on, date(2012, 1, 1)), ISSUED_ON))
        for code, label in fnom.QUALIBAT_BY_NAF.get(company.naf, fnom.QUALIBAT_DEFAULT)
    )
    return QualibatCertificate(
        company=company,
        numero=f"E-E{rng.randint(100_000, 999_999)}",
        valid_until=date(ISSUED_ON.year + 1, rng.randint(1, 12), 1) - timedelta(days=1),
        qualifications=qualifications,
        rge=tuple(c for c in rge_certificates(siren) if c.body == "QUALIBAT"),
        agency=rng.choice(fnom.QUALIBAT_AGENCIES),
        insurer=rng.choice(INSURERS),
        signatory=_signatory(rng.getrandbits(32)),
        policy_numbers=_policy_numbers(seeded("qualibat_policy", siren)),
    )


def _policy_numbers(rng) -> tuple[str, str] | None:
    """Draw the policy numbers a certificate quotes: about one in three does."""
    if rng.random() >= QUOTED_POLICY_SHARE:
        return None
    return tuple(f"{rng.randint(1_000_000_000, 9_999_999_999)}" for _ in range(2))


@dataclass(frozen=True)
class RgeCertificate:
    """One RGE qualification as ADEME lists it, with its certificate."""

    name: str
    certificate: str
    domain: str
    numero: str
    granted_on: date
    valid_until: date

    @property
    def body(self) -> str:
        """Return the qualifying body that issues the certificate (Qualibat, Qualifelec...)."""
        return self.certificate.split(" - ")[0].removesuffix("-RGE")


# The trade whose RGE qualifications a scenario lends to a company that holds none.
RGE_DEFAULT_TRADE = "4322B"


@lru_cache(maxsize=world.CACHE_SIZE)
def rge_certificates(siren: str, forced: bool = False) -> tuple[RgeCertificate, ...]:
    """Return the RGE qualifications of an active company of an eligible trade.

    ``forced`` lends the qualifications of a heating installer to any company: a scenario
    asked for a certified one.
    """
    company = world.company(siren)
    trade = company.naf if company.naf in fnom.RGE_BY_NAF and company.is_active else None
    if trade is None and not forced:
        return ()
    pool = fnom.RGE_BY_NAF[trade or RGE_DEFAULT_TRADE]
    rng = seeded("rge", siren)
    chosen = sorted(rng.sample(range(len(pool)), rng.randint(1, len(pool))))
    certificates = []
    for index in chosen:
        name, certificate, domain = fnom.RGE_QUALIFICATIONS[pool[index]]
        granted = world.day_between(rng, ISSUED_ON - timedelta(days=1000), ISSUED_ON - timedelta(days=30))
        certificates.append(
            RgeCertificate(
                name=name,
                certificate=certificate,
                domain=domain,
                numero=f"RGE-{rng.randint(10_000, 99_999)}",
                granted_on=granted,
                valid_until=granted + timedelta(days=4 * 365),
            )
        )
    return tuple(certificates)
