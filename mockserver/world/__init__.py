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
its creation (``exists``), active before a later closing, a duplicate itself until Sirene merged
it. The periodic series (accounts, attestations, headcounts), the certificates and labels (chains
of periods, ``validity``) and the RNA (``association_at``) take the day they are read on and show
what was filed, issued or in force by then.
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
from mockserver.world.association_life import Declarations, draw_declarations, with_curated_declarations
from mockserver.world.entities import Association, Company, Director, Establishment, Facet, amended
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
def merged_on(siren: str) -> date | None:
    """Return the day Sirene merged a duplicate ``siren`` into its successor; None for a unit of its own."""
    # The company a duplicate names is its successor's: no second draw of whether it is one.
    successor = company(siren)
    return insee.draw_merge_day(siren, successor.created_on, HISTORY_END) if successor.siren != siren else None


def _merged_by(siren: str, at: date) -> bool:
    """Tell whether ``siren`` is a duplicate Sirene had merged into its successor by ``at``."""
    merged = merged_on(siren)
    return merged is not None and merged <= at


def _unit(siren: str, at: date) -> Company:
    """Return the life ``siren`` names on ``at``: a duplicate is its successor under its own SIREN until merged."""
    drawn = company(siren)
    if drawn.siren == siren or _merged_by(siren, at):
        return drawn
    # One company entered twice in Sirene: the same facts under the second SIREN, its RNA number kept.
    return amended(drawn, siren=siren, rna_id=drawn.rna)


def _officers_at(drawn: Company, at: date, ceased: date | None) -> tuple[Director, ...]:
    """Return the officers of ``drawn`` in office on ``at``: the drawn ones, replaced year by year after the history."""
    return insee.later_officers(drawn.directors, drawn.siren, HISTORY_END, at, ceased)


@lru_cache(maxsize=CACHE_SIZE)
def company_at(siren: str, at: date) -> Company:
    """Return the company of ``siren`` as it stood on ``at``: active before a later closing, its band of then.

    A fact dated after ``at`` (a closing, the last update) is not known yet; INSEE's headcount band is
    that of the year its lag gives on ``at``; a duplicate names its successor once Sirene merged it. The
    copy shares the drawn company's address; after the drawn history its officers are those in office on ``at``
    and a legal person bears the name it took last by then.
    """
    drawn = _unit(siren, at)
    lag = HISTORY_END.year - drawn.headcount_year
    ceased = drawn.ceased_on if drawn.ceased_on and drawn.ceased_on <= at else None
    updated = drawn.updated_on if drawn.updated_on <= at else drawn.created_on
    if drawn.ceased_on is not None or at <= HISTORY_END or drawn.siren in STEADY:
        return amended(drawn, ceased_on=ceased, updated_on=updated, headcount_year=at.year - lag)
    # The history goes on after its drawn end: closings, officers' replacements and a legal person's new
    # names drawn year by year.
    ceased = insee.later_closing(drawn.siren, HISTORY_END, at)
    officers = Facet(_officers_at, drawn, at, ceased)
    name = drawn.raison_sociale
    if not drawn.person and not drawn.is_association:
        renamed = insee.later_name(drawn.siren, HISTORY_END, at, ceased)
        if renamed:
            updated, name = renamed
    return amended(
        drawn,
        ceased_on=ceased,
        updated_on=ceased or updated,
        headcount_year=at.year - lag,
        directors_facet=officers,
        raison_sociale=name,
    )


@lru_cache(maxsize=CACHE_SIZE)
def establishment_at(siret: str, at: date) -> Establishment:
    """Return the establishment of ``siret`` as it stood on ``at``: open before a later closing."""
    drawn = establishment(siret)
    if drawn.siret != siret and not _merged_by(siret[:9], at):
        # Before the merge a duplicate's SIRET names the successor's establishment of the same NIC.
        drawn = amended(establishment(drawn.company.siren + siret[9:]), siret=siret)
    owner = company_at(siret[:9] if drawn.siret == siret else drawn.company.siren, at)
    closed = drawn.closed_on if drawn.closed_on and drawn.closed_on <= at else None
    if owner.ceased_on and closed is None:
        # A company closed closes its establishments the same day at the latest.
        closed = owner.ceased_on
    return amended(
        drawn,
        company=owner,
        closed_on=closed,
        updated_on=drawn.updated_on if drawn.updated_on <= at else drawn.created_on,
    )


def exists(identifier: str, at: date) -> bool:
    """Tell whether the entity a SIREN, SIRET or RNA number names was created by ``at``."""
    if identifier.startswith("W"):
        drawn = association(identifier)
    elif len(identifier) == 9:
        drawn = company(identifier)
    elif is_duplicate(identifier, at):
        drawn = establishment(identifier)
    else:
        # A duplicate's SIRET before the merge: the successor's establishment of the same NIC.
        drawn = establishment(company(identifier[:9]).siren + identifier[9:])
    return drawn is None or drawn.created_on <= at


def is_duplicate(identifier: str, at: date = HISTORY_END) -> bool:
    """Tell whether a SIREN or SIRET is a duplicate Sirene redirects to its successor on ``at`` (merged by then)."""
    return _merged_by(identifier[:9], at)


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


@lru_cache(maxsize=CACHE_SIZE)
def association_at(identifier: str, at: date) -> Association | None:
    """Return the association of an RNA number or a SIRET as the RNA showed it on ``at``, or None."""
    record = association(identifier)
    return rna.record_at(record, at) if record else None


def dissolved(record: Association, at: date) -> Association:
    """Return the association of ``record`` as the RNA showed it on ``at``, dissolved (the scenario's)."""
    return rna.record_at(rna.dissolved(association(record.rna_id), HISTORY_END, at), at)


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
    drawn = draw_declarations(seeded("declarations", key), name, created, city, with_siren)
    return with_curated_declarations(drawn, curated.DJEPVA_VIEWS.get(key, {}))


# --- RCS / RNE, INPI -----------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def registration(siren: str) -> rcs.Registration | None:
    """Return the trade-register entry of the company of ``siren``, or None when the register does not know it."""
    owner = company(siren)
    # The closing month alone, the accounts' first draw: the register needs no more of them.
    drawn = rcs.draw_registration(owner, draw_closing_month(owner), HISTORY_END)
    known = curated.provider_facts("inpi_rne_deposits", siren)
    return replace(drawn, **rcs.deposits_of(known)) if drawn and known else drawn


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
def ip_rights(siren: str, at: date) -> inpi.IpRights:
    """Return the INPI rights of the company of ``siren`` published by ``at``."""
    return inpi.draw_ip_rights(company(siren), HISTORY_END, at)


# --- DGFIP, URSSAF -------------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def finances(siren: str, at: date) -> Finances:
    """Return the accounts of the company of ``siren``: the years filed by ``at``, none closed after its closing."""
    drawn = draw_finances(company(siren), at)
    ceased = company_at(siren, at).ceased_on
    if ceased is None or ceased <= HISTORY_END:
        return drawn
    # A closing after the drawn history ends the accounts too (the drawn ones end at an earlier one).
    return replace(drawn, years=tuple(year for year in drawn.years if year.closing <= ceased))


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


def collective_agreements(siret: str, at: date) -> tuple[int, ...]:
    """Return the IDCC numbers of the collective agreements of the establishment ``siret`` on ``at``."""
    known = (curated.provider_facts("conventions_collectives", siret[:9]) or {}).get(siret)
    return tuple(known) if known is not None else social.collective_agreements(establishment_at(siret, at), at)


# --- Building and public works: CNETP, FNTP, Qualibat, RGE, OPQIBI -------------------------


# Companies whose documented certificates hold from the first day they can: the curated and the official staging ones.
STEADY = frozenset(curated.COMPANIES) | insee.NEVER_DUPLICATES


@lru_cache(maxsize=CACHE_SIZE)
def cnetp_certificate(siren: str, at: date) -> building.FundCertificate | None:
    """Return the CNETP's paid-leave certificate issued on ``at`` to a public-works employer active then, or None."""
    return building.draw_cnetp_certificate(company_at(siren, at))


@lru_cache(maxsize=CACHE_SIZE)
def professional_card(siren: str, at: date) -> building.ProfessionalCard | None:
    """Return the FNTP card of the season of ``at`` of a public-works company active then, or None."""
    return building.draw_professional_card(company_at(siren, at), at)


@lru_cache(maxsize=CACHE_SIZE)
def rge_certificates(siren: str, at: date, forced: bool = False) -> tuple[building.RgeCertificate, ...]:
    """Return the RGE qualifications ADEME lists for the company on ``at``; ``forced`` lends some to any company."""
    return building.draw_rge_certificates(company_at(siren, at), at, forced, siren in STEADY)


@lru_cache(maxsize=CACHE_SIZE)
def qualibat_certificate(siren: str, at: date) -> building.QualibatCertificate | None:
    """Return the Qualibat certificate in force on ``at`` of a building company active then, or None."""
    owner = company_at(siren, at)
    return building.draw_qualibat_certificate(owner, rge_certificates(siren, at), at, siren in STEADY)


@lru_cache(maxsize=CACHE_SIZE)
def opqibi_certificate(siren: str, at: date) -> building.OpqibiCertificate | None:
    """Return the OPQIBI certificate in force on ``at`` of the company of ``siren``, if it holds one."""
    return building.draw_opqibi_certificate(company_at(siren, at), at, siren in STEADY)


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
    known = curated.provider_facts("gip_mds_yearly", siren)
    return gip_mds.yearly(company_at(siren, at), year, nature, compliant, at, known)


def monthly_headcounts(siret: str, year: int, month: int, depth: int, nature: str, at: date) -> list | None:
    """Return the GIP-MDS's figures of ``siret`` on ``at`` for a month and the ``depth`` before it, or None."""
    compliant = agefiph_compliant_years(siret[:9], at)
    known = (curated.provider_facts("gip_mds_monthly", siret[:9]) or {}).get(siret)
    return gip_mds.monthly(establishment_at(siret, at), year, month, depth, nature, compliant, at, known)


def company_monthly_headcount(siren: str, year: int, month: int, at: date) -> float | None:
    """Return the average headcount of ``siren`` in a month on ``at`` (the v2 ACOSS figure), or None."""
    return gip_mds.company_month(company_at(siren, at), year, month, at)


@lru_cache(maxsize=CACHE_SIZE)
def craft_entry(siren: str, at: date, forced: bool = False) -> rnm.CraftEntry | None:
    """Return the RNM entry of ``siren`` on ``at``, or None when it is no craft business (unless ``forced``)."""
    owner = company_at(siren, at)
    craftsman = owner.person or next((d.person for d in owner.directors if d.person), None)
    drawn = rnm.draw_entry(owner, rcs.birthplace(craftsman) if craftsman else "", at, forced)
    facts = curated.provider_facts("rnm", siren)
    return replace(drawn, **facts) if drawn and facts else drawn


def qualifelec_certificates(siret: str, at: date, forced: bool = False) -> tuple[qualifelec.Certificate, ...]:
    """Return the Qualifelec certificates in force on ``at`` of the establishment ``siret`` (electrical trades)."""
    known = (curated.provider_facts("qualifelec", siret[:9]) or {}).get(siret)
    if known is not None:
        return qualifelec.certified_by(curated.build(tuple[qualifelec.Certificate, ...], known), at)
    return qualifelec.draw_certificates(establishment_at(siret, at), at, forced)


def eori_record(siret_or_eori: str, at: date, forced: bool = False) -> douanes.EoriRecord | None:
    """Return the EORI registration a head office's SIRET or a French EORI number names, the trader as on ``at``."""
    siret = siret_or_eori.removeprefix("FR")
    if not siret.isdigit() or len(siret) != 14:
        return None
    owner = company(siret[:9])
    known = (curated.provider_facts("eori", siret[:9]) or {}).get(siret)
    drawn = douanes.draw_record(owner, forced, known) if siret == owner.siege_siret else None
    return replace(drawn, company=company_at(owner.siren, at)) if drawn else None


def training_provider(siret: str, at: date, forced: bool = False) -> carif_oref.TrainingProvider | None:
    """Return what the CARIF-OREF knows of the establishment ``siret`` on ``at``, or None."""
    known = (curated.provider_facts("carif_oref", siret[:9]) or {}).get(siret)
    if known is not None:
        return carif_oref.known_on(curated.build(carif_oref.TrainingProvider, known), at)
    site = establishment_at(siret, at)
    # The body that certifies a provider's RNCP certifications: the head office of another company.
    rng = seeded("rncp_certifier", siret)
    certifier = company(with_check_digit(f"{rng.randint(30_000_000, 89_999_999):08d}")).siege_siret
    return carif_oref.draw_provider(site, certifier, at, forced)


def cibtp_attestation(siret: str, forced: bool = False) -> cibtp.FundAttestation | None:
    """Return the CIBTP fund's attestation of the establishment ``siret``, or None."""
    return cibtp.draw_attestation(establishment(siret), forced)


def cibtp_behind(siret: str) -> bool:
    """Tell whether the establishment ``siret`` is affiliated to a CIBTP fund but behind with its contributions."""
    return cibtp.is_behind(establishment(siret))


def grants(identifier: str, at: date, forced: bool = False) -> tuple[data_subvention.GrantRequest, ...] | None:
    """Return the grant requests of the association a SIREN, SIRET or RNA number names on ``at`` (None: none)."""
    known = curated.provider_facts("data_subvention", identifier)
    if known is not None:
        requests = curated.build(tuple[data_subvention.GrantRequest, ...], known)
        return data_subvention.requested_by(requests, at)
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


def ownership_at(siren: str, at: date) -> shareholding.Ownership | None:
    """Return the ownership of ``siren`` with the legal representative in office on ``at``; the stakes stay as drawn."""
    drawn = ownership(siren)
    if drawn is None:
        return None
    return replace(drawn, representative=shareholding.representative_of(company_at(siren, at)))


def declared_officers(siren: str) -> tuple[dict, ...] | None:
    """Return the officers a staging file shows the greffe's list of ``siren`` names, in its own words, or None."""
    known = curated.provider_facts("infogreffe_mandataires_sociaux", siren)
    return tuple(known) if known is not None else None


def declared_balance_sheets(siren: str, at: date) -> tuple[dict, ...] | None:
    """Return the Banque de France sheets a staging file shows of ``siren``, those closed by ``at``, or None.

    Each is in the Banque de France's own words (its boxes and computed values): the file's sheet is
    no projection of the world's accounts.
    """
    known = curated.provider_facts("banque_de_france_bilans", siren)
    if known is None:
        return None
    return tuple(sheet for sheet in known if curated.day(sheet["closed_on"]) <= at)


def declared_links(siren: str, year: int) -> shareholding.DeclaredLinks | None:
    """Return the capital links a staging file shows the tax return of ``year`` declares, or None."""
    known = (curated.provider_facts("dgfip_liens_capitalistiques", siren) or {}).get(str(year))
    return curated.build(shareholding.DeclaredLinks, known) if known is not None else None


def declared_owners(siren: str) -> tuple[shareholding.DeclaredOwner, ...] | None:
    """Return the beneficial owners a staging file shows the RNE's declaration of ``siren`` lists, or None."""
    known = curated.provider_facts("inpi_rne_beneficial_owners", siren)
    return curated.build(tuple[shareholding.DeclaredOwner, ...], known) if known is not None else None


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


def organic_operator(siret: str, at: date) -> agence_bio.OrganicOperator | None:
    """Return the Agence Bio's entry of the establishment ``siret`` on ``at``, or None."""
    return agence_bio.draw_operator(establishment_at(siret, at), at)
