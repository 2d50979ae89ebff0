"""The deterministic fictional France, one identifier one entity: the façade every renderer reads.

Each register or provider is one model in a module of its own — INSEE (``insee``), the trade
register and the INPI's copy of it (``rcs``), INPI's rights (``inpi``), the RNA (``rna``), the
DGFIP's accounts (``finances``), the DGFIP's and URSSAF's attestations (``attestations``), MSA,
PRO BTP and AGEFIPH (``social``), the building providers (``building``) — a pure function of
the entity, the generators its identifier seeds, and the world's date. This module only
names them by identifier and caches them, so a fact drawn once is the fact every route,
version and document shows. Facet modules never import this one.
"""

from functools import lru_cache

from mockserver.clock import WORLD_DATE
from mockserver.rules.identifiers import is_siren
from mockserver.world import attestations, building, curated, inpi, insee, rcs, rna, social
from mockserver.world.entities import Association, Company, Establishment
from mockserver.world.finances import Finances, draw_finances

CACHE_SIZE = 8192


# --- INSEE ---------------------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def company(siren: str) -> Company:
    """Return the fictional company of ``siren``."""
    return insee.draw_company(siren, WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def establishment(siret: str) -> Establishment:
    """Return the fictional establishment of ``siret``: the head office or a secondary site."""
    return insee.draw_establishment(company(siret[:9]), siret, WORLD_DATE)


def successor_siren(siren: str) -> str:
    """Return the SIREN a duplicate ``siren`` was merged into (for the redirect scenario)."""
    return insee.successor_siren(siren)


def successor_siret(siret: str) -> str:
    """Return the SIRET a duplicate ``siret`` was merged into (for the redirect scenario)."""
    return company(successor_siren(siret[:9])).siege_siret


# --- RNA -----------------------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def association(identifier: str) -> Association | None:
    """Return the association of an RNA number or a SIRET, or None when there is none.

    A SIRET names an association only when its company is an association of the RNA; that
    company's RNA number ("W" + SIREN, or a curated one) names it too; any other RNA number
    names an association known to the RNA alone.
    """
    if len(identifier) == 14:
        owner = company(identifier[:9])
        return rna.draw_association(owner.rna, owner, WORLD_DATE) if owner.rna else None
    if identifier in curated.RNA_NUMBERS:
        return rna.draw_association(identifier, company(curated.RNA_NUMBERS[identifier]), WORLD_DATE)
    digits = identifier[1:]
    if identifier.startswith("W") and is_siren(digits) and company(digits).rna == identifier:
        return rna.draw_association(identifier, company(digits), WORLD_DATE)
    return rna.draw_association(identifier, None, WORLD_DATE)


def dissolved(record: Association) -> Association:
    """Return ``record`` as the RNA shows it once dissolved (the dissolved_association scenario)."""
    return rna.dissolved(record, WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def association_file(identifier: str) -> rna.AssociationFile | None:
    """Return the RNA deposits of the association a SIRET or RNA number names, or None."""
    record = association(identifier)
    return rna.draw_association_file(record, WORLD_DATE) if record else None


# --- RCS / RNE, INPI -----------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def registration(siren: str) -> rcs.Registration | None:
    """Return the trade-register entry of the company of ``siren``, or None when the register does not know it."""
    return rcs.draw_registration(company(siren), finances(siren).closing_month, WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def ip_rights(siren: str) -> inpi.IpRights:
    """Return the INPI rights of the company of ``siren``."""
    return inpi.draw_ip_rights(company(siren), WORLD_DATE)


# --- DGFIP, URSSAF -------------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def finances(siren: str) -> Finances:
    """Return the accounts of the company of ``siren``."""
    return draw_finances(company(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def tax_attestation(siren: str) -> attestations.TaxAttestation | None:
    """Return the DGFIP's attestation of an active company liable to corporate tax, or None."""
    return attestations.draw_tax_attestation(company(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def vigilance_attestation(siren: str) -> attestations.VigilanceAttestation | None:
    """Return the URSSAF's attestation de vigilance of an active company, or None (radiée)."""
    return attestations.draw_vigilance_attestation(company(siren), WORLD_DATE)


# --- MSA, PRO BTP, AGEFIPH, collective agreements ------------------------------------------


def msa_standing(siret: str) -> social.MsaStanding | None:
    """Return the MSA standing of the employer of ``siret`` (one standing per company)."""
    return social.draw_msa_standing(establishment(siret))


def probtp_account(siret: str) -> social.ProbtpAccount | None:
    """Return the PRO BTP account of the establishment ``siret``."""
    return social.draw_probtp_account(establishment(siret), WORLD_DATE)


def probtp_attestation(siret: str) -> social.ProbtpAccount | None:
    """Return the PRO BTP account of ``siret`` when it earns the attestation (it is eligible), else None."""
    account = probtp_account(siret)
    return account if account and account.eligible else None


def agefiph_record(siret: str) -> social.AgefiphRecord | None:
    """Return the AGEFIPH record of the employer of ``siret`` (one record per company)."""
    return social.draw_agefiph_record(company(siret[:9]), WORLD_DATE)


def collective_agreements(siret: str) -> tuple[int, ...]:
    """Return the IDCC numbers of the collective agreements of the establishment ``siret``."""
    return social.collective_agreements(establishment(siret))


# --- Building and public works: CNETP, FNTP, Qualibat, RGE, OPQIBI -------------------------


@lru_cache(maxsize=CACHE_SIZE)
def cnetp_certificate(siren: str) -> building.FundCertificate | None:
    """Return the CNETP's paid-leave certificate of an active public-works employer, or None."""
    return building.draw_cnetp_certificate(company(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def professional_card(siren: str) -> building.ProfessionalCard | None:
    """Return the FNTP card of an active public-works company, or None."""
    return building.draw_professional_card(company(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def rge_certificates(siren: str, forced: bool = False) -> tuple[building.RgeCertificate, ...]:
    """Return the RGE qualifications ADEME lists for the company; ``forced`` lends some to any company."""
    return building.draw_rge_certificates(company(siren), WORLD_DATE, forced)


@lru_cache(maxsize=CACHE_SIZE)
def qualibat_certificate(siren: str) -> building.QualibatCertificate | None:
    """Return the Qualibat certificate of an active building company, or None."""
    return building.draw_qualibat_certificate(company(siren), rge_certificates(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def opqibi_certificate(siren: str) -> building.OpqibiCertificate | None:
    """Return the OPQIBI certificate of the company of ``siren``, if it holds one."""
    return building.draw_opqibi_certificate(company(siren), WORLD_DATE)
