"""What providers hold about an entity: coherent with the entity, and only where it belongs."""

from mockserver import world
from mockserver.world import rna
from mockserver.world.finances import CORPORATE_TAX_FORMS

from .helpers import TODAY
from .ordinary import drawn


def sirens(count, seed):
    return drawn(count, seed, 10000000, 89999999)


def test_attestations_and_certificates_go_to_the_companies_they_concern():
    for siren in sirens(600, 22):
        company = world.company(siren)
        tax = world.tax_attestation(siren, TODAY) is not None
        assert tax == (company.is_active and company.legal_form in CORPORATE_TAX_FORMS)
        assert (world.vigilance_attestation(siren, TODAY) is not None) == company.is_active
        if world.qualibat_certificate(siren, TODAY) or world.rge_certificates(siren, TODAY):
            assert company.naf.startswith(("41", "43")) and company.is_active
        if world.professional_card(siren, TODAY) or world.cnetp_certificate(siren, TODAY):
            assert company.naf.startswith("42") and company.is_active
        if world.cnetp_certificate(siren, TODAY) or world.probtp_attestation(company.siege_siret, TODAY):
            assert company.headcount_band not in ("NN", "00")


def test_qualibat_says_rge_exactly_when_ademe_lists_a_qualibat_certificate():
    checked = 0
    for siren in sirens(1500, 23):
        certificate = world.qualibat_certificate(siren, TODAY)
        if certificate:
            listed = [c for c in world.rge_certificates(siren, TODAY) if c.certificate == "QUALIBAT-RGE"]
            assert certificate.rge == tuple(listed)
            assert certificate.is_rge == bool(listed)
            checked += certificate.is_rge
    assert checked > 20


def test_association_documents_are_in_order_and_never_before_the_rna():
    checked = 0
    for siren in sirens(2000, 24):
        file = world.association_file(world.company(siren).siege_siret)
        if file is None:
            continue
        checked += 1
        assert file.documents[0].kind == "Statuts"
        for days in ([d.dated_on for d in file.documents], [d.deposited_on for d in file.documents]):
            assert days == sorted(days)
        assert all(rna.RNA_OPENING <= d.deposited_on <= TODAY for d in file.documents)
        assert all(file.association.created_on <= d.dated_on for d in file.documents)
        assert any(d.person for d in file.directors)
    assert checked > 50


def test_pro_btp_delivers_its_attestation_exactly_to_the_eligible_accounts_of_building_employers():
    eligible = ineligible = 0
    for siren in sirens(2500, 24):
        company = world.company(siren)
        account = world.probtp_account(company.siege_siret, TODAY)
        assert (account is not None) == (company.is_building_trade and company.is_employer)
        if account is None:
            continue
        assert world.probtp_attestation(company.siege_siret, TODAY) == (account if account.eligible else None)
        assert account.eligible <= company.is_active
        eligible += account.eligible
        ineligible += not account.eligible
    assert eligible > 20 and ineligible > 1
