"""The deterministic fictional France, one identifier one entity: the façade every renderer reads.

Each register or provider is one model in a module of its own — INSEE (``insee``), the trade
register and the INPI's copy of it (``rcs``), INPI's rights (``inpi``), the RNA (``rna``), the
DGFIP's accounts (``finances``), the DGFIP's and URSSAF's attestations (``attestations``), MSA,
PRO BTP and AGEFIPH (``social``), the building providers (``building``) — a pure function of
the entity, the generators its identifier seeds, and a date. This module only names them by
identifier and caches them, so a fact drawn once is the fact every route, version and
document shows. Facet modules never import this one.

The world is a timeline read at an instant (``mockserver.clock``). An entity's history is drawn
once, in absolute dates up to ``HISTORY_END`` (``company``, ``establishment``: every fact they
will ever have by then); ``company_at`` and ``establishment_at`` read it on a day: unknown before
its creation (``exists``), active before a later closing. The periodic series (accounts,
attestations, headcounts) take the day they are read on and show what was filed or issued by then.
"""

from dataclasses import replace
from datetime import date
from functools import lru_cache

from mockserver.clock import HISTORY_END
from mockserver.rules.identifiers import is_siren, with_check_digit
from mockserver.world import (
    agence_bio,
    attestations,
    building,
    carif_oref,
    cibtp,
    curated,
    data_subvention,
    douanes,
    gip_mds,
    inpi,
    insee,
    qualifelec,
    rcs,
    rna,
    rnm,
    shareholding,
    social,
    successions,
)
from mockserver.world.association_life import Declarations, draw_declarations
from mockserver.world.entities import Association, Company, Establishment
from mockserver.world.finances import Finances, draw_closing_month, draw_finances
from mockserver.world.randomness import seeded

# Entities kept per kind: far more than a client's test suite asks for; each one more costs memory
# (8,192 held 16 MB more than 4,096 under a flood of new SIRENs).
CACHE_SIZE = 4096


# --- INSEE ---------------------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def company(siren: str) -> Company:
    """Return the fictional company of ``siren``; a duplicate SIREN names its successor's (whose ``siren`` differs)."""
    successor = insee.duplicate_of(siren)
    return company(successor) if successor else insee.draw_company(siren, HISTORY_END)


@lru_cache(maxsize=CACHE_SIZE)
def establishment(siret: str) -> Establishment:
    """Return the fictional establishment of ``siret``; a duplicate unit's SIRET names its successor's head office."""
    owner = company(siret[:9])
    if owner.siren != siret[:9]:
        return establishment(owner.siege_siret)
    return insee.draw_establishment(owner, siret, HISTORY_END)


@lru_cache(maxsize=CACHE_SIZE)
def company_at(siren: str, at: date) -> Company:
    """Return the company of ``siren`` as it stood on ``at``: active before a later closing, its band of then.

    A fact dated after ``at`` (a closing, the last update) is not known yet; INSEE's headcount band is
    that of the year its lag gives on ``at``.
    """
    drawn = company(siren)
    lag = HISTORY_END.year - drawn.headcount_year
    return replace(
        drawn,
        ceased_on=drawn.ceased_on if drawn.ceased_on and drawn.ceased_on <= at else None,
        updated_on=drawn.updated_on if drawn.updated_on <= at else drawn.created_on,
        headcount_year=at.year - lag,
    )


@lru_cache(maxsize=CACHE_SIZE)
def establishment_at(siret: str, at: date) -> Establishment:
    """Return the establishment of ``siret`` as it stood on ``at``: open before a later closing."""
    drawn = establishment(siret)
    owner = company_at(drawn.company.siren, at)
    closed = drawn.closed_on if drawn.closed_on and drawn.closed_on <= at else None
    if owner.ceased_on and closed is None:
        # A company closed closes its establishments the same day at the latest.
        closed = owner.ceased_on
    return replace(
        drawn,
        company=owner,
        closed_on=closed,
        updated_on=drawn.updated_on if drawn.updated_on <= at else drawn.created_on,
    )


def exists(identifier: str, at: date) -> bool:
    """Tell whether the entity a SIREN, SIRET or RNA number names was created by ``at``."""
    if identifier.startswith("W"):
        drawn = association(identifier)
    else:
        drawn = company(identifier) if len(identifier) == 9 else establishment(identifier)
    return drawn is None or drawn.created_on <= at


def is_duplicate(identifier: str) -> bool:
    """Tell whether a SIREN or SIRET is a duplicate Sirene redirects to its successor."""
    return company(identifier[:9]).siren != identifier[:9]


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
        return rna.draw_association(owner.rna, owner, HISTORY_END) if owner.rna else None
    if identifier in curated.RNA_NUMBERS:
        return rna.draw_association(identifier, company(curated.RNA_NUMBERS[identifier]), HISTORY_END)
    digits = identifier[1:]
    if identifier.startswith("W") and is_siren(digits) and company(digits).rna == identifier:
        return rna.draw_association(identifier, company(digits), HISTORY_END)
    return rna.draw_association(identifier, None, HISTORY_END)


def dissolved(record: Association) -> Association:
    """Return ``record`` as the RNA shows it once dissolved (the dissolved_association scenario)."""
    return rna.dissolved(record, HISTORY_END)


@lru_cache(maxsize=CACHE_SIZE)
def association_file(identifier: str) -> rna.AssociationFile | None:
    """Return the RNA deposits of the association a SIRET or RNA number names, or None."""
    record = association(identifier)
    return rna.draw_association_file(record, HISTORY_END) if record else None


@lru_cache(maxsize=CACHE_SIZE)
def association_declarations(key: str) -> Declarations:
    """Return what the association of ``key`` (its RNA number, or its SIREN under local law) declared beyond the RNA."""
    owner = company(key) if is_siren(key) else None
    record = association(key) if owner is None else None
    name = owner.raison_sociale if owner else record.titre
    created = owner.created_on if owner else record.created_on
    city = (owner.address if owner else record.address).city
    with_siren = owner is not None or (record is not None and record.company is not None)
    return draw_declarations(seeded("declarations", key), name, created, city, with_siren)


# --- RCS / RNE, INPI -----------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def registration(siren: str) -> rcs.Registration | None:
    """Return the trade-register entry of the company of ``siren``, or None when the register does not know it."""
    owner = company(siren)
    # The closing month alone, the accounts' first draw: the register needs no more of them.
    return rcs.draw_registration(owner, draw_closing_month(owner), HISTORY_END)


@lru_cache(maxsize=CACHE_SIZE)
def registration_at(siren: str, at: date) -> rcs.Registration | None:
    """Return the register's entry of ``siren`` as it stood on ``at``: what was noted and filed by then."""
    drawn = registration(siren)
    if drawn is None or drawn.registered_on > at:
        return None
    return replace(
        drawn,
        company=company_at(drawn.company.siren, at),
        observations=tuple(o for o in drawn.observations if o.day <= at),
        acts=tuple(a for a in drawn.acts if a.deposited_on <= at),
        accounts=tuple(a for a in drawn.accounts if a.deposited_on <= at),
    )


@lru_cache(maxsize=CACHE_SIZE)
def ip_rights(siren: str) -> inpi.IpRights:
    """Return the INPI rights of the company of ``siren``."""
    return inpi.draw_ip_rights(company(siren), HISTORY_END)


# --- DGFIP, URSSAF -------------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def finances(siren: str, at: date) -> Finances:
    """Return the accounts of the company of ``siren``: the years filed by ``at``, of its whole drawn life."""
    return draw_finances(company(siren), at)


@lru_cache(maxsize=CACHE_SIZE)
def tax_attestation(siren: str, at: date) -> attestations.TaxAttestation | None:
    """Return the DGFIP's attestation issued on ``at`` to a company active and liable to corporate tax, or None."""
    return attestations.draw_tax_attestation(company_at(siren, at), at)


@lru_cache(maxsize=CACHE_SIZE)
def vigilance_attestation(siren: str, at: date) -> attestations.VigilanceAttestation | None:
    """Return the URSSAF's attestation de vigilance issued on ``at`` to an active company, or None (radiée)."""
    return attestations.draw_vigilance_attestation(company_at(siren, at), at)


# --- MSA, PRO BTP, AGEFIPH, collective agreements ------------------------------------------


def msa_standing(siret: str) -> social.MsaStanding | None:
    """Return the MSA standing of the employer of ``siret`` (one standing per company)."""
    return social.draw_msa_standing(establishment(siret))


def probtp_account(siret: str, at: date) -> social.ProbtpAccount | None:
    """Return the PRO BTP account of the establishment ``siret`` on ``at``."""
    return social.draw_probtp_account(establishment_at(siret, at), at)


def probtp_attestation(siret: str, at: date) -> social.ProbtpAccount | None:
    """Return the PRO BTP account of ``siret`` on ``at`` when it earns the attestation (it is eligible), else None."""
    account = probtp_account(siret, at)
    return account if account and account.eligible else None


def agefiph_record(siret: str, at: date) -> social.AgefiphRecord | None:
    """Return the AGEFIPH record of the employer of ``siret`` on ``at`` (one record per company)."""
    return social.draw_agefiph_record(company_at(siret[:9], at), at)


def collective_agreements(siret: str) -> tuple[int, ...]:
    """Return the IDCC numbers of the collective agreements of the establishment ``siret``."""
    return social.collective_agreements(establishment(siret))


# --- Building and public works: CNETP, FNTP, Qualibat, RGE, OPQIBI -------------------------


@lru_cache(maxsize=CACHE_SIZE)
def cnetp_certificate(siren: str) -> building.FundCertificate | None:
    """Return the CNETP's paid-leave certificate of an active public-works employer, or None."""
    return building.draw_cnetp_certificate(company(siren), HISTORY_END)


@lru_cache(maxsize=CACHE_SIZE)
def professional_card(siren: str) -> building.ProfessionalCard | None:
    """Return the FNTP card of an active public-works company, or None."""
    return building.draw_professional_card(company(siren), HISTORY_END)


@lru_cache(maxsize=CACHE_SIZE)
def rge_certificates(siren: str, forced: bool = False) -> tuple[building.RgeCertificate, ...]:
    """Return the RGE qualifications ADEME lists for the company; ``forced`` lends some to any company."""
    return building.draw_rge_certificates(company(siren), HISTORY_END, forced)


@lru_cache(maxsize=CACHE_SIZE)
def qualibat_certificate(siren: str) -> building.QualibatCertificate | None:
    """Return the Qualibat certificate of an active building company, or None."""
    return building.draw_qualibat_certificate(company(siren), rge_certificates(siren), HISTORY_END)


@lru_cache(maxsize=CACHE_SIZE)
def opqibi_certificate(siren: str) -> building.OpqibiCertificate | None:
    """Return the OPQIBI certificate of the company of ``siren``, if it holds one."""
    return building.draw_opqibi_certificate(company(siren), HISTORY_END)


# --- The other current registers (one module each), seen from an identifier. ---------------


def agefiph_compliant_years(siren: str, at: date) -> frozenset[int]:
    """Return the years the AGEFIPH counts the employer of ``siren`` compliant with its quota, as known on ``at``."""
    record = agefiph_record(siren + "00000", at)
    if record is None:
        return frozenset()
    first = company(siren).created_on.year
    return frozenset(range(first, record.last_compliant_year + 1))


def yearly_headcounts(siren: str, year: int, nature: str, at: date) -> tuple[gip_mds.Headcount, ...] | None:
    """Return the GIP-MDS's figures of ``siren`` for ``year`` (``nature``: moyen, boeth...) on ``at``, or None."""
    compliant = year in agefiph_compliant_years(siren, at)
    return gip_mds.yearly(company_at(siren, at), year, nature, compliant, at)


def monthly_headcounts(siret: str, year: int, month: int, depth: int, nature: str, at: date) -> list | None:
    """Return the GIP-MDS's figures of ``siret`` on ``at`` for a month and the ``depth`` before it, or None."""
    compliant = agefiph_compliant_years(siret[:9], at)
    return gip_mds.monthly(establishment_at(siret, at), year, month, depth, nature, compliant, at)


def company_monthly_headcount(siren: str, year: int, month: int, at: date) -> float | None:
    """Return the average headcount of ``siren`` in a month on ``at`` (the v2 ACOSS figure), or None."""
    return gip_mds.company_month(company_at(siren, at), year, month, at)


@lru_cache(maxsize=CACHE_SIZE)
def craft_entry(siren: str, forced: bool = False) -> rnm.CraftEntry | None:
    """Return the RNM entry of ``siren``, or None when it is no craft business (unless ``forced``)."""
    owner = company(siren)
    craftsman = owner.person or next((d.person for d in owner.directors if d.person), None)
    return rnm.draw_entry(owner, rcs.birthplace(craftsman) if craftsman else "", HISTORY_END, forced)


def qualifelec_certificates(siret: str, forced: bool = False) -> tuple[qualifelec.Certificate, ...]:
    """Return the Qualifelec certificates of the establishment ``siret`` (none outside electrical trades)."""
    return qualifelec.draw_certificates(establishment(siret), HISTORY_END, forced)


def eori_record(siret_or_eori: str, forced: bool = False) -> douanes.EoriRecord | None:
    """Return the EORI registration a head office's SIRET or a French EORI number names, or None."""
    siret = siret_or_eori.removeprefix("FR")
    if not siret.isdigit() or len(siret) != 14:
        return None
    owner = company(siret[:9])
    return douanes.draw_record(owner, forced) if siret == owner.siege_siret else None


def training_provider(siret: str, forced: bool = False) -> carif_oref.TrainingProvider | None:
    """Return what the CARIF-OREF knows of the establishment ``siret``, or None."""
    site = establishment(siret)
    # The body that certifies a provider's RNCP certifications: the head office of another company.
    rng = seeded("rncp_certifier", siret)
    certifier = company(with_check_digit(f"{rng.randint(30_000_000, 89_999_999):08d}")).siege_siret
    return carif_oref.draw_provider(site, certifier, HISTORY_END, forced)


def cibtp_attestation(siret: str, forced: bool = False) -> cibtp.FundAttestation | None:
    """Return the CIBTP fund's attestation of the establishment ``siret``, or None."""
    return cibtp.draw_attestation(establishment(siret), forced)


def cibtp_behind(siret: str) -> bool:
    """Tell whether the establishment ``siret`` is affiliated to a CIBTP fund but behind with its contributions."""
    return cibtp.is_behind(establishment(siret))


def grants(identifier: str, forced: bool = False) -> tuple[data_subvention.GrantRequest, ...] | None:
    """Return the grant requests of the association a SIREN, SIRET or RNA number names (None: no association)."""
    if len(identifier) == 9:
        rna_id = company(identifier).rna
        found = association(rna_id) if rna_id else None
    else:
        found = association(identifier)
    return data_subvention.draw_grants(found, HISTORY_END, forced) if found else None


@lru_cache(maxsize=CACHE_SIZE)
def ownership(siren: str) -> shareholding.Ownership | None:
    """Return who owns the company of ``siren`` and what it owns, or None for a unit without capital."""
    return shareholding.draw_ownership(company(siren), company)


def succession_links(
    siret: str, at: date, forced: bool = False
) -> tuple[list[successions.Succession], list[successions.Succession]]:
    """Return the links that end at ``siret`` (its predecessors) and start from it (its successors), made by ``at``."""
    curated_links = successions.curated_links(siret)
    if curated_links:
        incoming_links = [link for link in curated_links if link.successor == siret]
        outgoing_links = [link for link in curated_links if link.predecessor == siret]
    else:
        site = establishment(siret)
        before, after = successions.previous_siret(siret), successions.next_siret(siret)
        incoming = successions.link_from(establishment(before), site, HISTORY_END, forced) if before else None
        outgoing = successions.link_from(site, establishment(after), HISTORY_END, forced) if after else None
        incoming_links, outgoing_links = [incoming] if incoming else [], [outgoing] if outgoing else []
    return [link for link in incoming_links if link.day <= at], [link for link in outgoing_links if link.day <= at]


def organic_operator(siret: str) -> agence_bio.OrganicOperator | None:
    """Return the Agence Bio's entry of the establishment ``siret``, or None."""
    return agence_bio.draw_operator(establishment(siret), HISTORY_END)
