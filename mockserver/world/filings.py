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
from mockserver.world import people
from mockserver.world.entities import Address, Association, Company, Director
from mockserver.world.randomness import day_between, seeded, upper_ascii

ISSUED_ON = world.WORLD_DATE
# Attestations state the situation at the end of the month before they are issued.
SITUATION_ON = ISSUED_ON.replace(day=1) - timedelta(days=1)
TRADES_WITH_PUBLIC_WORKS = ("42",)
TRADES_WITH_BUILDING = ("41", "43")
RNA_OPENING = date(2009, 1, 1)


def _draw_code(rng, alphabet: str, length: int) -> str:
    """Draw a reference code of ``length`` characters of ``alphabet``."""
    return "".join(rng.choice(alphabet) for _ in range(length))


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
        names = people.names(rng.getrandbits(32), 2)
        directors = tuple(
            Director(fonction=function, person=people.person(rng, name, ISSUED_ON))
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
        office_address=people.office_address(rng, company.address),
        office_phone=people.fiction_phone(rng),
        signatory=people.signatory(rng.getrandbits(32)),
    )


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
        urssaf=f"URSSAF {upper_ascii(company.address.region)}",
        signatory=people.signatory(rng.getrandbits(32)),
    )


# --- Building and public works: CNETP, FNTP, Qualibat, RGE (PRO BTP: world.social) -----------------------


@dataclass(frozen=True)
class FundCertificate:
    """The CNETP's certificate that a public-works employer is up to date with its paid-leave fund."""

    member_number: str
    reference: str
    signatory: str


@lru_cache(maxsize=world.CACHE_SIZE)
def cnetp_certificate(siren: str) -> FundCertificate | None:
    """Return the CNETP's paid-leave certificate of an active public-works employer."""
    company = world.company(siren)
    if not (company.naf.startswith(TRADES_WITH_PUBLIC_WORKS) and company.is_employer and company.is_active):
        return None
    rng = seeded("cnetp", siren)
    return FundCertificate(
        member_number=f"{rng.randint(100_000, 999_999)}",
        reference=f"ATE{rng.randint(1000, 9999)}",
        signatory=people.signatory(rng.getrandbits(32)),
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
        signatory=people.signatory(rng.getrandbits(32)),
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

    @property
    def is_rge(self) -> bool:
        """Tell whether the certificate carries the RGE mention: ADEME lists a Qualibat RGE qualification."""
        return bool(self.rge)


INSURERS = ("MUTUELLE DU BATIMENT ET DES TRAVAUX PUBLICS", "SOCIETE MUTUELLE D'ASSURANCE DU BTP", "ASSURANCES DU BTP")


@lru_cache(maxsize=world.CACHE_SIZE)
def qualibat_certificate(siren: str) -> QualibatCertificate | None:
    """Return the Qualibat certificate of an active building company, or None."""
    company = world.company(siren)
    if not (company.naf.startswith(TRADES_WITH_BUILDING) and company.is_active):
        return None
    rng = seeded("qualibat", siren)
    qualifications = tuple(
        Qualification(code, label, day_between(rng, max(company.created_on, date(2012, 1, 1)), ISSUED_ON))
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
        signatory=people.signatory(rng.getrandbits(32)),
    )


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
        granted = day_between(rng, ISSUED_ON - timedelta(days=1000), ISSUED_ON - timedelta(days=30))
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
