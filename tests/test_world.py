"""The world model: the same identifier is the same entity, and its parts agree."""

from datetime import timedelta

from mockserver import world
from mockserver.rules.identifiers import is_siret
from mockserver.world import nomenclatures as nom

from .helpers import TODAY
from .ordinary import drawn


def sirens(count, seed):
    return drawn(count, seed, 10000000, 89999999)


def test_head_office_siret_is_valid_and_belongs_to_the_company():
    for siren in sirens(300, 1):
        company = world.company(siren)
        assert is_siret(company.siege_siret)
        assert world.establishment(company.siege_siret).is_siege


def test_dates_are_in_order():
    for siren in sirens(300, 2):
        company = world.company(siren)
        assert company.created_on <= company.updated_on <= TODAY
        if company.ceased_on:
            assert company.created_on < company.ceased_on < TODAY
        for director in company.directors:
            if director.person:
                assert director.person.date_naissance.year <= TODAY.year - 20


def test_sole_traders_are_small_and_named():
    for siren in sirens(400, 3):
        company = world.company(siren)
        if company.is_personne_physique:
            assert company.person is not None
            assert company.headcount_band in ("NN", "00", "01", "02")
            assert company.capital is None


def test_activities_suit_the_legal_form():
    for siren in sirens(400, 4):
        company = world.company(siren)
        if company.legal_form in nom.NAF_BY_LEGAL_FORM:
            assert company.naf in nom.NAF_BY_LEGAL_FORM[company.legal_form]


def test_association_is_one_entity_by_siret_and_by_rna_number():
    found = 0
    for siren in sirens(400, 5):
        company = world.company(siren)
        if company.legal_form in nom.RNA_FORMS:
            by_siret = world.association(company.siege_siret)
            assert by_siret == world.association(f"W{siren}")
            assert by_siret.titre == company.raison_sociale
            assert by_siret.siret == company.siege_siret
            found += 1
        else:
            assert world.association(company.siege_siret) is None
    assert found > 10


def test_rna_only_association_has_no_siret():
    association = world.association("W751212517")
    assert association.company is None and association.siret is None
    assert association.created_on <= association.declared_on


def test_successors_are_valid_and_different():
    assert world.successor_siren("999990047") != "999990047"
    assert is_siret(world.successor_siret("99999004700014"))


def test_a_dissolved_association_keeps_its_identity():
    association = world.association_at("W751212517", TODAY)
    dissolved = world.dissolved(association, TODAY)
    assert dissolved.rna_id == association.rna_id and dissolved.titre == association.titre
    assert association.declared_on < dissolved.dissolved_on < TODAY
    assert world.dissolved(dissolved, TODAY) == dissolved


def test_financial_years_follow_each_other_from_the_creation():
    for siren in sirens(200, 6):
        company = world.company(siren)
        years = world.finances(siren, TODAY).years
        for before, after in zip(years, years[1:], strict=False):
            assert after.opening == before.closing + timedelta(days=1)
        if years and years[0].opening == company.created_on:
            assert years[0].days >= 183
        for year in years:
            assert year.filed_on <= TODAY
            assert company.ceased_on is None or year.closing <= company.ceased_on
